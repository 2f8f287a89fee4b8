using GossipSim.Engine.Config;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Runtimes.Sim;
using GossipSim.Scenarios.Tests.Roles.PhiAccrual;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Runtimes.Sim;

/// <summary>
/// Plumtree repairs its tree on a failed send, as its paper does on TCP's word (NeighborDown), before the failure detector and the
/// seeds have a say: on crash-hub (simulator, the classic detector) with the busiest relay of the tree crashed instead of the hub,
/// each neighbour that had the relay's link on the tree takes it off at a failed send there, before anyone suspects the relay, and
/// the peers that had their messages through it get the broadcasts made after the crash before it is suspected.
/// </summary>
public class PlumtreeRepairTests : RunFolder
{
    private List<TraceEvent> RunCrashHub(string name, int? crashPeer = null)
    {
        string dir = Path.Combine(Dir, name);
        var s = CrashHubUnder.OnTheSimulator(BroadcastProtocol.Plumtree, FailureDetector.Classic);
        if (crashPeer is { } index)
        {
            s.Faults.Single().Target = "peer";
            s.Faults.Single().Index = index;
        }
        RunDoor.Run(s, new RunOptions { Quiet = true, Logs = false, TraceFile = true }, dir, _ => { });
        return PhiAccrualTests.ReadTrace(Directory.GetFiles(dir, "trace.jsonl*", SearchOption.AllDirectories).First());
    }

    /// <summary>Peers whose last first receipt before <paramref name="until"/> (an index in the trace) came from each relay.</summary>
    private static Dictionary<NodeAddress, List<NodeAddress>> Below(List<TraceEvent> trace, int until) =>
        trace.Take(until).Where(e => e.Kind == TraceKind.GossipDelivered).GroupBy(e => e.Node)
            .GroupBy(g => g.Last().Peer, g => g.Key).ToDictionary(g => g.Key, g => g.ToList());

    private static int PeerIndex(NodeAddress peer) =>
        Enumerable.Range(0, 1000).First(i => SimAddresses.Peer(i) == peer);

    [Test]
    public void AfterARelaysCrash_ItsLinksLeaveTheTree_AndThePeersBelowGetTheNextBroadcasts_BeforeAnyoneSuspectsIt()
    {
        // The same run up to the crash, whoever the victim: the relay with the most peers below it at the hub's crash is crashed instead.
        var first = RunCrashHub("hub");
        var busiest = Below(first, first.FindIndex(e => e.Kind == TraceKind.CrashInjected))
            .Where(r => !r.Key.IsNone && r.Key.Port == SimAddresses.PeerPort).MaxBy(r => r.Value.Count).Key;
        var trace = RunCrashHub("relay", PeerIndex(busiest));
        var crash = trace.Single(e => e.Kind == TraceKind.CrashInjected);
        var relay = crash.Node;
        Assert.That(relay, Is.EqualTo(busiest));
        int crashAt = trace.IndexOf(crash);
        // The detector's first word on the relay: a suspicion (the seeds' removal and the links' end come after it).
        int suspectedAt = trace.FindIndex(e => e.Kind is TraceKind.Suspected or TraceKind.DeadReported or TraceKind.MemberRemoved
            or TraceKind.LinkDown && e.Peer == relay);
        Assert.That(suspectedAt, Is.GreaterThan(crashAt), "the relay is suspected after its crash");
        var before = trace.Take(crashAt).ToList();
        var between = trace.Skip(crashAt + 1).Take(suspectedAt - crashAt - 1).ToList();

        // The relay's neighbours at its crash that had its link on the tree (a link starts on it; its changes are traced, but a first
        // receipt from the relay, which puts it back, by its gossip-delivered line alone).
        var linked = before.Where(e => e.Peer == relay && e.Kind is TraceKind.LinkUp or TraceKind.LinkDown)
            .GroupBy(e => e.Node).Where(g => g.Last().Kind == TraceKind.LinkUp).Select(g => g.Key).ToList();
        var onTree = linked.Where(n => before.LastOrDefault(e => e.Kind is TraceKind.EdgeModeChanged or TraceKind.GossipDelivered
                && e.Node == n && e.Peer == relay) is var m
            && (m.Kind != TraceKind.EdgeModeChanged || m.A == (long)EdgeMode.Tree)).ToList();
        var leftTree = between.Where(e => e.Kind == TraceKind.EdgeModeChanged && e.Peer == relay && e.A == (long)EdgeMode.Lazy)
            .Select(e => e.Node).ToHashSet();

        var below = Below(trace, crashAt)[relay];
        var createdAfter = between.Where(e => e.Kind == TraceKind.GossipCreated).Select(e => e.Message).ToList();
        var reached = between.Where(e => e.Kind == TraceKind.GossipDelivered).Select(e => (e.Node, e.Message)).ToHashSet();
        var reachedBelow = below.Where(p => createdAfter.Any(m => reached.Contains((p, m)))).ToList();

        TestContext.Out.WriteLine($"relay {relay}: {linked.Count} neighbours, {onTree.Count} with its link on the tree; {leftTree.Count} "
            + $"took it off before its first suspicion ({(trace[suspectedAt].Time - crash.Time).TotalSeconds:F3} s after the crash, "
            + $"{trace[suspectedAt].Kind}); {below.Count} peers below it, {reachedBelow.Count} reached by one of the "
            + $"{createdAfter.Count} broadcasts made meanwhile");
        Assert.That(onTree, Is.Not.Empty, "the relay was on the tree");
        Assert.That(leftTree, Is.SupersetOf(onTree), "every tree link to the relay leaves the tree on a failed send, before the detector");
        Assert.That(createdAfter, Is.Not.Empty, "broadcasts are made between the crash and the first suspicion");
        Assert.That(reachedBelow, Is.EquivalentTo(below), "the tree is repaired around the relay before the detector says anything");
    }
}
