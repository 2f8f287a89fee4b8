using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.RealNet.Tests.Support;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Metrics;

/// <summary>
/// The operator's view, end to end: Debian's Prometheus server scrapes every node of a 3-seed,
/// 5-peer network of node processes on 127.0.0.1; a peer is SIGKILLed, and Prometheus's query
/// API must show the dead report and the removal's commit counted, and every seed's member count
/// down to the 4 live peers. Every process, Prometheus included, is killed in teardown.
/// </summary>
public class PrometheusScrapeTests : NodeProcessFixture
{
    [Test]
    public async Task Prometheus_CountsTheDeadReportAndTheCommit_AfterAPeerIsKilled()
    {
        if (PrometheusServer.Executable is not { } prometheus)
        {
            MachineParts.Require(MachinePart.Prometheus, "no prometheus on PATH");
            return;
        }
        TestContext.Out.WriteLine($"node and Prometheus output in {Dir}");
        string seedsFile = Path.Combine(Dir, "seeds.txt");
        string parent = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var targets = new List<NodeAddress>();

        NodeProcess Start(string role, string name, IEnumerable<string> args)
        {
            var metrics = Loopback.DeadAddress();
            targets.Add(metrics);
            return StartNode(role, name, [.. args, "--metrics", metrics.ToString()]);
        }

        var seeds = Enumerable.Range(0, 3).Select(i => Start("seed", $"seed-{i}",
            ["--listen", "127.0.0.1:0", "--seeds", seedsFile, "--seeds-wait", "120", "--quiet", "--parent-pid", parent, .. FastTimings.SeedArgs])).ToArray();
        var seedAddresses = new List<NodeAddress>();
        foreach (var s in seeds) seedAddresses.Add(await s.ListeningAsync(Patience));
        File.WriteAllText(seedsFile + ".tmp", SeedListFile.Format(seedAddresses));
        File.Move(seedsFile + ".tmp", seedsFile);
        var peers = Enumerable.Range(0, 5).Select(i => Start("peer", $"peer-{i}",
            ["--listen", "127.0.0.1:0", "--seeds", seedsFile, "--quiet", "--parent-pid", parent, .. FastTimings.PeerArgs])).ToArray();
        foreach (var p in peers) await p.ListeningAsync(Patience);

        var server = Track(PrometheusServer.Start(prometheus, Path.Combine(Dir, "prometheus"), Loopback.DeadAddress(), targets));

        async Task Until(string query, Func<double, bool> holds, string what) =>
            await Eventually.HoldsAsync(async () =>
            {
                Assert.That(server.HasExited, Is.False, $"Prometheus is running (its log: {Dir}/prometheus/prometheus.log)");
                return await server.ScalarAsync(query) is { } v && holds(v);
            }, $"{what} ({query})", Patience);

        try
        {
            await Until("count(up == 1)", v => v == 8, "Prometheus scrapes all 8 nodes");
        }
        catch (AssertionException)
        {
            TestContext.Out.WriteLine($"targets: {await server.TargetsAsync()}");
            throw;
        }
        await Until("count(gossipsim_members_known{role=\"seed\"} == 5)", v => v == 3, "every seed knows the 5 peers");
        await Until("count(gossipsim_gossip_first_receipts_total > 0)", v => v == 5, "every peer receives gossip");
        // The three queries of docs/deployment.md, section 10.
        await Until("sum(rate(gossipsim_gossip_first_receipts_total[1m]))", v => v > 0, "first receipts per second");
        double removalsBefore = await server.ScalarAsync("sum(gossipsim_commits_total{op=\"remove\"})") ?? 0;
        Assert.That(removalsBefore, Is.Zero, "no member was removed while all were alive");

        peers[1].Kill();
        await Until("sum(gossipsim_dead_reports_total)", v => v >= 1, "a live peer's dead report is counted");
        await Until("sum(gossipsim_commits_total{op=\"remove\"})", v => v >= 1, "the removal's commit is counted");
        await Until("count(gossipsim_members_known{role=\"seed\"} == 4)", v => v == 3, "every seed is down to the 4 live peers");
        await Until("sum(increase(gossipsim_dead_reports_total[5m]))", v => v > 0, "dead reports in the last 5 minutes");
        await Until("sum(increase(gossipsim_commits_total{op=\"remove\"}[5m]))", v => v > 0, "removals committed in the last 5 minutes");
        await Until("max(gossipsim_members_known{role=\"seed\"}) - min(gossipsim_members_known{role=\"seed\"})", v => v == 0, "the seeds agree on the membership");
        Assert.That(await server.ScalarAsync("sum(gossipsim_votes_total{vote=\"yes\"})"), Is.GreaterThanOrEqualTo(1), "the other seeds' votes are counted");
        Assert.That(await server.ScalarAsync("sum(gossipsim_messages_sent_total{kind=\"ping\"})"), Is.GreaterThanOrEqualTo(1), "pings sent are counted");
    }
}
