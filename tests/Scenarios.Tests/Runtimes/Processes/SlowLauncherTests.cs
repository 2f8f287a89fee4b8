using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Scenarios.Runtimes.Processes;
using GossipSim.Scenarios.Tests.Support;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Runtimes.Processes;

/// <summary>
/// A real run whose launcher is slow (as a container engine under load can be: seconds to answer) still applies every fault
/// planned before its end, and moves the end so that what follows the fault keeps its planned time. A CI run once lost a
/// crash this way: the loop was busy past the end, and the run ended without it.
/// </summary>
[NonParallelizable]
public class SlowLauncherTests : RunFolder
{
    /// <summary>In-process nodes, each peer's start held for a while on the run's own loop.</summary>
    private sealed class SlowStarts(INodeLauncher inner, TimeSpan perPeer) : INodeLauncher
    {
        public string Runtime => inner.Runtime;
        public string Describe => inner.Describe + " (slow starts)";
        public IReadOnlyList<NodeAddress> SeedAddresses => inner.SeedAddresses;
        public IRealNode Start(NodeRef node, NodeAddress? listen, bool originates)
        {
            if (!node.IsSeed) Thread.Sleep(perPeer);
            return inner.Start(node, listen, originates);
        }
        public void AddExtra(Dictionary<string, object> extra) => inner.AddExtra(extra);
        public void Dispose() => inner.Dispose();
    }

    /// <summary>In-process nodes, each seed a seed-set change adds held a while as it starts (a container under CI's lanes: 38 s).</summary>
    private sealed class SlowNewSeeds(InProcessLauncher inner, int seeds, TimeSpan held) : INodeLauncher
    {
        public string Runtime => inner.Runtime;
        public string Describe => inner.Describe + " (new seeds slow to start)";
        public IReadOnlyList<NodeAddress> SeedAddresses => inner.SeedAddresses;
        public bool StartsJoiningSeeds => inner.StartsJoiningSeeds;
        public IRealNode Start(NodeRef node, NodeAddress? listen, bool originates)
        {
            if (node.IsSeed && node.Index >= seeds) Thread.Sleep(held);
            return inner.Start(node, listen, originates);
        }
        public void AddExtra(Dictionary<string, object> extra) => inner.AddExtra(extra);
        public void Dispose() => inner.Dispose();
    }

    [Test]
    public void ANewSeedSlowToStart_HasItsChangeGivenBeforeTheFaultsPlannedAfterIt()
    {
        // The add is due at 1 s and its new seed takes 3 s to start; the change follows 1 s after the add's time (2 s), so it is
        // given before the crash planned at 3 s, as the plan has it. Before, it was counted from the seed's start (5 s): on containers
        // under CI's lanes the crash, replace and removal planned after an add all came first, and the add was refused.
        var s = new Scenario
        {
            Name = "slow-new-seed", Runtime = "real", RealHosting = "in-process", Seed = 3, Seeds = 3, Peers = 2,
            JoinWindowSeconds = 0.5, DurationSeconds = 8, DrainSeconds = 0, RealStartupSeconds = 0.5,
            Faults =
            {
                new FaultSpec { At = 1, Action = "seed-set", Change = "add" },
                new FaultSpec { At = 3, Action = "crash", Target = "seed", Index = 0 },
            },
        };
        ScenarioLoader.Validate(s, s.Name!);
        string outDir = Path.Combine(Dir, "run");
        string nodesDir = RealRunner.FreshNodesDirectory(outDir);
        var said = new List<string>();
        using var launcher = new SlowNewSeeds(new InProcessLauncher(s, s.Seed, nodesDir), s.Seeds, TimeSpan.FromSeconds(3));
        new RealOrchestrator(RunPlan.Of(s, new RunOptions { Quiet = true }, outDir, RealRuntime.Instance), nodesDir, launcher,
            new SlowCut(TimeSpan.Zero), line => { lock (said) said.Add(line); }).Run();
        string log = string.Join("\n", said);
        int given = said.FindIndex(l => l.Contains("seed-set change 'add", StringComparison.Ordinal) && l.Contains("given to seed", StringComparison.Ordinal));
        int crashed = said.FindIndex(l => l.Contains("crashed seed 0", StringComparison.Ordinal));
        Assert.That(given, Is.GreaterThanOrEqualTo(0), "the add was given to a seed: " + log);
        Assert.That(crashed, Is.GreaterThanOrEqualTo(0), "seed 0 crashed: " + log);
        Assert.That(given, Is.LessThan(crashed), "the add's change before the crash planned after it: " + log);
    }

    /// <summary>In-process nodes whose peers say they listen only <paramref name="late"/> after their spawn (a node's process under load:
    /// a bed in CI, a peer due at 8 s listened at 18 s), and show no link until <paramref name="linkLate"/> after it when given (a bed
    /// under CI's five lanes: peers listening on time linked 8 s later).</summary>
    private sealed class SlowToListen(INodeLauncher inner, TimeSpan late, TimeSpan? linkLate = null) : INodeLauncher
    {
        public string Runtime => inner.Runtime;
        public string Describe => inner.Describe + " (slow to listen)";
        public IReadOnlyList<NodeAddress> SeedAddresses => inner.SeedAddresses;
        public IRealNode Start(NodeRef node, NodeAddress? listen, bool originates)
        {
            var life = inner.Start(node, listen, originates);
            return node.IsSeed ? life : new Late(life, DateTime.UtcNow + late, DateTime.UtcNow + (linkLate ?? TimeSpan.Zero));
        }
        public void AddExtra(Dictionary<string, object> extra) => inner.AddExtra(extra);
        public void Dispose() => inner.Dispose();

        private sealed class Late(IRealNode life, DateTime listens, DateTime links) : IRealNode
        {
            public bool TellsWhenListening => true;
            public DateTime? ReadyAtUtc => DateTime.UtcNow >= listens ? listens : null;
            public NodeAddress Address => life.Address;
            public bool HasExited => life.HasExited;
            public void WaitReady(TimeSpan timeout) => life.WaitReady(timeout);
            public void Crash() => life.Crash();
            public void BeginStop() => life.BeginStop();
            public void Leave() => life.Leave();
            public int? ProcessId => life.ProcessId;
            public bool WaitStopped(TimeSpan timeout) => life.WaitStopped(timeout);
            public NodeSnapshot? Snapshot() => DateTime.UtcNow >= links ? life.Snapshot() : life.Snapshot() is { } n ? n with { Degree = 0 } : null;
            public long WorkingSet() => life.WorkingSet();
        }
    }

    /// <summary>A network whose cut takes a while to put in place (a bed adds its rules in every namespace first), which notes when
    /// the cut was in place and when it was healed, on the run's stopwatch.</summary>
    private sealed class SlowCut(TimeSpan toApply) : INetworkControl
    {
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        public double InPlaceAt = double.NaN, HealedAt = double.NaN;
        public NetworkEffects Supports => NetworkEffects.Partition;
        public string Describe => "a network whose cuts take a while";
        public void Start() { }
        public string Partition(PartitionFault partition)
        {
            Thread.Sleep(toApply);
            InPlaceAt = _clock.Elapsed.TotalSeconds;
            return partition.Description;
        }
        public void Heal() => HealedAt = _clock.Elapsed.TotalSeconds;
        public double Loss => 0;
        public void SetLoss(double rate) => throw new NotSupportedException();
        public void SetLatencySpike(double factor, double extraMs) => throw new NotSupportedException();
        public void SetHostRunning(NodeRef node, bool running) { }
        public void Stop() { }
        public void AddExtra(Dictionary<string, object> extra) { }
        public void Dispose() { }
    }

    /// <summary>Runs <paramref name="s"/> on in-process nodes, each peer's start held <paramref name="peerStart"/> on the run's loop,
    /// over <paramref name="network"/>; returns the result and every line the run said.</summary>
    private (RunResult Result, List<string> Said) RunSlow(Scenario s, TimeSpan peerStart, INetworkControl network, TimeSpan? listenLate = null,
        TimeSpan? linkLate = null)
    {
        ScenarioLoader.Validate(s, s.Name!);
        string outDir = Path.Combine(Dir, "run");
        string nodesDir = RealRunner.FreshNodesDirectory(outDir);
        var said = new List<string>();
        INodeLauncher inner = new InProcessLauncher(s, s.Seed, nodesDir);
        if (listenLate != null || linkLate != null) inner = new SlowToListen(inner, listenLate ?? TimeSpan.Zero, linkLate);
        using var launcher = new SlowStarts(inner, peerStart);
        var r = new RealOrchestrator(RunPlan.Of(s, new RunOptions { Quiet = true }, outDir, RealRuntime.Instance), nodesDir, launcher,
            network, line => { lock (said) said.Add(line); }).Run();
        return (r, said);
    }

    [Test]
    public void APartitionSlowToPutInPlace_LastsWhatTheScenarioSays_CountedFromWhenItWasInPlace()
    {
        // The cut is due at 1 s for 2 s and takes 1.5 s to apply: the heal comes 2 s after the cut was in place, not at 3 s (when the
        // cut would have lasted 0.5 s). CI's five test lanes once put a bed's cut in place 1.9 s late, and it lasted 10.1 of 12 s.
        var s = new Scenario
        {
            Name = "slow-cut", Runtime = "real", RealHosting = "in-process", Seed = 3, Seeds = 1, Peers = 2,
            JoinWindowSeconds = 0.5, DurationSeconds = 6, DrainSeconds = 0, RealStartupSeconds = 0.5,
            Faults = { new FaultSpec { At = 1, Action = "partition", Groups = new() { new() { "seed:0" } }, DurationSeconds = 2 } },
        };
        var cut = new SlowCut(TimeSpan.FromSeconds(1.5));
        var (_, said) = RunSlow(s, TimeSpan.Zero, cut);
        string log = string.Join("\n", said);
        Assert.That(cut.InPlaceAt, Is.Not.NaN, log);
        Assert.That(cut.HealedAt, Is.Not.NaN, "the cut was healed: " + log);
        TestContext.Out.WriteLine($"cut in place at {cut.InPlaceAt:0.00} s, healed at {cut.HealedAt:0.00} s (run's stopwatch)");
        Assert.That(cut.HealedAt - cut.InPlaceAt, Is.GreaterThanOrEqualTo(2.0 - 0.05), "the cut lasted the 2 s the scenario says");
        Assert.That(said, Has.Some.Match(@"'partition .*' was carried out \d+\.\d s after its time"), log);
    }

    [Test]
    public void ACrashWaitingForEveryPeerToLink_WhoLinkOnlyAfterThePlannedEnd_IsStillApplied_AndTheEndMovesWithIt()
    {
        // 3 peers, each start held 2 s on the run's loop: the last links about 6 s in, past the planned end (3 s). The crash waits
        // for every peer to link (crash-hub's "after": "allLinked"). Before, its looks stopped at the planned end and it was dropped
        // without a word (MyLab on Docker in CI: "crashed peers removed in time" not exercised, no peer having crashed).
        var s = new Scenario
        {
            Name = "slow-links", Runtime = "real", RealHosting = "in-process", Seed = 3, Seeds = 1, Peers = 3,
            JoinWindowSeconds = 0.5, DurationSeconds = 3, DrainSeconds = 0, RealStartupSeconds = 0.5,
            Faults = { new FaultSpec { At = 1, After = "allLinked", Action = "crash", Target = "hub" } },
        };
        var (r, said) = RunSlow(s, TimeSpan.FromSeconds(2), new NoNetworkControl());
        string log = string.Join("\n", said);
        TestContext.Out.WriteLine(log);
        var victims = (IReadOnlyList<string>)r.Summary.Extra!["victims"];
        Assert.That(victims, Has.Count.EqualTo(1), "the hub was crashed once every peer had linked:\n" + log);
        Assert.That(said, Has.Some.Contains("every peer has linked: applying 'crash hub"), log);
        Assert.That(said, Has.None.Contains("was never applied"), log);
        int crashed = said.FindIndex(l => l.Contains("every peer has linked"));
        int stopping = said.FindIndex(l => l.Contains("stopping every node"));
        Assert.That(crashed, Is.LessThan(stopping), "the run ends after the crash: " + log);
    }

    [Test]
    public void PeersStartedLate_MoveTheEnd_SoTheLastRegistersWithTheSeedsAndGossipsBeforeTheStop()
    {
        // 3 peers due within half a second; each start takes 2 s on the run's loop, so the last starts about 6 s in, past the planned
        // end (3 s of run). Before, the run ended as planned, with the last peer not yet a member (a bed under CI's five lanes:
        // "seeds list exactly the live peers" failed, 6 of 9 listed).
        var s = new Scenario
        {
            Name = "slow-peers", Runtime = "real", RealHosting = "in-process", Seed = 3, Seeds = 1, Peers = 3,
            JoinWindowSeconds = 0.5, DurationSeconds = 3, DrainSeconds = 0, RealStartupSeconds = 0.5,
        };
        var (r, said) = RunSlow(s, TimeSpan.FromSeconds(2), new NoNetworkControl());
        string log = string.Join("\n", said);
        int late = said.FindLastIndex(l => l.Contains("a peer started") && l.Contains("after its time"));
        int stopping = said.FindIndex(l => l.Contains("stopping every node"));
        Assert.That(late, Is.GreaterThanOrEqualTo(0).And.LessThan(stopping), log);
        Assert.That(said[late], Does.Match(@"the run ends at \d+ s, so each peer keeps the time planned after its start"));
        var listed = r.Summary.Checks!.Single(c => c.Name == Analysis.Checks.TraceChecks.ListsLivePeers);
        Assert.That(listed.Verdict, Is.EqualTo(Analysis.Summary.CheckVerdict.Passed), listed.Line() + "\n" + log);
    }

    [Test]
    public void PeersListeningLate_MoveTheEnd_ByHowLateTheyListened_NotOnlyHowLateTheyWereSpawned()
    {
        // 2 peers spawned on time, each listening 3 s later: the planned end (0.5 s of start-up + 2 s) moves to about 5.5 s, and the
        // run says why. Before, only the spawn counted, and a bed under CI's load ended its run with 40 hops measured where 300 were
        // planned: its peers' processes listened up to 10 s after their spawn.
        var s = new Scenario
        {
            Name = "slow-listen", Runtime = "real", RealHosting = "in-process", Seed = 3, Seeds = 1, Peers = 2,
            JoinWindowSeconds = 0.2, DurationSeconds = 2, DrainSeconds = 0, RealStartupSeconds = 0.5,
        };
        AssertTheEndMoved(s, listenLate: TimeSpan.FromSeconds(3), linkLate: null, "a peer was listening", endsAtLeast: 4, wallAtLeast: 5);
    }

    /// <summary>Runs <paramref name="s"/> with peers late to listen or to link; the run said "<paramref name="what"/> ... after its
    /// time", its last such line moved the end to <paramref name="endsAtLeast"/> s or later, and it lasted that long.</summary>
    private List<string> AssertTheEndMoved(Scenario s, TimeSpan? listenLate, TimeSpan? linkLate, string what, int endsAtLeast, double wallAtLeast)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (_, said) = RunSlow(s, TimeSpan.Zero, new NoNetworkControl(), listenLate, linkLate);
        double wall = clock.Elapsed.TotalSeconds;
        string log = string.Join("\n", said);
        var late = said.Where(l => l.Contains(what) && l.Contains("after its time")).ToList();
        Assert.That(late, Is.Not.Empty, log);
        var end = System.Text.RegularExpressions.Regex.Match(late[^1], @"the run ends at (\d+) s");
        Assert.That(int.Parse(end.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(endsAtLeast), log);
        Assert.That(wall, Is.GreaterThanOrEqualTo(wallAtLeast), "the run lasted past its planned end, to keep the peers' time: " + log);
        return said;
    }

    [Test]
    public void PeersLinkingLate_MoveTheEnd_ByHowLateTheyLinked()
    {
        // 2 peers listening on time and linking 3 s after their spawn, where the plan gives them their link timeout (1 s): the planned
        // end (0.5 s of start-up + 5 s) moves by about 2 s, and the run says why. (A link after the planned end is not waited for: a
        // peer that never links, its seeds crashed, would hold the run.) Before, a bed under CI's five lanes linked its peers
        // 8 s late, gossip began 31.5 s in, and the run ended 6 s after it (one message of 50 to follow, where 16 s were planned).
        var s = new Scenario
        {
            Name = "slow-link", Runtime = "real", RealHosting = "in-process", Seed = 3, Seeds = 1, Peers = 2,
            JoinWindowSeconds = 0.2, DurationSeconds = 5, DrainSeconds = 0, RealStartupSeconds = 0.5,
            PeerSettings = new PeerSettings { ["linkTimeoutSeconds"] = 1 },
        };
        var said = AssertTheEndMoved(s, listenLate: null, linkLate: TimeSpan.FromSeconds(3), "a peer linked", endsAtLeast: 6, wallAtLeast: 6.5);
        Assert.That(said, Has.None.Contains("a peer was listening"), "the peers listened on time: " + string.Join("\n", said));
    }

    [Test]
    public void AFaultTheLoopReachesAfterThePlannedEnd_IsStillApplied_AndTheEndMovesWithIt()
    {
        // 4 peers due within the first second; each start takes 1.5 s, so the loop is busy until about 6 s, past the planned
        // end (4 s). The crash is due at 2 s.
        var s = new Scenario
        {
            Name = "slow-starts", Runtime = "real", RealHosting = "in-process", Seed = 3, Seeds = 1, Peers = 4,
            JoinWindowSeconds = 1, DurationSeconds = 4, DrainSeconds = 0, RealStartupSeconds = 0.5,
            Faults = { new FaultSpec { At = 2, Action = "crash", Target = "random-peers", Count = 1 } },
        };
        var (r, said) = RunSlow(s, TimeSpan.FromSeconds(1.5), new NoNetworkControl());
        var victims = (IReadOnlyList<string>)r.Summary.Extra!["victims"];
        Assert.That(victims, Has.Count.EqualTo(1), string.Join("\n", said));
        Assert.That(said, Has.Some.Match(@"'crash random-peers x1' was carried out \d+\.\d s after its time \(the runtime was busy or slow\): the run ends at \d+ s"));
        // The planned end (4 s) moved: the stop comes after the crash, by about the 2 s the scenario planned after it.
        int crashed = said.FindIndex(l => l.Contains("crashed peer"));
        int stopping = said.FindIndex(l => l.Contains("stopping every node"));
        Assert.That(crashed, Is.GreaterThanOrEqualTo(0).And.LessThan(stopping), string.Join("\n", said));
    }
}
