using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Runtimes.Processes;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Runtimes.Processes;

/// <summary>
/// A lone seed process started as the launcher starts one with the scenario's "metrics" field
/// (a free port the OS picked), for the tests of the node programs' /metrics.
/// </summary>
internal static class MetricsSeed
{
    /// <summary>Starts <paramref name="program"/> as seed 0 writing into <paramref name="dir"/>; returns it and the port it serves /metrics on.</summary>
    public static (NodeProcess Seed, int Port, string OutDir) Start(string program, string dir)
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        int basePort = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var s = new Scenario { Runtime = "real", Seeds = 1, Peers = 1, Metrics = new MetricsSettings { BasePort = basePort } };
        var listen = new NodeAddress((127u << 24) | 1, 0);
        string seedFile = Path.Combine(dir, "seeds.txt"), outDir = Path.Combine(dir, "seed-0");
        var seed = NodeProcess.Start(null, program,
            ["seed", .. NodeArguments.Common(listen, seedFile, outDir, 7, "seed", 0, Environment.ProcessId), .. NodeArguments.Seed(s),
             .. NodeArguments.Metrics(s, listen, isSeed: true, 0), "--seeds-wait", "60"], "seed 0", outDir);
        try
        {
            seed.WaitReady(TimeSpan.FromSeconds(60));
            File.WriteAllText(seedFile, Engine.Config.SeedListFile.Format([seed.ListeningAddress!.Value]));
        }
        catch
        {
            seed.Kill();
            seed.WaitExit(TimeSpan.FromSeconds(30));
            throw;
        }
        return (seed, basePort, outDir);
    }

    /// <summary>Waits until the seed's /metrics page says it knows no member yet (it serves its count), failing if it exits or a minute passes.</summary>
    public static async Task ServesItsMemberCountAsync(NodeProcess seed, int port)
    {
        using var http = new HttpClient();
        string page = "";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!page.Contains("gossipsim_members_known{role=\"seed\"} 0"))
        {
            Assert.That(seed.HasExited, Is.False, () => $"the seed runs: {seed.StderrTail()}");
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"the seed serves its member count at port {port}; last page: {page}");
            try { page = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics"); }
            catch (HttpRequestException) { await Task.Delay(100); }
        }
    }
}
