using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Trace;

/// <summary>
/// What a node's edges are, in a protocol that gives them modes (traced as <see cref="TraceKind.EdgeModeChanged"/>): the mode each
/// of its links last changed to (Plumtree's tree or lazy; a link it never traced keeps the protocol's start, the tree) and its
/// passive entries (HyParView: known, not linked). Kept beside the node's neighbour set, only where the fold keeps that (the dashboard
/// draws them), and made at the node's first such event: a flooding run's nodes hold none.
/// </summary>
public sealed class EdgeModes
{
    private readonly Dictionary<NodeAddress, EdgeMode> _links = new();
    private readonly HashSet<NodeAddress> _passive = new();

    /// <summary>The mode the link to <paramref name="peer"/> last changed to (tree or lazy); null when it traced none in this link's life.</summary>
    public EdgeMode? OfLink(NodeAddress peer) => _links.TryGetValue(peer, out var m) ? m : null;

    /// <summary>Its passive entries now (a passive entry is no link; one that is linked is drawn as the link).</summary>
    public IReadOnlyCollection<NodeAddress> Passive => _passive;

    /// <summary>A traced change. Tree or lazy concern a link the node holds (a change about no link is stale, and dropped); passive adds an
    /// entry and none drops it.</summary>
    internal void Change(NodeAddress peer, EdgeMode mode, bool linked)
    {
        switch (mode)
        {
            case EdgeMode.Tree or EdgeMode.Lazy when linked:
                _links[peer] = mode;
                break;
            case EdgeMode.Passive:
                _passive.Add(peer);
                break;
            case EdgeMode.None:
                _passive.Remove(peer);
                break;
        }
    }

    /// <summary>A first receipt over <paramref name="peer"/>'s link puts that link on the tree, where the node's links have modes
    /// (Plumtree traces no edge-mode line for it: its gossip-delivered line says it). A node whose links traced no mode yet has them
    /// all on the tree already, and one whose only modes are passive entries (HyParView under a flood) has no tree.</summary>
    internal void FirstReceipt(NodeAddress peer, bool linked)
    {
        if (linked && _links.Count > 0) _links[peer] = EdgeMode.Tree;
    }

    /// <summary>A new link starts as the protocol starts it, untraced; an entry that becomes a link is no longer passive.</summary>
    internal void LinkUp(NodeAddress peer)
    {
        _links.Remove(peer);
        _passive.Remove(peer);
    }

    internal void LinkDown(NodeAddress peer) => _links.Remove(peer);
}
