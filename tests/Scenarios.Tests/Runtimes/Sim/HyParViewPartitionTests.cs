using GossipSim.TestSupport;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Runtimes.Sim;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Runtimes.Sim;

/// <summary>
/// HyParView across a one-way partition (11 of 50 peers cannot send to the rest for 14 s; swarm seed 7, run 4298's cut): their
/// sends out fail, so they drop every link across the cut and their repair links them only to each other, full views on both sides
/// (an island when the cut heals; in run 4298 it stayed apart to the end, a message reaching 10 of 49 peers). The seeds turn down
/// their reports of the dropped neighbours (their probes are answered), and each such peer JOINs again through one of them
/// (<c>HyParViewOverlay.OnDroppedFoundAlive</c>): once the cut heals, those JOINs link the island to the rest.
/// </summary>
public class HyParViewPartitionTests : RunFolder
{
    private const string Scenario = """
        {"name": "hyparview-one-way-cut", "runtime": "sim", "seed": 1, "seeds": 3, "peers": 50, "joinWindowSeconds": 5,
         "durationSeconds": 70, "drainSeconds": 30, "gossip": {"origins": 10, "intervalSeconds": 1, "messagesPerPeer": 70},
         "peerSettings": {"pingIntervalSeconds": 1, "missesBeforeSuspect": 3, "witnessProbeTimeoutSeconds": 0.5,
           "suspicionQueryTimeoutSeconds": 1, "registerTimeoutSeconds": 2, "linkTimeoutSeconds": 1, "reattachRetrySeconds": 1,
           "membershipRefreshSeconds": 3},
         "seedSettings": {"probeTimeoutSeconds": 0.6, "proposalTimeoutSeconds": 1.5, "antiEntropyIntervalSeconds": 1},
         "protocol": {"broadcast": "flood", "overlay": "hyparview", "failureDetector": "classic"},
         "network": {"latency": {"model": "lognormal", "minMs": 2, "medianMs": 18, "sigma": 0.6}},
         "faults": [{"at": 15, "action": "partition", "direction": "one-way", "durationSeconds": 14,
           "groups": [["peers:23-33"], ["peers:0-22", "peers:34-49"]]}]}
        """;

    [Test]
    public void PeersCutOffOneWay_LinkedOnlyToEachOtherAtTheHeal_JoinAgainThroughANeighbourFoundAlive_AndTheOverlayIsOneAgain()
    {
        string path = Path.Combine(Dir, "cut.json");
        File.WriteAllText(path, Scenario);
        var r = RunDoor.Run(ScenarioLoader.Load(path), new RunOptions { Quiet = true, Logs = true, TraceFile = true }, Dir, _ => { });
        Assert.That(r.Summary.CheckCounts!.Failed, Is.Zero, ChecksSaid.Of(r.Summary));
        var events = Analysis.Trace.TraceFile.Read(Analysis.Trace.TraceFile.Require(Dir)).ToList();
        var cutOff = Enumerable.Range(23, 11).Select(SimAddresses.Peer).ToHashSet();
        bool Across(NodeAddress a, NodeAddress b) => cutOff.Contains(a) != cutOff.Contains(b);
        var heal = events.First(e => e.Kind == TraceKind.Healed).Time;

        // At the heal, no link (held at both ends) crosses the cut: the repair made an island.
        Assert.That(Links(events, heal).Where(l => Across(l.A, l.B)), Is.Empty, "at the heal, the cut-off peers are linked only to each other");

        // Each JOIN through a neighbour found alive names a peer across the cut; some, after the heal, link across it.
        var joins = File.ReadLines(Path.Combine(Dir, "outputfile.txt")).Select(JoinThrough).OfType<(TimeSpan, NodeAddress, NodeAddress)>().ToList();
        Assert.That(joins, Is.Not.Empty, "the cut-off peers JOIN again through neighbours the seeds found alive");
        Assert.That(joins.Where(j => !Across(j.Item2, j.Item3)), Is.Empty, "each through a neighbour on the other side of the cut");
        var bridged = joins.Where(j => j.Item1 > heal && events.Any(e => e.Kind == TraceKind.LinkUp && e.Time > j.Item1
            && e.Node == j.Item2 && e.Peer == j.Item3)).ToList();
        Assert.That(bridged, Is.Not.Empty, "a JOIN after the heal links a cut-off peer to the rest");

        // Linked as one again, well before the run ends.
        var settled = heal + TimeSpan.FromSeconds(20);
        Assert.That(Components(Links(events, settled), events, settled), Is.EqualTo(1), "one overlay 20 s after the heal");
    }

    /// <summary>"[t] peer joining again through contact, ...": when, who, through whom; null for any other line.</summary>
    private static (TimeSpan, NodeAddress, NodeAddress)? JoinThrough(string line)
    {
        const string says = "joining again through ";
        int close = line.IndexOf("] ", StringComparison.Ordinal);
        if (!line.StartsWith('[') || close < 0) return null;
        var words = line[(close + 2)..].Split(' ', 2);
        if (words.Length < 2 || !words[1].StartsWith(says, StringComparison.Ordinal)) return null;
        var time = TimeSpan.FromSeconds(double.Parse(line[1..close], System.Globalization.CultureInfo.InvariantCulture));
        string contact = words[1][says.Length..];
        return (time, NodeAddress.Parse(words[0]), NodeAddress.Parse(contact[..contact.IndexOf(',')]));
    }

    /// <summary>The links held at both ends at <paramref name="t"/> (each once).</summary>
    private static List<(NodeAddress A, NodeAddress B)> Links(List<TraceEvent> events, TimeSpan t)
    {
        var half = new HashSet<(NodeAddress, NodeAddress)>();
        foreach (var e in events.TakeWhile(e => e.Time <= t))
        {
            if (e.Kind == TraceKind.LinkUp) half.Add((e.Node, e.Peer));
            else if (e.Kind == TraceKind.LinkDown) half.Remove((e.Node, e.Peer));
        }
        return half.Where(l => half.Contains((l.Item2, l.Item1)) && l.Item1.CompareTo(l.Item2) < 0).ToList();
    }

    /// <summary>Connected groups among the peers started by <paramref name="t"/> (every peer lives to the end here).</summary>
    private static int Components(List<(NodeAddress A, NodeAddress B)> links, List<TraceEvent> events, TimeSpan t)
    {
        var peers = events.TakeWhile(e => e.Time <= t).Where(e => e.Kind == TraceKind.NodeStarted && e.Node.Port == SimAddresses.PeerPort)
            .Select(e => e.Node).ToHashSet();
        var group = peers.ToDictionary(p => p, p => p);
        NodeAddress Find(NodeAddress p) => group[p] == p ? p : group[p] = Find(group[p]);
        foreach (var (a, b) in links) group[Find(a)] = Find(b);
        return peers.Select(Find).Distinct().Count();
    }
}
