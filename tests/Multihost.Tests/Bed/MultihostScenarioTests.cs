using GossipSim.TestSupport;
using GossipSim.Analysis.Checks;
using GossipSim.Analysis.Summary;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Analysis.Fitting;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Run.Control;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Runtimes.Netns;
using GossipSim.Simulator.Threads;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Multihost.Tests.Bed;

/// <summary>
/// Whole scenarios on the namespace bed: every seed and peer a real node process on its own
/// host (namespace and address), faults applied by the bed. Demo timings (as crash-hub.json),
/// so each run takes about half a minute.
/// </summary>
public class MultihostScenarioTests : BedTestBase
{
    private string _out = null!;

    [SetUp]
    public void MakeOutput() => _out = Directory.CreateTempSubdirectory("gs-multihost-").FullName;

    [TearDown]
    public void RemoveOutput()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
            TestContext.Progress.WriteLine($"results of the failed run kept in {_out}");
        else
            Directory.Delete(_out, recursive: true);
    }

    /// <summary>3 seeds and 9 peers with the demo timings of crash-hub.json.</summary>
    /// <summary>The drain of a run whose every hop waits tens of ms at the relay: a loaded machine's peers then link late and gossip
    /// late, and a drain of 4 s once left no message created 5 s before the end to follow (CI).</summary>
    private const double RelayedDrainSeconds = 9;

    private static Scenario Demo(string name, double joinWindow, int messages, double drainSeconds = 4) => new()
    {
        Name = name,
        Runtime = "netns",
        Seed = 7,
        Seeds = 3,
        Peers = 9,
        JoinWindowSeconds = joinWindow,
        DrainSeconds = drainSeconds,
        Gossip = new GossipSettings { ["intervalSeconds"] = 1, ["messagesPerPeer"] = messages },
        PeerSettings = new PeerSettings
        {
            ["linksPerNewcomer"] = 3, ["pingIntervalSeconds"] = 1, ["missesBeforeSuspect"] = 3, ["witnessProbeTimeoutSeconds"] = 0.5,
            ["suspicionQueryTimeoutSeconds"] = 1, ["registerTimeoutSeconds"] = 2, ["linkTimeoutSeconds"] = 1, ["reattachRetrySeconds"] = 1,
        },
        SeedSettings = new SeedSettings { ["probeTimeoutSeconds"] = 0.5, ["proposalTimeoutSeconds"] = 1.5, ["antiEntropyIntervalSeconds"] = 1 },
        Network = new NetworkSettings { Latency = new LatencySpec { Model = "uniform", MinMs = 1, MaxMs = 5 } },
    };

    private RunResult Run(Scenario s, Action<IRunControl>? manager = null)
    {
        ScenarioLoader.Validate(s, s.Name!);
        var result = RunDoor.Run(s, new RunOptions { Quiet = true, TraceFile = true, OnRealRunStarted = manager }, _out, TestContext.Progress.WriteLine);
        Assert.That(NetnsBed.NamespacesOfThisProcess(), Is.Empty, "the run tore its bed down");
        return result;
    }

    private List<TraceEvent> Trace() => TraceSamples.Events(Analysis.Trace.TraceFile.Require(_out)).ToList();

    private static double Sec(TraceEvent e, RunResult r) =>
        e.Time.TotalSeconds - Convert.ToDouble(r.Summary.Extra!["timeOriginUnixSeconds"]);

    /// <summary>Every message reached every peer linked when it was created, but where the links explain the miss
    /// (<see cref="MissedDeliveries"/>: a link counts once both its ends hold it; no holder of the message had a lasting link to the
    /// peer, or the seeds had removed the peer or the origin while live): a peer
    /// that joined later under load need not have it (a delivery ratio over all peers once failed CI, 0.943 against more than 0.97,
    /// with five lanes beside), nor a newcomer whose requester had not yet heard of its link (on the measured Internet: a message
    /// created 20 ms after the newcomer traced its link).</summary>
    private void EveryMessageReachedEveryPeerLinkedBeforeIt(RunResult r)
    {
        var trace = Trace();
        var linkedAt = trace.Where(e => e.Kind == TraceKind.LinkUp).GroupBy(e => e.Node).ToDictionary(g => g.Key, g => g.Min(e => e.Time));
        // A message created in the run's last seconds may be in flight when the nodes stop, as the checks allow (PropagationSeconds).
        var inFlight = TimeSpan.FromSeconds(new CheckBounds().PropagationSeconds);
        var end = trace.Where(e => e.Kind == TraceKind.RunEnded).Select(e => e.Time).DefaultIfEmpty(trace.Max(e => e.Time)).First();
        var created = trace.Where(e => e.Kind == TraceKind.GossipCreated && e.Time <= end - inFlight).ToList();
        double origin = Convert.ToDouble(r.Summary.Extra!["timeOriginUnixSeconds"]);
        double At(TimeSpan t) => t.TotalSeconds - origin;
        var allCreated = trace.Where(e => e.Kind == TraceKind.GossipCreated).Select(e => At(e.Time)).Order().ToList();
        Assert.That(created, Has.Count.GreaterThan(5), $"messages to follow: {allCreated.Count} created, "
            + (allCreated.Count == 0 ? "" : $"from {allCreated[0]:0.00} s to {allCreated[^1]:0.00} s, ")
            + (linkedAt.Count == 0 ? "no peer linked, " : $"the first link at {At(linkedAt.Values.Min()):0.00} s, ")
            + $"the run ended at {At(end):0.00} s");
        var misses = MissedDeliveries.Of(trace, inFlight);
        TestContext.Progress.WriteLine(MissedDeliveries.Said(misses));
        Assert.That(misses.Where(m => !m.Explained), Is.Empty, "every message reaches every peer linked when it was created: "
            + MissedDeliveries.Said(misses));
    }

    [Test]
    public void ThreeSeedsAndNinePeersOnSeparateHosts_RegisterGossipAndRemoveAKilledPeer()
    {
        var s = Demo("multihost-crash", joinWindow: 3, messages: 6);
        // Once every peer has linked (as crash-hub.json): under load a node process may take seconds to start, and a hub picked
        // while some peer has not registered yet may be one no seed lists.
        s.Faults.Add(new FaultSpec { At = 7, After = "allLinked", Action = "crash", Target = "hub" });
        var r = Run(s);
        var trace = Trace();

        var started = trace.Where(e => e.Kind == TraceKind.NodeStarted).Select(e => e.Node).Distinct().ToList();
        Assert.That(started.Select(a => a.IpText).Distinct().Count(), Is.EqualTo(12), "12 nodes on 12 hosts (own IPs)");
        Assert.That(started.Count(a => a.IpText.StartsWith("10.77.0.", StringComparison.Ordinal)), Is.EqualTo(3), "3 seeds");

        var sum = r.Summary;
        Assert.That(sum.Membership.PeersRegistered, Is.EqualTo(9), "every peer registered");
        Assert.That(sum.Gossip.Messages, Is.GreaterThanOrEqualTo(9 * 5), "every peer gossiped");
        Assert.That(sum.Gossip.DeliveryRatio, Is.GreaterThan(0.97), "gossip reached the peers");
        Assert.That(sum.Failures, Has.Count.EqualTo(1));
        var f = sum.Failures[0];
        Assert.That(f.RemovedAt, Is.Not.Null, $"the killed peer {f.Node} was removed");
        Assert.That(f.RemovedBySeeds, Is.EqualTo(3), "at every seed");
        // No live peer removed, but those a loaded machine held up as long as a seed's probe waits (they must rejoin instead). The
        // run is short: gossip after the crash's removal bound is not judged (so "every live peer receives every new message" may
        // say not exercised); no check fails.
        if (!sum.Checks!.Any(TraceChecks.MachineHeldUp)) Assert.That(sum.FalseRemovals, Is.EqualTo(0), ChecksSaid.Of(sum));
        Assert.That(sum.SeedsAgree, Is.True);
        Assert.That(sum.Membership.LivePeersAtEnd, Is.EqualTo(8));
        foreach (var c in sum.Checks!) Assert.That(c.Failed, Is.False, c.Line());
    }

    /// <summary>The bed's crash-hub-style run under a protocol: the killed hub removed at every seed, every check passed.</summary>
    private Analysis.Summary.RunSummary CrashTheHubUnder(Engine.Config.BroadcastProtocol broadcast, Engine.Config.FailureDetector detector,
        Engine.Config.Overlay overlay = Engine.Config.Overlay.SeedPa)
    {
        var s = Demo($"multihost-{broadcast}-{detector}-{overlay}".ToLowerInvariant(), joinWindow: 3, messages: 6);
        s.Protocol = new ProtocolSettings
        {
            ["broadcast"] = (double)broadcast, ["failureDetector"] = (double)detector, ["overlay"] = (double)overlay,
        };
        s.Faults.Add(new FaultSpec { At = 7, After = "allLinked", Action = "crash", Target = "hub" });
        var sum = Run(s).Summary;
        foreach (var c in sum.Checks!) Assert.That(c.Failed, Is.False, c.Line());
        Assert.That(sum.Failures.Single().RemovedBySeeds, Is.EqualTo(3), "the killed hub was removed at every seed");
        return sum;
    }

    [Test]
    public void WithPlumtree_ThreeSeedsAndNinePeersOnSeparateHosts_PassEveryCheck_WithFewPayloadCopies()
    {
        var sum = CrashTheHubUnder(Engine.Config.BroadcastProtocol.Plumtree, Engine.Config.FailureDetector.Classic);
        Assert.That(sum.Gossip.Plumtree, Is.Not.Null, "every node ran Plumtree");
        Assert.That(sum.Gossip.Plumtree!.IhavesSent, Is.GreaterThan(0), "IHAVE crossed the bed's links");
        Assert.That(sum.Gossip.Redundancy, Is.LessThan(1), "far under a flood's extra copies");
    }

    [TestCase(Engine.Config.BroadcastProtocol.Flood)]
    [TestCase(Engine.Config.BroadcastProtocol.Plumtree)]
    public void WithSwim_ThreeSeedsAndNinePeersOnSeparateHosts_FindTheKilledHub_AndPassEveryCheck(Engine.Config.BroadcastProtocol broadcast)
    {
        var sum = CrashTheHubUnder(broadcast, Engine.Config.FailureDetector.Swim);
        Assert.That(sum.Membership.Swim, Is.Not.Null, "every node ran SWIM");
        Assert.That(sum.Membership.Swim!.Suspicions, Is.GreaterThan(0), "the hub's neighbours suspected it across the bed");
    }

    [TestCase(Engine.Config.BroadcastProtocol.Flood, Engine.Config.FailureDetector.Classic)]
    [TestCase(Engine.Config.BroadcastProtocol.Plumtree, Engine.Config.FailureDetector.Classic)]
    [TestCase(Engine.Config.BroadcastProtocol.Flood, Engine.Config.FailureDetector.Swim)]
    [TestCase(Engine.Config.BroadcastProtocol.Plumtree, Engine.Config.FailureDetector.Swim)]
    public void WithHyParView_ThreeSeedsAndNinePeersOnSeparateHosts_RepairFromThePassiveView_AndPassEveryCheck(
        Engine.Config.BroadcastProtocol broadcast, Engine.Config.FailureDetector detector)
    {
        var sum = CrashTheHubUnder(broadcast, detector, Engine.Config.Overlay.Hyparview);
        Assert.That(sum.Membership.HyParView, Is.Not.Null, "every node ran HyParView");
        Assert.That(sum.Membership.HyParView!.ForwardJoins, Is.GreaterThan(0), "contacts walked the newcomers through the bed");
        Assert.That(sum.Degree.Max, Is.LessThanOrEqualTo(5), "no peer holds more links than its active view");
    }

    [Test]
    public void PartitionIsolatingOneSeed_MajorityKeepsChangingMembership_MinorityChangesNothing_AndSeedsAgreeAfterHealing()
    {
        // A peer is killed at 7 s or, on a loaded machine, once one has linked: the first peer linked, killed by the manager. A node's
        // process may take seconds to start (CI, four lanes: peers due by 8 s listened at 9 to 18 s), and a crash scripted to wait
        // for every peer to link came at 21.7 s, too late for its removal (about 4 s) before the heal. The cut lasts 36 s, longer than
        // TCP's default retry timer rides out: a connection with bytes in flight when it began retries on a doubling timer (0.2, 0.6
        // ... 25, 51 s), and without CutRideOut the isolated seed's next try came after the run had ended.
        const double partitionAt = 3, partitionFor = 36, crashAt = 7;
        // Peers start at 0..8 s: six of them join while seed 0 is cut off.
        var s = Demo("multihost-partition", joinWindow: 8, messages: 8);
        s.Faults.Add(new FaultSpec { At = partitionAt, Action = "partition", Groups = new() { new() { "seed:0" } }, DurationSeconds = partitionFor });
        Task<RunAnswer>? killed = null;
        NodeAddress crashed = default;
        var r = Run(s, run => killed = Task.Run(async () =>
        {
            var origin = ((IRealRunControl)run).TimeOrigin;
            while (!run.Finished)
            {
                double now = (DateTime.UtcNow - DateTime.UnixEpoch - origin).TotalSeconds - (s.RealStartupSeconds ?? 1.0);
                var linked = now >= crashAt ? (await run.ListAsync()).Nodes.FirstOrDefault(n => !n.Node.IsSeed && n.Up && n.Degree > 0) : null;
                if (linked != null)
                {
                    crashed = linked.Address;
                    return await run.KillAsync(NodeTarget.Of(linked.Node));
                }
                await Task.Delay(200);
            }
            return RunAnswer.Refused("the run ended before any peer linked");
        }));
        var kill = killed!.GetAwaiter().GetResult();
        Assert.That(kill.Done, Is.True, string.Join(" / ", kill.Lines));
        var trace = Trace();
        // The cut as it happened (the launcher traces it once the rules are in place), not as
        // planned: on a loaded machine the launcher applies it late, and what a seed did before
        // then is not a change made while isolated.
        double cutFrom = Sec(trace.Single(e => e.Kind == TraceKind.Partitioned), r);
        double cutUntil = Sec(trace.Single(e => e.Kind == TraceKind.Healed), r);
        // The cut begins once its rules are in place in every namespace: on a loaded machine that is late (CI's five test lanes: 1.9 s),
        // and the heal counts from then, so the cut lasts what the scenario says.
        TestContext.Out.WriteLine($"cut planned {partitionAt:0.00}-{partitionAt + partitionFor:0.00} s, in place {cutFrom:0.00}-{cutUntil:0.00} s");
        Assert.That(cutFrom, Is.GreaterThanOrEqualTo(partitionAt - 0.1), "the cut began when the scenario says, or later");
        Assert.That(cutUntil - cutFrom, Is.GreaterThanOrEqualTo(partitionFor - 0.1), "and lasted what the scenario says");
        bool During(TraceEvent e) => Sec(e, r) >= cutFrom && Sec(e, r) < cutUntil;
        var minority = BedAddresses.Seed(0);
        var majority = new[] { BedAddresses.Seed(1), BedAddresses.Seed(2) };

        // The minority seed changes nothing while it is cut off... once the proposals it had open when the cut went in have ended: a
        // vote it received before its namespace's rules were in place may be taken from its socket after the cut is traced (in place
        // in every namespace) on a loaded machine (a local CI run: two adds committed with 2 of 3 votes as the cut went in), and a
        // proposal lives at most its timeout.
        double proposalTimeout = Convert.ToDouble(s.SeedSettings["proposalTimeoutSeconds"], System.Globalization.CultureInfo.InvariantCulture);
        var byMinority = trace.Where(e => e.Node == minority && During(e) && Sec(e, r) >= cutFrom + proposalTimeout
            && e.Kind is TraceKind.Committed or TraceKind.MemberAdded or TraceKind.MemberRemoved).ToList();
        Assert.That(byMinority, Is.Empty, $"seed {minority} changed membership while isolated (cut {cutFrom:0.00}-{cutUntil:0.00} s): "
            + string.Join("; ", byMinority.Take(3).Select(e => $"{e.Kind} {e.Peer} at {Sec(e, r):0.00} s")));
        // ...though it did before and does again after (so the check above is not vacuous): every add the majority applied a second
        // or more before the cut, seed 0 applied before it too. On a loaded machine the first peers may register only after the cut
        // (CI's five test lanes: none had), and then the heal's catch-up below is what shows seed 0 at work.
        var addedWellBefore = trace.Where(e => majority.Contains(e.Node) && e.Kind == TraceKind.MemberAdded && Sec(e, r) < cutFrom - 1)
            .Select(e => e.Peer).ToHashSet();
        TestContext.Out.WriteLine($"cut {cutFrom:0.00}-{cutUntil:0.00} s; peers the majority added a second or more before it: {addedWellBefore.Count}");
        foreach (var p in addedWellBefore)
            Assert.That(trace.Any(e => e.Node == minority && e.Kind == TraceKind.MemberAdded && e.Peer == p && Sec(e, r) < cutFrom), Is.True,
                $"seed 0 added {p} before the cut");
        TestContext.Out.WriteLine($"seed 0 after the heal (run ends {trace.Max(e => Sec(e, r)):0.00} s): " + string.Join(", ", trace.Where(e => e.Node == minority && Sec(e, r) >= cutUntil)
            .GroupBy(e => e.Kind).Select(g => $"{g.Key} x{g.Count()} from {Sec(g.First(), r):0.00} s")));
        Assert.That(trace.Any(e => e.Node == minority && e.Kind is TraceKind.MemberAdded or TraceKind.MemberRemoved && Sec(e, r) >= cutUntil), Is.True, "seed 0 caught up after the heal");

        // The majority side registers newcomers...
        // A peer that asks seed 0 first waits its register timeout (2 s here) before it asks another (RegistrationOrder: before it
        // could draw seed 0 again; in CI one peer took 17 s to register), and on a loaded machine a peer
        // started late in the cut may then register just after the heal (CI, five lanes: one did). So: every peer started during
        // the cut registers, and three or more of them while it lasts.
        var joinedDuring = trace.Where(e => e.Kind == TraceKind.NodeStarted && e.Detail == "peer" && During(e) && e.Node != crashed).Select(e => e.Node).ToHashSet();
        double? RegisteredAt(NodeAddress p) => trace.Where(e => e.Kind == TraceKind.Registered && e.Node == p).Select(e => (double?)Sec(e, r)).FirstOrDefault();
        TestContext.Out.WriteLine("started during the cut, and registered: " + string.Join(", ", joinedDuring.Select(p =>
            $"{p} {Sec(trace.First(e => e.Kind == TraceKind.NodeStarted && e.Node == p), r):0.00} s -> {RegisteredAt(p)?.ToString("0.00") ?? "never"}")));
        Assert.That(joinedDuring, Has.Count.GreaterThanOrEqualTo(3), "peers started during the partition");
        foreach (var p in joinedDuring)
            Assert.That(RegisteredAt(p), Is.Not.Null, $"peer {p}, started during the partition, registered");
        Assert.That(joinedDuring.Count(p => trace.Any(e => e.Kind == TraceKind.Registered && e.Node == p && During(e))), Is.GreaterThanOrEqualTo(3),
            "peers started during the partition registered while it lasted, with the majority");
        Assert.That(trace.Count(e => e.Kind == TraceKind.Committed && majority.Contains(e.Node) && During(e)), Is.GreaterThan(0), "the majority committed");
        // ...and removes a killed peer, both majority seeds before the heal.
        TestContext.Out.WriteLine($"killed peer {crashed}: started {Sec(trace.First(e => e.Kind == TraceKind.NodeStarted && e.Node == crashed), r):0.00} s, "
            + $"registered {RegisteredAt(crashed)?.ToString("0.00") ?? "never"}, killed at {Sec(trace.First(e => e.Kind == TraceKind.CrashInjected), r):0.00} s, removed by the majority at "
            + string.Join(", ", majority.Select(m => trace.Where(e => e.Kind == TraceKind.MemberRemoved && e.Node == m && e.Peer == crashed).Select(e => Sec(e, r).ToString("0.00")).FirstOrDefault() ?? "never"))
            + "; its registration rounds that timed out: " + (string.Join(", ", trace.Where(e => e.Kind == TraceKind.RegistrationFailed && e.Node == crashed).Select(e => $"{Sec(e, r):0.00} s ({e.Detail})")) is { Length: > 0 } rounds ? rounds : "none"));
        // On a loaded machine the first peer may link so late that its removal cannot fit in the cut (CI, four lanes: linked and killed
        // at 24.8 s, removed at 28.5 s, the cut over at 28.3 s): then the removal is checked after the kill, and the test says so.
        double killedAt = Sec(trace.First(e => e.Kind == TraceKind.CrashInjected), r), bound = ScenarioConfig.DetectionBoundSeconds(s);
        bool roomInCut = killedAt + bound <= cutUntil;
        if (!roomInCut)
            TestContext.Out.WriteLine($"the kill at {killedAt:0.00} s left less than the detection bound ({bound:0.0} s) before the heal at "
                + $"{cutUntil:0.00} s: its removal by the majority is checked after the kill, not within the cut");
        foreach (var seed in majority)
            Assert.That(trace.Any(e => e.Kind == TraceKind.MemberRemoved && e.Node == seed && e.Peer == crashed && (roomInCut ? During(e) : Sec(e, r) >= killedAt)),
                Is.True, $"seed {seed} removed the killed peer {crashed} " + (roomInCut ? "during the partition" : "after its kill"));

        // After the heal every seed holds the same list: the live peers.
        var sum = r.Summary;
        Assert.That(sum.SeedsAgree, Is.True, "seeds agree after healing");
        var digests = trace.Where(e => e.Kind == TraceKind.SeedDigest).ToList();
        Assert.That(digests.Select(d => d.Node).Distinct().Count(), Is.EqualTo(3));
        Assert.That(digests.Select(d => (d.A, d.B)).Distinct().Count(), Is.EqualTo(1), "one list (size, digest) at all three seeds");
        var listed = sum.Checks!.Single(c => c.Name == TraceChecks.ListsLivePeers);
        Assert.That(listed.Verdict, Is.EqualTo(CheckVerdict.Passed), listed.Line());
        Assert.That(sum.Checks!.Single(c => c.Name == TraceChecks.MajorityCommits).Verdict, Is.EqualTo(CheckVerdict.Passed));
    }

    [Test]
    public void InjectedDelayOf50msPlusMinus10_ShowsInTheLatencyPerHop()
    {
        var s = Demo("multihost-delay", joinWindow: 3, messages: 6, drainSeconds: RelayedDrainSeconds);
        s.Network.Latency = new LatencySpec { Model = "uniform", MinMs = 40, MaxMs = 60 };
        var r = Run(s);
        var samples = TraceSamples.Read(Analysis.Trace.TraceFile.Require(_out));
        Assert.That(samples.LatencyPerHopSeconds, Has.Length.GreaterThan(100), "deliveries to measure");
        var perHopMs = samples.LatencyPerHopSeconds.Select(x => x * 1000).OrderBy(x => x).ToArray();
        double p10 = perHopMs[perHopMs.Length / 10], p50 = perHopMs[perHopMs.Length / 2];
        TestContext.Progress.WriteLine($"latency per hop: min {perHopMs[0]:F1} ms, p10 {p10:F1} ms, p50 {p50:F1} ms, p90 {perHopMs[perHopMs.Length * 9 / 10]:F1} ms; summary p50 {r.Summary.Gossip.LatencySeconds.P50 * 1000:F1} ms over {r.Summary.Gossip.Hops.Mean:F2} hops");
        // Every hop crosses the relay once, held at least 40 ms (less the relay's timer slack, at most 3 ms, and rounding).
        Assert.That(perHopMs[0], Is.GreaterThanOrEqualTo(36.5), "no hop is faster than the delay allows");
        // The fast hops sit near the delay itself (a delay applied twice per hop would put them above 80 ms);
        // the median adds the nodes' own work, which on a shared, loaded 2-core machine reaches tens of ms.
        Assert.That(p10, Is.InRange(40, 75), "10th percentile of the latency per hop");
        Assert.That(p50, Is.InRange(45, 120), "median latency per hop");
        var relay = (System.Text.Json.JsonElement)((Dictionary<string, System.Text.Json.JsonElement>)r.Summary.Extra!["relay"])["appliedDelayMsP50"];
        Assert.That(relay.GetDouble(), Is.InRange(45, 65), "the relay's own record of the delays it applied");
        EveryMessageReachedEveryPeerLinkedBeforeIt(r);
    }

    [Test]
    public void OnTheMeasuredInternet_TheRelayDelaysEachPairAsTheSimulatorPlacesIt_AndTheSummaryRecordsIt()
    {
        var s = Demo("multihost-wan", joinWindow: 3, messages: 6, drainSeconds: RelayedDrainSeconds);
        // Four countries a band apart from Germany: the Netherlands (under 1000 km), Spain (1000 to 5000), the United States (over 5000).
        s.Network.Latency = new LatencySpec
        {
            Model = "wan", SeedCountries = ["DE", "NL", "US"],
            Countries = System.Text.Json.JsonDocument.Parse("""{"DE": 1, "NL": 1, "ES": 1, "US": 1}""").RootElement.Clone(),
        };
        var r = Run(s);
        var latency = ScenarioConfig.LatencyOf(s);
        Assert.That(r.Summary.Extra!["latencyModel"], Is.EqualTo(latency.Describe()));

        // The summary places the nodes as the simulator does: the model's placement with the run's seed, node by index.
        var model = (Simulator.Latency.Wan.WanLatency)latency.ForRun(s.Seed);
        var expected = Enumerable.Range(0, s.Seeds + s.Peers).Select(i => model.Atlas.Codes[model.CountryOf(i)])
            .GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        var wan = r.Summary.Wan!;
        Assert.That(wan, Is.Not.Null, "a wan run on the bed has the wan section");
        Assert.That(wan.Countries, Is.EquivalentTo(expected));
        Assert.That(wan.Nodes, Is.EqualTo(s.Seeds + s.Peers));

        // The relay drew each chunk between its two nodes and applied it; its record is in the summary, by distance band.
        var relay = (Dictionary<string, System.Text.Json.JsonElement>)r.Summary.Extra!["relay"];
        Assert.That(relay["placedConnections"].GetInt64(), Is.GreaterThan(0).And.EqualTo(relay["connections"].GetInt64()),
            "every connection is between two nodes of the plan");
        var bands = relay["byDistance"].EnumerateObject().ToDictionary(b => b.Name, b => b.Value);
        foreach (var (band, figures) in bands)
            TestContext.Progress.WriteLine($"relay, {band}: {figures.GetProperty("chunks").GetInt64()} chunks, drawn p50 "
                + $"{figures.GetProperty("drawnDelayMsP50").GetDouble():F1} ms, applied p50 {figures.GetProperty("appliedDelayMsP50").GetDouble():F1} ms, "
                + $"p99 {figures.GetProperty("appliedDelayMsP99").GetDouble():F1} ms");
        foreach (var (band, f) in wan.LatencyByDistance)
            TestContext.Progress.WriteLine($"first receipts, {band}: {f.Deliveries}, p50 {f.P50Seconds * 1000:F1} ms, p99 {f.P99Seconds * 1000:F1} ms");
        Assert.That(bands.Keys, Is.EquivalentTo(Simulator.Latency.Wan.DistanceBands.All.Select(b => b.Name)), "DE–NL, the Spanish peers to the German seed, DE–US: every band");
        foreach (var (band, f) in bands)
        {
            double drawn = f.GetProperty("drawnDelayMsP50").GetDouble(), applied = f.GetProperty("appliedDelayMsP50").GetDouble();
            // Applied: never before due less the timer slack (at most 3 ms); late by the timer and the machine's load, not by tens of ms.
            Assert.That(applied, Is.InRange(drawn - 3, drawn + 15), $"{band}: the delay applied is the one drawn");
        }
        double Drawn(int band) => bands[Simulator.Latency.Wan.DistanceBands.All[band].Name].GetProperty("drawnDelayMsP50").GetDouble();
        Assert.That(Drawn(0), Is.LessThan(Drawn(2)), "near pairs are held less than pairs across an ocean");
        EveryMessageReachedEveryPeerLinkedBeforeIt(r);
    }

    [Test]
    public void TheManager_PartitionsAndHealsTheBed_ThroughTheTypedApi()
    {
        var s = Demo("multihost-manager", joinWindow: 2, messages: 3);
        // The cut and the heal come at the start, each an nft change in every namespace: under CI's load they took seconds, and
        // the seeds did not agree yet when the run ended 4 s after the gossip (the seed cut off catches up by anti-entropy).
        s.DrainSeconds = 12;
        Task<RunAnswer[]>? answers = null;
        RunCapabilities commands = RunCapabilities.None;
        var r = Run(s, run =>
        {
            commands = run.Capabilities;
            answers = Task.Run(async () => new[]
            {
                await run.PartitionAsync(new[] { new[] { "seed:0" } }, oneWay: false),
                await run.PartitionAsync(new[] { new[] { "seed:7" } }, oneWay: false),
                await run.HealAsync(),
            });
        });
        var a = answers!.GetAwaiter().GetResult();
        Assert.That(commands & (RunCapabilities.Partition | RunCapabilities.Heal), Is.EqualTo(RunCapabilities.Partition | RunCapabilities.Heal));
        Assert.That(a.Select(x => x.Done), Is.EqualTo(new[] { true, false, true }), string.Join(" / ", a.SelectMany(x => x.Lines)));
        Assert.That(a[1].Lines.Single(), Does.StartWith("partition: expected an index range within 0-2"));
        var trace = Trace();
        var cut = trace.Single(e => e.Kind == TraceKind.Partitioned);
        Assert.That(cut.Detail, Is.EqualTo("[seed:0] | [everyone else]"));
        Assert.That(trace.Any(e => e.Kind == TraceKind.Healed && e.Time >= cut.Time), Is.True, "healed after the cut");
        Assert.That(r.Summary.SeedsAgree, Is.True, ChecksSaid.Of(r.Summary));
    }
}

