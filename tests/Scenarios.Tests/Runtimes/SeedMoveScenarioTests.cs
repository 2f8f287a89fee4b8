using GossipSim.TestSupport;
using GossipSim.Analysis.Summary;
using GossipSim.Analysis.Trace;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Runtimes.Sim;
using GossipSim.Scenarios.Tests.Runtimes.Sim;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Runtimes;

/// <summary>
/// Issue 56, 1, as a scenario's fault: "move" stops a seed cleanly and starts it again at once at a new address, with its key and an
/// empty state, as an orchestrator reschedules it when its host drains. The shipped seed-move.json on the simulator and on node
/// processes (loopback: a new port): the others take it back by its key, and with seed 0 crashed for good the removal of a crashed
/// peer needs the moved seed's vote, which it gives where it listens now. Every check holds.
/// </summary>
public class SeedMoveScenarioTests : RunFolder
{
    private static Scenario Shipped() => ScenarioLoader.Load(Path.Combine(GoldenTraceHashTests.ScenariosFolder(), "seed-move.json"));

    [TestCase("sim")]
    [TestCase("real")]
    public void AMovedSeed_IsTakenBackByItsKey_AndItsVoteRemovesACrashedPeerOnceAnotherSeedIsGone(string runtime)
    {
        var s = Shipped();
        s.Runtime = runtime;
        var said = new List<string>();
        var r = RunDoor.Run(s, new RunOptions { Quiet = true, TraceFile = true, Logs = false }, Dir, said.Add);
        Assert.That(ChecksSaid.NotHeld(r.Summary), Is.Empty, ChecksSaid.Of(r.Summary));
        Assert.That(r.Summary.Checks!.Count(c => c.Verdict == CheckVerdict.Passed), Is.EqualTo(8), ChecksSaid.Of(r.Summary));

        var trace = TraceFile.Read(Path.Combine(Dir, "trace.jsonl.gz")).ToList();
        var end = trace.First(e => e.Kind == TraceKind.RunEnded).Time;
        var seeds = trace.Where(e => e.Kind == TraceKind.NodeStarted && e.Detail == "seed").Select(e => e.Node).Distinct().ToList();
        Assert.That(seeds, Has.Count.EqualTo(4), "3 seeds, and seed 1's life at its new address");
        var moved = said.Single(l => l.Contains("moved seed 1 from"));
        var (from, to) = (NodeAddress.Parse(Word(moved, "from")), NodeAddress.Parse(Word(moved, "to")));
        Assert.That(to, Is.Not.EqualTo(from));
        Assert.That(trace.Any(e => e.Kind == TraceKind.NodeStopped && e.Node == from && e.Time < end), "seed 1 stopped cleanly first");
        Assert.That(seeds, Does.Contain(to), "and started again where the run says");
        if (runtime == "sim") Assert.That(to, Is.EqualTo(SimAddresses.Seed(3)), "the place kept for the move: the next seed address");

        var peer4 = r.Summary.Failures.Single(f => f.Role == "peer");
        Assert.That(peer4.RemovedAt, Is.Not.Null, "the crashed peer was removed");
        Assert.That(VotedTheRemoval(trace, to, peer4.Node), "the moved seed's vote at its new address is in the removal's majority");
    }

    /// <summary>drain-host.json: host 1 of 3 drained, as an orchestrator drains a machine: seed 1 moves, peers 1, 4, 7 leave cleanly
    /// (no false removal) and three new peers join; with seed 0 crashed for good, the moved seed's vote removes a crashed peer.</summary>
    [TestCase("sim")]
    [TestCase("real")]
    public void ADrainedHost_MovesItsSeed_AndReplacesItsPeers_AndEveryCheckHolds(string runtime)
    {
        var s = ScenarioLoader.Load(Path.Combine(GoldenTraceHashTests.ScenariosFolder(), "drain-host.json"));
        s.Runtime = runtime;
        var said = new List<string>();
        var r = RunDoor.Run(s, new RunOptions { Quiet = true, TraceFile = true, Logs = false }, Dir, said.Add);
        Assert.That(ChecksSaid.NotHeld(r.Summary), Is.Empty, ChecksSaid.Of(r.Summary));
        Assert.That(said, Has.One.EndsWith("draining host 1 of 3: 1 seed(s) move, 3 peer(s) leave and as many join elsewhere"));
        Assert.That(said.Where(l => l.Contains("in peer ")).Select(l => l[(l.IndexOf(' ') + 1)..]),
            Is.EqualTo(new[] { "new peer 9 in peer 1's place", "new peer 10 in peer 4's place", "new peer 11 in peer 7's place" }));
        Assert.That(r.Summary.FalseRemovals, Is.Zero, "the drained peers left cleanly");
        var trace = TraceFile.Read(Path.Combine(Dir, "trace.jsonl.gz")).ToList();
        var moved = said.Single(l => l.Contains("moved seed 1 from"));
        var to = NodeAddress.Parse(Word(moved, "to"));
        var peer0 = r.Summary.Failures.Single(f => f.Role == "peer" && f.Kind == "crash");
        Assert.That(VotedTheRemoval(trace, to, peer0.Node), "the moved seed voted the crashed peer's removal where it listens now");
    }

    /// <summary>Whether <paramref name="seed"/> committed a removal of <paramref name="peer"/> or voted yes on a proposal of it that
    /// its proposer committed. Both seeds left may propose it (each probes the crashed peer) or only one, whose proposal the other
    /// votes for (a loaded CI: the moved seed's own proposal never came, its yes vote made seed 2's commit).</summary>
    private static bool VotedTheRemoval(List<TraceEvent> trace, NodeAddress seed, string peer)
    {
        bool Of(TraceEvent e) => e.Detail == "remove" && e.Peer.ToString() == peer;
        var committers = trace.Where(e => e.Kind == TraceKind.Committed && Of(e)).Select(e => e.Node).ToHashSet();
        var committed = trace.Where(e => e.Kind == TraceKind.Proposed && Of(e) && committers.Contains(e.Node)).Select(e => e.A).ToHashSet();
        return committers.Contains(seed)
            || trace.Any(e => e.Kind == TraceKind.Voted && e.Node == seed && e.B == 1 && e.Peer.ToString() == peer && committed.Contains(e.A));
    }

    [Test]
    public void ASeedMovedTwice_KeepsItsName_AndASeedNotRunningIsNotMoved()
    {
        var s = Shipped();
        s.Faults.Clear();
        s.Faults.Add(new FaultSpec { At = 8, Action = "move", Target = "seed", Index = 1 });
        s.Faults.Add(new FaultSpec { At = 16, Action = "move", Target = "seed", Index = 1 });
        s.Faults.Add(new FaultSpec { At = 20, Action = "crash", Target = "seed", Index = 2 });
        s.Faults.Add(new FaultSpec { At = 22, Action = "move", Target = "seed", Index = 2 });
        s.Faults.Add(new FaultSpec { At = 24, Action = "crash", Target = "peer", Index = 4 });
        var said = new List<string>();
        var r = RunDoor.Run(s, new RunOptions { Quiet = true, TraceFile = true, Logs = false }, Dir, said.Add);
        Assert.That(ChecksSaid.NotHeld(r.Summary), Is.Empty, ChecksSaid.Of(r.Summary));
        Assert.That(said.Where(l => l.Contains("moved seed")).Select(l => l[(l.IndexOf(' ') + 1)..]), Is.EqualTo(new[]
        {
            $"moved seed 1 from {SimAddresses.Seed(1)} to {SimAddresses.Seed(3)}: its key, an empty state",
            $"moved seed 1 from {SimAddresses.Seed(3)} to {SimAddresses.Seed(4)}: its key, an empty state",
        }));
        Assert.That(said, Has.One.EndsWith("seed 2 is not running: nothing to move"));
        // With seed 2 down, seed 0 and seed 1 at its third address remove the crashed peer: its name, seed 1's first address, kept.
        var trace = TraceFile.Read(Path.Combine(Dir, "trace.jsonl.gz")).ToList();
        Assert.That(trace.Any(e => e.Kind == TraceKind.Committed && e.Detail == "remove" && e.Node == SimAddresses.Seed(4)
            && e.Peer == SimAddresses.Peer(4)), "seed 1, moved twice, voted the removal where it listens now");
        Assert.That(trace.Any(e => e.Node == SimAddresses.Seed(5)), Is.False, "the third place was never used: the move found seed 2 down");
    }

    private static string Word(string line, string after)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words[Array.IndexOf(words, after) + 1].TrimEnd(':');
    }
}
