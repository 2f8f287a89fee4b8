using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Roles;

/// <summary>
/// A base an overlay's per-peer object (<see cref="OverlayContext.State"/>) may derive from: the peer then keeps its own bookkeeping
/// for the overlay (its timers set, the sender it is answering) in that object, and makes none of its own beside it. An overlay
/// with timers or messages and a state that does not derive from it costs its peer one small object more; nothing else differs.
/// </summary>
public abstract class OverlayPeerState
{
    internal int Timers;
    internal NodeAddress AnsweringTo;
    internal bool AnsweredOrigin;
}
