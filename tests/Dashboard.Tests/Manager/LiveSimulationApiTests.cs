using System.Text;
using System.Text.Json;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Analysis.Fitting;
using GossipSim.Scenarios.Dashboard;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Run.Control;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Runtimes.Sim;
using GossipSim.Simulator.Threads;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Dashboard.Tests.Manager;

/// <summary>
/// The manager over HTTP, as the page uses it: a simulation run live in this process is
/// partitioned and healed through <c>POST /api/command</c> at the virtual times the page has
/// paced it to, and the record of those commands repeats the run exactly; a real run whose
/// network cannot be cut lists no partition and refuses one in one line.
/// </summary>
public class LiveSimulationApiTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);
    private string _dir = "";
    private DashboardHost? _host;
    private HttpClient? _http;

    [SetUp]
    public void MakeDir() => _dir = Directory.CreateTempSubdirectory("gossipsim-live-").FullName;

    [TearDown]
    public async Task Cleanup()
    {
        _http?.Dispose();
        if (_host != null) await _host.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>3 seeds and 10 peers with demo timings: gossip every second, all through the run.</summary>
    private static Scenario Small(string runtime = "sim") => new()
    {
        Name = "live-manager", Runtime = runtime, Seed = 7, Seeds = 3, Peers = 10, JoinWindowSeconds = 2, DurationSeconds = 40, RealStartupSeconds = 1,
        Gossip = new GossipSettings { ["intervalSeconds"] = 1, ["messagesPerPeer"] = 100 },
        PeerSettings = new PeerSettings { ["linksPerNewcomer"] = 3, ["pingIntervalSeconds"] = 1, ["registerTimeoutSeconds"] = 2, ["linkTimeoutSeconds"] = 1 },
        Network = new NetworkSettings { Latency = new LatencySpec { Model = "uniform", MinMs = 1, MaxMs = 5 } },
    };

    private async Task Serve()
    {
        _host = await DashboardHost.StartAsync(0);
        _http = new HttpClient { BaseAddress = _host.Url, Timeout = Generous };
        _http.DefaultRequestHeaders.Add(DashboardToken.Header, _host.Token.Value);
    }

    private async Task<JsonElement> Post(string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
        using var response = await _http!.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<JsonElement> Get(string path) => JsonDocument.Parse(await _http!.GetStringAsync(path)).RootElement.Clone();

    /// <summary>Waits for the page's frame to show a virtual time of at least <paramref name="seconds"/>: as long as virtual time
    /// keeps advancing (a slow machine runs the simulation slower, not wrongly), failing only when it stands still for
    /// <see cref="Generous"/>. The frame gives its time to the millisecond, so a time read from one frame plus a step
    /// (8.932 + 8 = 16.932000000000002) is reached when the frame shows 16.932.</summary>
    private async Task<double> WaitForTime(double seconds, Task run)
    {
        seconds = Math.Round(seconds, 3);
        var deadline = DateTime.UtcNow + Generous;
        double last = double.MinValue;
        while (DateTime.UtcNow < deadline && !run.IsCompleted)
        {
            var frame = await Get("/api/frame");
            if (frame.TryGetProperty("t", out var t))
            {
                if (t.GetDouble() >= seconds) return t.GetDouble();
                if (t.GetDouble() > last)
                {
                    last = t.GetDouble();
                    deadline = DateTime.UtcNow + Generous;
                }
            }
            await Task.Delay(50);
        }
        if (run.IsFaulted) await run;
        Assert.Fail($"the live simulation did not reach t = {seconds} s: its virtual time stood at {last} s for {Generous.TotalSeconds} s");
        return 0;
    }

    [Test]
    public async Task APartitionAndHealSentToALiveSimulation_ActAtItsVirtualTimes_GossipCrossesAgainAfterTheHeal_AndTheRecordRepeatsTheRun()
    {
        await Serve();
        var s = Small();
        var live = new LiveSimulation();
        var trace = _host!.SimulateLive(DashboardRuns.Of(live), s.Name!);
        string outDir = Path.Combine(_dir, "live");
        var run = Task.Run(() => RunDoor.Run(s, new RunOptions { Quiet = true, TraceFile = true, Logs = false, LiveTrace = trace, Live = live }, outDir, TestContext.Progress.WriteLine));

        // Paused, then stepped: the page decides how far the simulation has run when a command comes.
        Assert.That((await Post("/api/control", new { action = "pause" })).GetProperty("error").ValueKind, Is.EqualTo(JsonValueKind.Null));
        await Post("/api/control", new { action = "step", value = 8 });
        await WaitForTime(8, run);
        var commands = (await Get("/api/manager")).GetProperty("commands").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.That(commands, Is.EqualTo(new[] { "list", "add", "kill", "restart", "partition", "heal", "quit" }));
        var seek = await Post("/api/control", new { action = "seek", value = 1 });
        Assert.That(seek.GetProperty("error").GetString(), Does.Contain("cannot seek"));

        var cut = await Post("/api/command", new { command = "partition", groups = new[] { new[] { "seed:0", "peers:0-3" } } });
        Assert.That(cut.GetProperty("done").GetBoolean(), Is.True, cut.ToString());
        Assert.That(cut.GetProperty("lines")[0].GetString(), Is.EqualTo("partition [seed:0,peers:0-3] | [everyone else]"));
        double cutAt = (await Get("/api/frame")).GetProperty("t").GetDouble();
        await Post("/api/control", new { action = "step", value = 8 });
        await WaitForTime(cutAt + 8, run);
        var heal = await Post("/api/command", new { line = "heal" });
        Assert.That(heal.GetProperty("done").GetBoolean(), Is.True, heal.ToString());
        await Post("/api/control", new { action = "speed", value = 100 });
        await Post("/api/control", new { action = "play" });
        var result = await run.WaitAsync(Generous);

        var events = TraceSamples.Events(Analysis.Trace.TraceFile.Require(outDir)).ToList();
        var partitioned = events.Single(e => e.Kind == TraceKind.Partitioned);
        var healed = events.Single(e => e.Kind == TraceKind.Healed);
        Assert.That(partitioned.Detail, Is.EqualTo("[seed:0,peers:0-3] | [everyone else]"));
        Assert.That(partitioned.Time.TotalSeconds, Is.GreaterThanOrEqualTo(8), "the partition acts where the page had paced the simulation to");
        Assert.That(healed.Time - partitioned.Time, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(8)), "the heal comes after the second step");

        // The run's record: each command with the virtual time it acted at.
        var recorded = (IReadOnlyList<OperatorEntry>)result.Summary.Extra![OperatorLog.SummaryField];
        Assert.That(recorded, Is.EqualTo(new[]
        {
            new OperatorEntry(partitioned.Time.TotalSeconds, "partition seed:0,peers:0-3"),
            new OperatorEntry(healed.Time.TotalSeconds, "heal"),
        }));

        // Gossip between the two sides: none once the messages in flight at the cut have landed, some again after the heal.
        var sideA = new HashSet<NodeAddress>(Enumerable.Range(0, 4).Select(SimAddresses.Peer)) { SimAddresses.Seed(0) };
        bool Crosses(TraceEvent e) => e.Kind == TraceKind.GossipDelivered && sideA.Contains(e.Node) != sideA.Contains(e.Peer);
        var margin = TimeSpan.FromSeconds(0.1); // the latency is at most 5 ms
        Assert.That(events.Count(e => Crosses(e) && e.Time < partitioned.Time), Is.GreaterThan(0), "gossip crossed before the cut");
        Assert.That(events.Count(e => Crosses(e) && e.Time > partitioned.Time + margin && e.Time <= healed.Time), Is.Zero, "nothing crosses the cut");
        Assert.That(events.Count(e => Crosses(e) && e.Time > healed.Time), Is.GreaterThan(0), "gossip crosses again after the heal");

        // The same scenario and seed with the record, run as fast as it goes, is the same run.
        var again = RunDoor.Run(s, new RunOptions { Quiet = true, TraceFile = false, Logs = false, OperatorFile = Path.Combine(outDir, OperatorLog.FileName) }, Path.Combine(_dir, "again"), _ => { });
        Assert.That(again.Summary.TraceHash, Is.EqualTo(result.Summary.TraceHash));
        var without = RunDoor.Run(s, new RunOptions { Quiet = true, TraceFile = false, Logs = false }, Path.Combine(_dir, "without"), _ => { });
        Assert.That(without.Summary.TraceHash, Is.Not.EqualTo(result.Summary.TraceHash), "the commands changed the run");
    }

    [Test]
    public async Task ARealRunWithoutNetworkControl_ListsNoPartition_AndRefusesPartitionAndHealInOneLineEach()
    {
        await Serve();
        var s = Small("real");
        s.RealHosting = "in-process";
        s.DurationSeconds = 30;
        ScenarioLoader.Validate(s, s.Name!);
        Task<(JsonElement Manager, JsonElement Frame, JsonElement Partition, JsonElement Heal, JsonElement Quit)>? api = null;
        var options = new RunOptions
        {
            Quiet = true,
            OnRealRunStarted = control =>
            {
                _host!.FollowRealRun(DashboardRuns.Of(control));
                api = Task.Run(async () =>
                {
                    var manager = await Get("/api/manager");
                    JsonElement frame = default;
                    for (var deadline = DateTime.UtcNow + Generous; DateTime.UtcNow < deadline; await Task.Delay(50))
                        if ((frame = await Get("/api/frame")).TryGetProperty("commands", out _)) break;
                    var partition = await Post("/api/command", new { line = "partition seed:0 | peers:0-4" });
                    var heal = await Post("/api/command", new { command = "heal" });
                    var quit = await Post("/api/command", new { command = "quit" });
                    return (manager, frame, partition, heal, quit);
                });
            },
        };
        RunDoor.Run(s, options, Path.Combine(_dir, "real"), TestContext.Progress.WriteLine);
        var (managerList, frameSeen, partitionAnswer, healAnswer, quitAnswer) = await api!.WaitAsync(Generous);

        // A real run on loopback also changes the seed set by the manager (typed: the page has no button for it).
        var expected = new[] { "list", "add", "kill", "restart", "quit", "seed-set" };
        Assert.That(managerList.GetProperty("commands").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(expected));
        Assert.That(frameSeen.GetProperty("commands").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(expected), "the page hides partition and heal");
        foreach (var (answer, name) in new[] { (partitionAnswer, "partition"), (healAnswer, "heal") })
        {
            Assert.That(answer.GetProperty("done").GetBoolean(), Is.False, name);
            var lines = answer.GetProperty("lines").EnumerateArray().Select(l => l.GetString()).ToList();
            Assert.That(lines, Has.Count.EqualTo(1), name);
            Assert.That(lines[0], Does.StartWith($"{name} needs control of the network between nodes: ").And.Contain("netns"), name);
        }
        Assert.That(quitAnswer.GetProperty("done").GetBoolean(), Is.True);
    }
}
