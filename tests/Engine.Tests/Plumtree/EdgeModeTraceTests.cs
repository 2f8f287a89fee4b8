using System.Text.RegularExpressions;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.Plumtree;

/// <summary>
/// Plumtree traces each change of a link's mode (tree or lazy), a first receipt's link joining the tree by its gossip-delivered line,
/// so the dashboard can draw the tree from the trace alone; a flooding peer traces none (the flood's trace, and its golden hashes, stay as they were).
/// </summary>
public class EdgeModeTraceTests
{
    [Test]
    public void Plumtree_TracesEveryModeChange_AndTheModesReplayedFromTheTrace_MatchEachPeersTreeAtTheEnd()
    {
        var h = Run(BroadcastProtocol.Plumtree);
        var changes = h.Trace.Of(TraceKind.EdgeModeChanged).ToList();
        Assert.That(changes.Select(e => (EdgeMode)e.A), Does.Contain(EdgeMode.Lazy).And.All.AnyOf(EdgeMode.Tree, EdgeMode.Lazy));

        // Replayed as the dashboard does: a link starts on the tree; each event is a change, never the mode the link already had.
        var modes = new Dictionary<(NodeAddress, NodeAddress), EdgeMode>();
        foreach (var e in h.Trace.Events)
        {
            if (e.Kind == TraceKind.LinkUp) modes[(e.Node, e.Peer)] = EdgeMode.Tree;
            // A first receipt's link joins the tree, traced by its gossip-delivered line alone.
            else if (e.Kind == TraceKind.GossipDelivered && modes.ContainsKey((e.Node, e.Peer))) modes[(e.Node, e.Peer)] = EdgeMode.Tree;
            else if (e.Kind == TraceKind.LinkDown) modes.Remove((e.Node, e.Peer));
            else if (e.Kind == TraceKind.EdgeModeChanged)
            {
                Assert.That(modes.TryGetValue((e.Node, e.Peer), out var was), Is.True, $"{e.Node} changed the mode of {e.Peer}, not a link");
                Assert.That((EdgeMode)e.A, Is.Not.EqualTo(was), "traced only when the mode changes");
                modes[(e.Node, e.Peer)] = (EdgeMode)e.A;
            }
            else if (e.Kind == TraceKind.PlumtreeCounters)
            {
                // Traced at stop: "tree links T of N", the peer's own count of its links on the tree.
                var m = Regex.Match(e.Detail!, @"tree links (\d+) of (\d+)");
                int onTree = modes.Count(kv => kv.Key.Item1 == e.Node && kv.Value == EdgeMode.Tree);
                Assert.That(onTree, Is.EqualTo(int.Parse(m.Groups[1].Value)), $"{e.Node}'s tree links from the trace");
            }
        }
        Assert.That(h.Trace.Of(TraceKind.PlumtreeCounters).Count(), Is.EqualTo(h.PeerIndex.Count), "every peer checked at its stop");
    }

    [Test]
    public void Flood_TracesNoEdgeModes()
    {
        var h = Run(BroadcastProtocol.Flood);
        Assert.That(h.Trace.Of(TraceKind.GossipDelivered), Is.Not.Empty, "gossip spread");
        Assert.That(h.Trace.Of(TraceKind.EdgeModeChanged), Is.Empty);
    }

    private static SimHarness Run(BroadcastProtocol broadcast)
    {
        var h = new SimHarness(2, seed: 7, peer: SimHarness.FastPeer() with { Broadcast = broadcast });
        h.AddPeers(16, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2));
        h.Run(20);
        h.Net.StopAll();
        return h;
    }
}
