using GossipSim.Engine.Bytes;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Roles;

/// <summary>
/// An overlay: which links a peer keeps, how it joins and how it repairs. The peer does the rest the same for every overlay: it
/// registers with the seeds, makes each link by a request that shows its membership certificate (checked like any link), times a
/// request out, ends a link to a removed, dead, restarted or departed neighbour, and tells the overlay. The overlay decides whom to
/// ask (<see cref="OverlayContext.AskLink(NodeAddress)"/>), whose asks to take (<see cref="AcceptsLink"/>), which links to drop, and when to ask
/// the seeds for peers again. One object serves every peer of a run (<see cref="OverlayChoice.Role"/>): a peer's own state is
/// <see cref="OverlayContext.State"/>. Every call is on the peer's one thread, in virtual time in the simulator.
/// </summary>
public abstract class OverlayRole
{
    /// <summary>A majority of seeds accepted this peer (at start, and again after the seeds removed it while alive):
    /// <paramref name="candidates"/> are the peers their lists named (with the degrees the seeds know), each once. Ask for links.</summary>
    public abstract void OnJoined(OverlayContext peer, IReadOnlyList<PeerListEntry> candidates);

    /// <summary>A seed's answer to <see cref="OverlayContext.RequestPeers"/>.</summary>
    public virtual void OnPeers(OverlayContext peer, IReadOnlyList<PeerListEntry> candidates) { }

    /// <summary>Another member asks to link (its certificate already checked). True: the link is made (up to the peer's hard cap,
    /// <see cref="Config.PeerConfig.MaxNeighbours"/>); false: refused. By default while the peer holds fewer than
    /// <see cref="Config.PeerConfig.LinksPerNewcomer"/> twice over.</summary>
    public virtual bool AcceptsLink(OverlayContext peer, NodeAddress asker) =>
        peer.Neighbours.Length < 2 * peer.Config.LinksPerNewcomer;

    /// <summary>A link was made: <paramref name="neighbour"/> is in <see cref="OverlayContext.Neighbours"/> from now on;
    /// <paramref name="asked"/>: this peer asked for it (an answer to <see cref="OverlayContext.AskLink(NodeAddress)"/>), else it took another's ask.</summary>
    public virtual void OnLinkUp(OverlayContext peer, NodeAddress neighbour, bool asked) { }

    /// <summary>Whether this overlay takes asks with a priority (<see cref="NeighbourAsk"/>: HyParView's JOIN and NEIGHBOR). False
    /// (the default): such an ask is ignored, as one from a peer of another overlay.</summary>
    public virtual bool TakesPriorityAsks => false;

    /// <summary>Another member asks to link with a priority (<see cref="OverlayContext.AskLink(NodeAddress, NeighbourAsk)"/>), when
    /// <see cref="TakesPriorityAsks"/>: why it is refused, or null to take it. Asked before the asker's certificate is checked; the
    /// refusal is sent only once it is (a stranger learns nothing of this peer's view). By default taken.</summary>
    public virtual string? RefusesAsk(OverlayContext peer, NodeAddress asker, NeighbourAsk ask) => null;

    /// <summary>An ask with a priority was taken and its certificate proved the asker: the link is made next (<see cref="OnLinkUp"/>
    /// follows, and its answer goes out between). An overlay whose view is full makes room here (<see cref="OverlayContext.DropLink"/>).</summary>
    public virtual void OnAdmitting(OverlayContext peer, NodeAddress asker, NeighbourAsk ask) { }

    /// <summary>An answer to one of this peer's asks came (or a late one, to an ask given up on), before the peer acts on it: it is
    /// followed by <see cref="TakesAcceptance"/> and <see cref="OnLinkUp"/>, or <see cref="OnLinkFailed"/>, or nothing (an
    /// acceptance of a link held already).</summary>
    public virtual void OnAnswer(OverlayContext peer, NodeAddress from, bool accepted) { }

    /// <summary>A member accepted this peer's ask (its certificate checked) and the link is about to be made: true to take it,
    /// false to close it (<see cref="OnLinkFailed"/> follows with <see cref="LinkFailure.NoRoom"/>). An overlay whose view is full
    /// makes room here (<see cref="OverlayContext.DropLink"/>). Asked only below the peer's hard cap; by default true.</summary>
    public virtual bool TakesAcceptance(OverlayContext peer, NodeAddress acceptor) => true;

    /// <summary>A link this peer asked for was not made, and <paramref name="why"/>: refused, not answered within the link timeout,
    /// its acceptor's certificate did not prove it, or this peer had no room for it when the acceptance came.</summary>
    public virtual void OnLinkFailed(OverlayContext peer, NodeAddress target, LinkFailure why) { }

    /// <summary>A link ended, and <paramref name="why"/>: it is no longer in <see cref="OverlayContext.Neighbours"/>. Told once the peer
    /// has done its part (traced it, told the neighbour where it must), so a repair asked for here comes after it.
    /// <paramref name="ownLink"/>: the overlay had marked it as of this peer's own choosing (<see cref="OverlayContext.MarkOwnLink"/>).</summary>
    public virtual void OnLinkDown(OverlayContext peer, NodeAddress neighbour, LinkEnd why, bool ownLink) { }

    /// <summary>The seeds removed <paramref name="member"/> (a neighbour or not; a neighbour's link ends next, with
    /// <see cref="OnLinkDown"/>): it is not to be asked again while the news spreads (<see cref="OverlayContext.CanAsk"/> says so);
    /// an overlay that keeps members of its own forgets it here.</summary>
    public virtual void OnRemoved(OverlayContext peer, NodeAddress member) { }

    /// <summary>A send to <paramref name="neighbour"/> failed, as TCP reports it (refused or reset: it is down); it is still a neighbour
    /// (<see cref="Core.Node.OnSendFailed"/> says what the report is worth). HyParView's paper drops it and promotes a passive peer at
    /// once; by default nothing.</summary>
    public virtual void OnSendFailed(OverlayContext peer, NodeAddress neighbour) { }

    /// <summary>Whether a failed send to a member this peer asked to link (TCP's refused or timed-out connect) ends the ask at once,
    /// told as <see cref="LinkFailure.TimedOut"/> (<see cref="OnLinkFailed"/>), rather than at <see cref="Config.PeerConfig.LinkTimeout"/>.
    /// HyParView's paper tries the next passive peer then. By default false: the ask waits out its timeout (a late acceptance
    /// still makes the link either way).</summary>
    public virtual bool FailedSendEndsAsk => false;

    /// <summary>The seeds turned down this peer's report of <paramref name="member"/>, a neighbour it dropped at a failed send (the
    /// peer reports such a one, as no detector watches it: <see cref="OnSendFailed"/>): their own probes found it alive, so the path
    /// to it failed, not the member (a partition, perhaps one-way). By default nothing.</summary>
    public virtual void OnDroppedFoundAlive(OverlayContext peer, NodeAddress member) { }

    /// <summary>The periodic refresh with the seeds (every <see cref="Config.PeerConfig.MembershipRefresh"/>): top up the
    /// links if the overlay wants to.</summary>
    public virtual void OnRefresh(OverlayContext peer) { }

    /// <summary>The peer stops (it crashed in the simulator, or leaves): trace what the overlay counted, if it likes.</summary>
    public virtual void OnStop(OverlayContext peer) { }

    /// <summary>One of this overlay's own messages (a <see cref="ProtocolMessage"/> its <see cref="ReadMessage"/> read). It may come
    /// from any member: the overlay checks what it asks, and may answer its sender (<see cref="OverlayContext.Send"/>) or, once, the
    /// member a walk's message names as its origin (<see cref="OverlayContext.AnswerOrigin"/>).</summary>
    public virtual void OnMessage(OverlayContext peer, NodeAddress from, ProtocolMessage message) =>
        peer.Reject($"dropped a message of type {message.Type} from {from}: the {peer.OverlayName} overlay has no such message");

    /// <summary>A timer this role set (<see cref="OverlayContext.SetTimer"/>) fired, with the number it was given.</summary>
    public virtual void OnTimer(OverlayContext peer, long arg) { }

    /// <summary>Reads the body of one of this role's messages as its <see cref="ProtocolMessage.Write"/> wrote it (real nodes, MPI
    /// ranks). Throw <see cref="WireFormatException"/> for a body that is not one; read every byte.</summary>
    public virtual ProtocolMessage ReadMessage(ushort type, ref WireReader body) =>
        throw new WireFormatException($"this overlay has no message of type {type}");
}
