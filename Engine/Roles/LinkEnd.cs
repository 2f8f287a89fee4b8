namespace GossipSim.Engine.Roles;

/// <summary>Why a link ended (<see cref="OverlayRole.OnLinkDown"/>), in the order a peer may learn it.</summary>
public enum LinkEnd : byte
{
    /// <summary>The neighbour closed it (a link close or a goodbye): it is alive, or was, and no longer holds the link.</summary>
    ClosedByNeighbour,
    /// <summary>The seeds removed the neighbour (found dead, or left).</summary>
    Removed,
    /// <summary>The neighbour answered as a new life of the same address: it restarted and holds no link.</summary>
    Restarted,
    /// <summary>A seed says the neighbour is not a registered member: not a link to repair.</summary>
    NotAMember,
    /// <summary>This overlay dropped it (<see cref="OverlayContext.DropLink"/>).</summary>
    Dropped,
}
