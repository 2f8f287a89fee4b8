using System.Net;
using System.Net.Sockets;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.RealNet.Cli;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Metrics;
using GossipSim.RealNet.Tests.Support;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Metrics;

/// <summary>
/// --metrics on the node executable: a seed and a peer as processes, each /metrics scraped
/// directly; every metric of the table is there with its declared type and the role label,
/// and the counters move with the traffic. Bad --metrics input is a clear error, exit code 2.
/// </summary>
public class MetricsEndpointTests : NodeProcessFixture
{
    [Test]
    public async Task SeedAndPeer_ServeEveryMetricOfTheirRole_WithItsType()
    {
        string seedsFile = Path.Combine(Dir, "seeds.txt");
        string parent = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var seedMetrics = Loopback.DeadAddress();
        var seed = StartNode("seed", "seed-0", ["--listen", "127.0.0.1:0", "--seeds", seedsFile, "--seeds-wait", "120", "--quiet", "--parent-pid", parent,
            "--metrics", seedMetrics.ToString()]);
        File.WriteAllText(seedsFile, SeedListFile.Format([await seed.ListeningAsync(Patience)]));
        // Port 0: the node picks one and logs it (not --quiet, so the log is on stdout).
        var peer = StartNode("peer", "peer-0", ["--listen", "127.0.0.1:0", "--seeds", seedsFile, "--parent-pid", parent, "--metrics", "127.0.0.1:0", .. FastTimings.PeerArgs]);
        await peer.ListeningAsync(Patience);
        string? peerUrl = null;
        await Eventually.HoldsAsync(() => (peerUrl = MetricsUrlIn(peer)) != null, "the peer logs its metrics address", Patience);

        using var http = new HttpClient();
        await Eventually.HoldsAsync(async () => Exposition.Parse(await http.GetStringAsync(peerUrl)).Samples
                .Any(s => s.Name == MetricsTable.MessagesSent && s.Labels.Contains("kind=\"register_request\"") && s.Value >= 1),
            "the peer counts the register request it sent", Patience);
        // A seed serves its metrics once it has read its seed list, which it polls for: wait for the page, not the clock.
        Exposition seedPage = null!;
        await Eventually.HoldsAsync(async () =>
            {
                try { seedPage = Exposition.Parse(await http.GetStringAsync($"http://{seedMetrics}/metrics")); }
                catch (HttpRequestException) { return false; }
                return seedPage.Samples.Any(s => s.Name == MetricsTable.MessagesReceived && s.Labels.Contains("kind=\"register_request\"") && s.Value >= 1)
                    && seedPage.Samples.Any(s => s.Name == "gossipsim_transport_received_bytes_total" && s.Value > 0);
            },
            "the seed serves its metrics and counts the register request it received, and its bytes", Patience);
        var peerPage = Exposition.Parse(await http.GetStringAsync(peerUrl));

        foreach (var (role, page) in new[] { (NodeRole.Seed, seedPage), (NodeRole.Peer, peerPage) })
        {
            string roleLabel = role == NodeRole.Seed ? "role=\"seed\"" : "role=\"peer\"";
            foreach (var d in MetricsTable.For(role))
            {
                Assert.That(page.Types.GetValueOrDefault(d.Name), Is.EqualTo(d.Type == MetricType.Counter ? "counter" : "gauge"), $"{role}: TYPE of {d.Name}");
                Assert.That(page.Samples.Any(s => s.Name == d.Name && s.Labels.Contains(roleLabel) && (d.LabelValue == null || s.Labels.Contains($"{d.LabelName}=\"{d.LabelValue}\""))),
                    $"{role}: a sample of {d.Name}");
            }
            Assert.That(page.Types.GetValueOrDefault(MetricsTable.MessagesSent), Is.EqualTo("counter"));
            Assert.That(page.Samples.Where(s => s.Name.StartsWith("gossipsim_", StringComparison.Ordinal)).Select(s => s.Name).Distinct()
                .Except(MetricsTable.For(role).Select(d => d.Name)).Except([MetricsTable.MessagesSent, MetricsTable.MessagesReceived]), Is.Empty,
                $"{role}: nothing outside the table");
        }
        Assert.That(seedPage.Types.ContainsKey("gossipsim_degree"), Is.False, "a seed has no degree");
        Assert.That(seedPage.Value(MetricsTable.MessagesReceived, "kind=\"register_request\""), Is.GreaterThanOrEqualTo(1));
        Assert.That(seedPage.Value("gossipsim_transport_received_bytes_total"), Is.GreaterThan(0));
        Assert.That(peerPage.Value("gossipsim_transport_sent_bytes_total"), Is.GreaterThan(0));
        Assert.That(peerPage.Value("gossipsim_transport_frames_sent_total"), Is.GreaterThanOrEqualTo(1));
    }

    [TestCase("nowhere", "--metrics: expected IP:Port (or auto:Port), got 'nowhere'")]
    [TestCase("127.0.0.1:70000", "--metrics: '70000' is not a port")]
    [TestCase("::1:9100", "--metrics: '::1' is not an IPv4 address")]
    public void BadMetricsAddress_ExitsWith2_BeforeBinding(string value, string expected)
    {
        var (code, stdout, stderr) = RunInProcess("--metrics", value);
        Assert.That(code, Is.EqualTo(NodeRunner.ExitUsage));
        Assert.That(stderr, Does.Contain(expected));
        Assert.That(stdout, Does.Not.Contain("LISTENING"));
    }

    [Test]
    public void MetricsPortInUse_ExitsWith2_NamingTheAddress()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        string at = $"127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";
        var (code, _, stderr) = RunInProcess("--metrics", at);
        Assert.That(code, Is.EqualTo(NodeRunner.ExitUsage), stderr);
        Assert.That(stderr, Does.Contain($"--metrics: cannot serve on {at}"));
    }

    private (int Code, string Out, string Err) RunInProcess(params string[] extra)
    {
        string seeds = Path.Combine(Dir, "seeds.txt");
        File.WriteAllText(seeds, "127.0.0.1:5001\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = NodeCommandLine.Run(["peer", "--listen", "127.0.0.1:0", "--seeds", seeds, "--out", Path.Combine(Dir, "node"), "--quiet", .. extra], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The address in the node's "metrics at http://…/metrics" log line.</summary>
    internal static string? MetricsUrlIn(NodeProcess p)
    {
        const string marker = "metrics at ";
        foreach (string line in p.Output)
            if (line.IndexOf(marker, StringComparison.Ordinal) is int at and >= 0) return line[(at + marker.Length)..].Trim();
        return null;
    }
}
