using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Core;

/// <summary>
/// Where a node's human-readable output goes (R13): a file per real node, the run's output
/// file in the simulator. Called from the node's own thread.
/// </summary>
public interface INodeLog
{
    /// <summary>
    /// True when detailed output is wanted (every gossip receipt, link, peer list). When false
    /// (huge simulations) nodes skip building those lines; other lines still come to <see cref="Line"/>.
    /// </summary>
    bool Detailed { get; }

    /// <summary>One line of <paramref name="node"/>'s output at its time <paramref name="now"/>.</summary>
    void Line(NodeAddress node, TimeSpan now, string line);
}
