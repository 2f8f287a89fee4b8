using GossipSim.Engine.Core;

namespace GossipSim.Scenarios.Dashboard.Model;

/// <summary>
/// Which peers the page draws. A browser holds a few hundred animated SVG nodes well; beyond
/// that the page draws the peers that matter most and counts the rest: failing peers (crashed
/// or suspected) first, then by degree. Peers drawn in the previous frame win ties, so the
/// set does not flicker at the boundary.
/// </summary>
public static class DrawnSet
{
    public const int DefaultMaxPeers = 300;

    public static List<NodeView> Select(IEnumerable<NodeView> nodes, int maxPeers, IReadOnlySet<NodeAddress> previous)
    {
        var peers = nodes.Where(n => !n.IsSeed && n.Visible).ToList();
        if (peers.Count <= maxPeers) return peers.OrderBy(n => n.Address).ToList();
        return peers
            .OrderByDescending(n => n.Condition == NodeCondition.Crashed || n.Suspected)
            .ThenByDescending(n => n.Degree)
            .ThenByDescending(n => previous.Contains(n.Address))
            .ThenBy(n => n.Address)
            .Take(maxPeers)
            .OrderBy(n => n.Address)
            .ToList();
    }
}
