using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>A registered overlay's seat in its peer (in the Linker's one view field): the role's state, its timers, and the sender of
/// the message it is handling (whom it may answer).</summary>
internal sealed class OwnOverlaySeat
{
    public object? State;
    public int Timers;
    public NodeAddress AnsweringTo;
}

/// <summary>
/// A registered overlay (<see cref="OverlayRole"/>, <see cref="OverlayMenu"/>): the decisions are the role's — whom to ask, whose asks to
/// take, which links to drop, when to ask the seeds again — and the mechanics stay the peer's, the same as for seed-pa: a link is made
/// by a <see cref="LinkRequest"/> that shows the certificate, checked by <see cref="LinkAdmission"/>, timed out after
/// <see cref="PeerConfig.LinkTimeout"/>, an acceptance counts only when asked for, and links stop at
/// <see cref="PeerConfig.MaxNeighbours"/>. Every link that ends, however, is told to the role (<see cref="Neighbourhood.RemoveNeighbour"/>).
/// </summary>
internal partial struct Linker
{
    /// <summary>The registered overlay this peer runs; null for the engine's own two (seed-pa, HyParView).</summary>
    private static OverlayRole? OwnOverlay(PeerNode peer) =>
        peer.Self.Config.Overlay > Overlay.Hyparview ? OverlayMenu.RoleOf(peer.Self.Config.Overlay) : null;

    private OwnOverlaySeat Seat() => _view as OwnOverlaySeat ?? (OwnOverlaySeat)(_view = new OwnOverlaySeat());

    internal object? OwnState
    {
        get => (_view as OwnOverlaySeat)?.State;
        set => Seat().State = value;
    }

    internal readonly NodeAddress AnsweringTo => (_view as OwnOverlaySeat)?.AnsweringTo ?? default;

    private void OwnJoined(PeerNode peer, OverlayRole role)
    {
        var candidates = _search is { HasCandidates: true } search ? search.TakeCandidates() : [];
        Call(peer, role, "joining", (r, c) => r.OnJoined(c, candidates));
        if (peer.Neighbourhood.Count > 0) peer.Neighbourhood.ReportDegree(peer); // a rejoining peer: the seeds' new entry needs its degree
        OwnSettle(peer);
    }

    private void OwnPeers(PeerNode peer, OverlayRole role, PeerListReply m)
    {
        _peerListRequested = false;
        Call(peer, role, "the seeds' list", (r, c) => r.OnPeers(c, m.Entries));
        OwnSettle(peer);
    }

    private void OwnLinkRequest(PeerNode peer, OverlayRole role, NodeAddress from, LinkRequest m)
    {
        ref var table = ref peer.Neighbourhood.Table;
        int known = table.IndexOf(from);
        if (known >= 0) table.At(known).Showed(m.Incarnation, m.Certificate.Incarnation); // it may have restarted or rejoined
        else
        {
            var config = peer.Self.Config;
            string? refusal = peer.Neighbourhood.Count >= config.MaxNeighbours ? $"at the cap of {config.MaxNeighbours} neighbours"
                : !Call(peer, role, $"the link request of {from}", (r, c) => r.AcceptsLink(c, from)) ? $"the {peer.OverlayName} overlay declined"
                : null;
            if (!peer.Admission.AdmitLink(peer, from, m.Certificate, m.SenderKey, refusal)) return;
            peer.Neighbourhood.AddNeighbour(peer, from, m.Incarnation, m.Certificate, "accepted its link request");
        }
        peer.Self.Ctx.Send(from, new LinkReply(true, peer.Self.Life, peer.Joiner.Certificate));
        if (known < 0) Call(peer, role, $"link up with {from}", (r, c) => r.OnLinkUp(c, from, asked: false));
    }

    private void OwnLinkReply(PeerNode peer, OverlayRole role, NodeAddress from, LinkReply m)
    {
        TimerId timer = default;
        bool wasPending = _search?.EndRequest(from, out timer) == true;
        if (wasPending) peer.Self.Ctx.CancelTimer(timer);
        bool asked = wasPending || _memory?.TakeTimedOut(from) == true;
        bool held = peer.Neighbourhood.Contains(from);
        if (m.Accepted && !asked && !held)
        {
            peer.Admission.RefuseUnsolicited(peer, from);
            return;
        }
        if (KeptLinks.EndsHeldLink(m.Accepted, asked, held))
        {
            OnLinkClose(peer, from); // a kept link re-shown to a far end that no longer holds it
            return;
        }
        if (held) return;
        var config = peer.Self.Config;
        bool linked = m.Accepted && peer.Neighbourhood.Count < config.MaxNeighbours && peer.Admission.AdmitAcceptor(peer, from, m);
        if (m.Accepted && !linked && peer.Neighbourhood.Count >= config.MaxNeighbours)
        {
            peer.Self.RejectInput($"closed the link {from} accepted: at the cap of {config.MaxNeighbours} links");
            peer.Self.Ctx.Send(from, new LinkClose());
        }
        if (linked)
        {
            peer.Neighbourhood.NameAtNextReport(from);
            peer.Neighbourhood.AddNeighbour(peer, from, m.Incarnation, m.Certificate, "link request accepted");
            Call(peer, role, $"link up with {from}", (r, c) => r.OnLinkUp(c, from, asked: true));
        }
        else if (wasPending) Call(peer, role, $"the refusal of {from}", (r, c) => r.OnLinkFailed(c, from));
        peer.Neighbourhood.ReportDegreeIfDue(peer);
        OwnSettle(peer);
    }

    private void OwnLinkTimeout(PeerNode peer, OverlayRole role, NodeAddress target)
    {
        if (_search?.EndRequest(target, out _) != true) return;
        (_memory ??= new LinkMemory()).TimedOut(target);
        Call(peer, role, $"the link request to {target} timing out", (r, c) => r.OnLinkFailed(c, target));
        peer.Neighbourhood.ReportDegreeIfDue(peer);
        OwnSettle(peer);
    }

    /// <summary>A link ended (<see cref="Neighbourhood.RemoveNeighbour"/>): a registered overlay is told; the engine's own two
    /// repair as their callers say.</summary>
    public void OnLinkDown(PeerNode peer, NodeAddress neighbour, string why)
    {
        if (OwnOverlay(peer) is not { } role) return;
        Call(peer, role, $"link down with {neighbour}", (r, c) => r.OnLinkDown(c, neighbour, why));
        OwnSettle(peer);
    }

    /// <summary>A send to a neighbour failed (<see cref="PeerNode.OnSendFailed"/>): a registered overlay is told; the engine's own two
    /// keep to their detection for now.</summary>
    public void OnSendFailed(PeerNode peer, NodeAddress neighbour)
    {
        if (OwnOverlay(peer) is not { } role) return;
        Call(peer, role, $"a failed send to {neighbour}", (r, c) => r.OnSendFailed(c, neighbour));
        OwnSettle(peer);
    }

    private void OwnRefresh(PeerNode peer, OverlayRole role)
    {
        Call(peer, role, "the refresh", (r, c) => r.OnRefresh(c));
        OwnSettle(peer);
    }

    /// <summary>One of the registered overlay's own messages, from any member.</summary>
    public void OnOverlayMessage(PeerNode peer, NodeAddress from, ProtocolMessage m)
    {
        if (OwnOverlay(peer) is not { } role)
        {
            peer.Self.RejectInput($"ignored an overlay message from {from}: this peer runs the {peer.OverlayName} overlay");
            return;
        }
        if (m is UnreadProtocolMessage unread)
        {
            try
            {
                var body = new Bytes.WireReader(unread.Body);
                m = role.ReadMessage(unread.Type, ref body);
                body.End();
            }
            catch (Bytes.WireFormatException e)
            {
                peer.Self.RejectInput($"dropped a {peer.OverlayName} message of type {unread.Type} from {from}: {e.Message}");
                return;
            }
            catch (Exception e) { throw Failed(peer, $"reading a message of type {unread.Type} from {from}", e); }
        }
        var seat = Seat();
        seat.AnsweringTo = from;
        try { Call(peer, role, $"{m.GetType().Name} from {from}", (r, c) => r.OnMessage(c, from, m)); }
        finally { seat.AnsweringTo = default; }
        OwnSettle(peer);
    }

    public void OnOverlayTimer(PeerNode peer, long arg)
    {
        if (OwnOverlay(peer) is not { } role) return;
        Seat().Timers--;
        Call(peer, role, $"its timer {arg}", (r, c) => r.OnTimer(c, arg));
        OwnSettle(peer);
    }

    // What the overlay's context asks of this part (PeerNode's IOverlayHost passes it on).

    internal void OwnAsk(PeerNode peer, NodeAddress target)
    {
        var ctx = peer.Self.Ctx;
        var search = _search ??= new LinkSearch();
        search.Requested(target, ctx.SetTimer(peer.Self.Config.LinkTimeout, new TimerTag(TimerKind.LinkTimeout, (long)target.Key)));
        peer.Joiner.Enter(JoinEvent.LinksWanted);
        ctx.Send(target, new LinkRequest(peer.Self.Life, peer.Joiner.Certificate));
    }

    internal void OwnDrop(PeerNode peer, NodeAddress neighbour)
    {
        peer.Self.Ctx.Send(neighbour, new LinkClose());
        peer.Neighbourhood.RemoveNeighbour(peer, neighbour, $"dropped by the {peer.OverlayName} overlay");
    }

    internal bool OwnRequestPeers(PeerNode peer)
    {
        if (_peerListRequested || peer.Joiner.AcceptedCount == 0) return false;
        RequestPeerList(peer);
        return true;
    }

    internal readonly bool WasRemovedLately(NodeAddress a) => _memory?.WasRemoved(a) == true;

    internal TimerId SetOverlayTimer(PeerNode peer, TimeSpan after, long arg)
    {
        var seat = Seat();
        if (seat.Timers >= OverlayContext.MaxTimers)
            throw new RoleBoundException($"set more than {OverlayContext.MaxTimers} timers at once (none of them fired or cancelled)");
        seat.Timers++;
        return peer.Self.Ctx.SetTimer(after, new TimerTag(TimerKind.OverlayTimer, arg));
    }

    internal void CancelOverlayTimer(PeerNode peer, TimerId id)
    {
        peer.Self.Ctx.CancelTimer(id);
        if (Seat().Timers > 0) Seat().Timers--;
    }

    /// <summary>Nothing out and the peer registered: its links are settled, whatever the overlay wants next.</summary>
    private void OwnSettle(PeerNode peer)
    {
        if (PendingLinkCount > 0 || peer.Joiner.IsRegistering) return;
        peer.Joiner.Enter(JoinEvent.LinksSettled);
        if (_search is { HasCandidates: false }) _search = null;
    }

    private static T Call<T>(PeerNode peer, OverlayRole role, string during, Func<OverlayRole, OverlayContext, T> call)
    {
        try { return call(role, new OverlayContext(peer)); }
        catch (Exception e) { throw Failed(peer, during, e); }
    }

    private static void Call(PeerNode peer, OverlayRole role, string during, Action<OverlayRole, OverlayContext> call)
    {
        try { call(role, new OverlayContext(peer)); }
        catch (Exception e) { throw Failed(peer, during, e); }
    }

    private static RoleFailedException Failed(PeerNode peer, string during, Exception e) =>
        e as RoleFailedException ?? new RoleFailedException($"overlay \"{peer.OverlayName}\"", peer.Self.Address, peer.Self.Ctx.Now, during, e);
}
