namespace GossipSim.Engine.Roles;

/// <summary>Why a peer asks another to link with a priority (HyParView's JOIN and NEIGHBOR, <see cref="OverlayContext.AskLink(Vocabulary.NodeAddress, NeighbourAsk)"/>):
/// what decides whether the other must make room (<see cref="OverlayRole.RefusesAsk"/>).</summary>
public enum NeighbourAsk : byte
{
    /// <summary>A newcomer's JOIN to its contact: always accepted; the contact then starts a FORWARDJOIN walk on its other links.</summary>
    Join,
    /// <summary>The end of a FORWARDJOIN walk links to the newcomer: always accepted.</summary>
    ForwardJoin,
    /// <summary>A NEIGHBOR request from a peer with no link left: always accepted (the paper's high priority).</summary>
    High,
    /// <summary>A NEIGHBOR request from a peer that still has links: accepted only while the active view has room (low priority).</summary>
    Low,
}
