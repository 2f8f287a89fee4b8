namespace GossipSim.Engine.Roles;

/// <summary>Why a link this peer asked for (<see cref="OverlayContext.AskLink(Vocabulary.NodeAddress)"/>) was not made (<see cref="OverlayRole.OnLinkFailed"/>).</summary>
public enum LinkFailure : byte
{
    /// <summary>The member refused the ask (its overlay declined, it is at its cap, or it has no certificate to show yet).</summary>
    Refused,
    /// <summary>No answer within <see cref="Config.PeerConfig.LinkTimeout"/>: the member may be gone (its late acceptance still
    /// makes the link).</summary>
    TimedOut,
    /// <summary>The member accepted, but its certificate did not prove it: the link was closed.</summary>
    NotProven,
    /// <summary>The member accepted, but this peer had no room for the link when the answer came (at the hard cap, or its
    /// overlay refused it in <see cref="OverlayRole.TakesAcceptance"/>): the link was closed.</summary>
    NoRoom,
}
