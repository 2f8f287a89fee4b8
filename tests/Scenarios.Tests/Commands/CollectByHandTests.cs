using System.Text.Json;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Scenarios.Commands;
using GossipSim.Scenarios.Runtimes.Processes;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Commands;

/// <summary>
/// The classic assignment by hand: 3 seeds and 5 peers started as separate node processes from
/// one seed list, as a person starts them in terminals; one peer is killed; the rest stop with
/// Ctrl-C (SIGTERM); <c>collect</c> gathers their folders into one run's results, where the kill,
/// the peers' Dead Node line and the seeds' removal are all found.
/// </summary>
[NonParallelizable]
public class CollectByHandTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    private static readonly string[] SeedTimings = ["--probe-timeout", "2", "--proposal-timeout", "5", "--anti-entropy-interval", "1"];

    private static readonly string[] PeerTimings =
        ["--gossip-interval", "0.5", "--messages", "20", "--ping-interval", "0.5", "--misses", "3", "--witness-probe-timeout", "2",
         "--suspicion-query-timeout", "4", "--register-timeout", "2", "--link-timeout", "2", "--reattach-retry", "1"];

    [Test]
    public void ThreeSeedsAndFivePeersByHand_OneKilled_CollectShowsTheKillTheReportAndTheRemoval()
    {
        string dir = Directory.CreateTempSubdirectory("gossipsim-collect-").FullName;
        var nodes = new List<NodeProcess>();
        try
        {
            var seedAddresses = RealRunner.ReservePorts(3).Select(p => new NodeAddress((127u << 24) | 1, (ushort)p)).ToArray();
            string seedFile = Path.Combine(dir, "seeds.txt");
            File.WriteAllText(seedFile, SeedListFile.Format(seedAddresses));
            var seeds = seedAddresses.Select((a, i) => Start(nodes, dir, "seed", i, a.ToString(), seedFile, SeedTimings)).ToList();
            foreach (var s in seeds) s.WaitReady(Limit);

            // One peer after another, each once the one before has registered: a newcomer links only to registered peers.
            var peers = new List<NodeProcess>();
            for (int i = 0; i < 5; i++)
            {
                var peer = Start(nodes, dir, "peer", i, "127.0.0.1:0", seedFile, PeerTimings);
                peer.WaitReady(Limit);
                Until(() => Status(peer) is { } st && st.GetProperty("registered").GetBoolean(), $"peer {i} registered", peer);
                peers.Add(peer);
            }
            Until(() => peers.All(p => Status(p) is { } st && st.GetProperty("degree").GetInt32() > 0 && st.GetProperty("gossipReceived").GetInt64() > 0),
                "every peer linked and receiving gossip", peers[0]);

            // Every seed's status lists all 5 first: a status written before the last add reads 4 members, the count the removal
            // below waits for (CI, 5 test lanes: the kill came 0.3 s after the fifth peer registered, and the run was stopped
            // before any seed removed the victim).
            Until(() => seeds.All(s => Status(s) is { } st && st.GetProperty("members").GetInt32() == 5), "every seed lists the 5 peers", seeds[0]);
            var victim = peers.OrderByDescending(p => Status(p)!.Value.GetProperty("degree").GetInt32()).First();
            var victimAddress = victim.ListeningAddress!.Value;
            victim.Kill();
            Until(() => seeds.All(s => Status(s) is { } st && st.GetProperty("members").GetInt32() == 4), "every seed removed the killed peer", seeds[0]);
            foreach (var n in nodes.Where(n => n != victim)) n.Terminate();
            foreach (var n in nodes) Assert.That(n.WaitExit(Limit), Is.True, $"{n.Name} stopped");

            string results = Path.Combine(dir, "results");
            int code = CollectCommand.Run([dir], results, _ => { }, "collect (test)");
            Assert.That(code, Is.Zero);

            string output = File.ReadAllText(Path.Combine(results, "outputfile.txt"));
            Assert.That(output, Does.Contain($"[run] crash: peer {victimAddress}"), "the kill");
            Assert.That(output, Does.Contain($"Dead Node:{victimAddress.IpText}:{victimAddress.Port}:"), "a peer's report, in R11's words");
            Assert.That(output, Does.Contain($"remove {victimAddress} COMMITTED"), "a seed's removal");
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines.Select(l => l[..23]), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal), "time-ordered");
            Assert.That(lines, Has.All.Match(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \[[^\]]+\] "), "every line stamped and tagged with its node");

            using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(results, "summary.json")));
            var failure = summary.RootElement.GetProperty("failures").EnumerateArray().Single();
            Assert.That(failure.GetProperty("node").GetString(), Is.EqualTo(victimAddress.ToString()));
            Assert.That(failure.GetProperty("reportedAt").ValueKind, Is.EqualTo(JsonValueKind.Number), "the dead report is on the timeline");
            Assert.That(failure.GetProperty("removedAt").ValueKind, Is.EqualTo(JsonValueKind.Number), "the removal is on the timeline");
            Assert.That(summary.RootElement.GetProperty("falseRemovals").GetInt32(), Is.Zero, "the killed peer's removal is no false removal");
            Assert.That(summary.RootElement.GetProperty("peers").GetInt32(), Is.EqualTo(5));

            string report = File.ReadAllText(Path.Combine(results, "report.html"));
            Assert.That(report, Does.Contain($"<td>{victimAddress}</td>"), "the crash in the report's failures");
            foreach (var plot in new[] { "degree.png", "latency.png", "failures.png" })
                Assert.That(File.Exists(Path.Combine(results, plot)), plot);
        }
        finally
        {
            foreach (var n in nodes)
            {
                n.Kill();
                n.WaitExit(Limit);
            }
            Directory.Delete(dir, recursive: true);
        }
    }

    private static NodeProcess Start(List<NodeProcess> nodes, string dir, string role, int index, string listen, string seedFile, string[] timings)
    {
        string outDir = Path.Combine(dir, "nodes", $"{role}-{index}");
        var args = new List<string> { role, "--listen", listen, "--seeds", seedFile, "--out", outDir, "--quiet", "--parent-pid", Environment.ProcessId.ToString() };
        args.AddRange(timings);
        var node = NodeProcess.Start(null, Path.Combine(AppContext.BaseDirectory, "GossipSim.RealNet.dll"), args, $"{role} {index}", outDir);
        nodes.Add(node);
        return node;
    }

    private static JsonElement? Status(NodeProcess node) => NodeStatus.Read(node.OutDir);

    private static void Until(Func<bool> condition, string what, NodeProcess watched)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"not reached within {Limit.TotalSeconds:0} s: {what} ({watched.Name}: {watched.StderrTail()})");
            Thread.Sleep(100);
        }
    }
}
