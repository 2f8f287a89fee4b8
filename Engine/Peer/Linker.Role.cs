using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.HyParView;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>An overlay's seat in its peer (in the Linker's one view field), made at its first need when its state does not keep the
/// seat itself (<see cref="OverlayPeerState"/>): the role's state, its timers, and the sender of the message it is handling.</summary>
internal sealed class OwnOverlaySeat : OverlayPeerState
{
    public object? State;
}

/// <summary>
/// The peer's overlay role (<see cref="OverlayRole"/>, chosen once from <see cref="OverlayMenu"/>): the decisions are the role's — whom
/// to ask, whose asks to take, which links to drop, when to ask the seeds again — and the mechanics stay the peer's, the same for
/// every overlay: a link is made by a <see cref="LinkRequest"/> that shows the certificate, checked by <see cref="LinkAdmission"/>,
/// timed out after <see cref="PeerConfig.LinkTimeout"/>, an acceptance counts only when asked for, links stop at
/// <see cref="PeerConfig.MaxNeighbours"/>, the seeds are asked again with a back-off while links are wanted, and every link that
/// ends is told to the role once its ender has done its part (<see cref="LinkDown"/>).
/// </summary>
internal partial struct Linker
{
    /// <summary>The overlay this peer runs (one object for every peer of the run).</summary>
    private static OverlayRole Role(PeerNode peer) => OverlayMenu.RoleOf(peer.Self.Config.Overlay);

    private OverlayPeerState Seat() => _view as OverlayPeerState ?? (OverlayPeerState)(_view = new OwnOverlaySeat());

    /// <summary>The role's state: the view field itself when it keeps the seat, else the seat's.</summary>
    internal object? OwnState
    {
        readonly get => _view is OwnOverlaySeat seat ? seat.State : _view;
        set
        {
            var seat = _view as OverlayPeerState;
            if (value is OverlayPeerState keeps)
            {
                if (seat != null && !ReferenceEquals(seat, keeps))
                    (keeps.Timers, keeps.AnsweringTo, keeps.AnsweredOrigin) = (seat.Timers, seat.AnsweringTo, seat.AnsweredOrigin);
                _view = keeps;
            }
            else if (_view is OwnOverlaySeat own) own.State = value;
            else if (value != null || seat != null)
                _view = new OwnOverlaySeat
                {
                    State = value, Timers = seat?.Timers ?? 0, AnsweringTo = seat?.AnsweringTo ?? default,
                    AnsweredOrigin = seat?.AnsweredOrigin ?? false,
                };
        }
    }

    internal readonly NodeAddress AnsweringTo => (_view as OverlayPeerState)?.AnsweringTo ?? default;

    /// <summary>Whether the overlay may answer the origin of the message it is handling (<see cref="OverlayContext.AnswerOrigin"/>):
    /// once a message, while it handles one; taken by asking.</summary>
    internal readonly bool TakeOriginAnswer()
    {
        if (_view is not OverlayPeerState seat || seat.AnsweringTo.IsNone || seat.AnsweredOrigin) return false;
        seat.AnsweredOrigin = true;
        return true;
    }

    private void RoleJoined(PeerNode peer, OverlayRole role)
    {
        try { role.OnJoined(new OverlayContext(peer), new SeedCandidates(peer)); }
        catch (Exception e) { throw Failed(peer, "joining", e); }
        ForgetPoolIfSettled(peer);
        if (peer.Neighbourhood.Count > 0) peer.Neighbourhood.ReportDegree(peer); // a rejoining peer: the seeds' new entry needs its degree
    }

    private static void RolePeers(PeerNode peer, OverlayRole role)
    {
        try { role.OnPeers(new OverlayContext(peer), new SeedCandidates(peer)); }
        catch (Exception e) { throw Failed(peer, "the seeds' list", e); }
    }

    private void RoleLinkRequest(PeerNode peer, OverlayRole role, NodeAddress from, LinkRequest m)
    {
        ref var table = ref peer.Neighbourhood.Table;
        int known = table.IndexOf(from);
        if (known >= 0) table.At(known).Showed(m.Incarnation, m.Certificate.Incarnation); // it may have restarted or rejoined
        else
        {
            var config = peer.Self.Config;
            if (peer.Neighbourhood.Count < config.MaxNeighbours && !Accepts(peer, role, from))
            {
                // Refused before its certificate is checked: a declined ask needs no proof (HyParView's peers link only by JOIN and
                // NEIGHBOR, and a kept link's renewal is taken above).
                peer.Self.RejectInput($"refused the link request of {from}: the {peer.OverlayName} overlay declined it");
                peer.Self.Ctx.Send(from, new LinkReply(false, peer.Self.Life));
                return;
            }
            string? refusal = peer.Neighbourhood.Count >= config.MaxNeighbours ? $"at the cap of {config.MaxNeighbours} neighbours" : null;
            if (!peer.Admission.AdmitLink(peer, from, m.Certificate, m.SenderKey, refusal)) return;
            peer.Neighbourhood.AddNeighbour(peer, from, m.Incarnation, m.Certificate, "accepted its link request");
        }
        peer.Self.Ctx.Send(from, new LinkReply(true, peer.Self.Life, peer.Joiner.Certificate));
        if (known >= 0) return;
        try { role.OnLinkUp(new OverlayContext(peer), from, asked: false); }
        catch (Exception e) { throw Failed(peer, $"link up with {from}", e); }
        ForgetPoolIfSettled(peer);
    }

    private static bool Accepts(PeerNode peer, OverlayRole role, NodeAddress from)
    {
        try { return role.AcceptsLink(new OverlayContext(peer), from); }
        catch (Exception e) { throw Failed(peer, $"the link request of {from}", e); }
    }

    private void RoleLinkReply(PeerNode peer, OverlayRole role, NodeAddress from, LinkReply m)
    {
        TimerId timer = default;
        bool wasPending = _search?.EndRequest(from, out timer) == true;
        if (wasPending) peer.Self.Ctx.CancelTimer(timer);
        // An acceptance is a link only if this peer asked for it: the request is out, or was given up on lately (accepted late still
        // counts: the other side already linked us).
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
        try { role.OnAnswer(new OverlayContext(peer), from, m.Accepted); }
        catch (Exception e) { throw Failed(peer, $"the answer of {from}", e); }
        bool linked = m.Accepted && (held || peer.Admission.AdmitAcceptor(peer, from, m));
        bool noRoom = false;
        if (linked && !held)
        {
            var config = peer.Self.Config;
            noRoom = peer.Neighbourhood.Count >= config.MaxNeighbours || !TakesAcceptance(peer, role, from);
            if (noRoom)
            {
                // Links accepted while this request was out may have filled this peer: the cap holds whatever arrives.
                peer.Self.RejectInput(peer.Neighbourhood.Count >= config.MaxNeighbours
                    ? $"closed the link {from} accepted: at the cap of {config.MaxNeighbours} links"
                    : $"closed the link {from} accepted: the {peer.OverlayName} overlay has no room for it");
                peer.Self.Ctx.Send(from, new LinkClose());
                linked = false;
            }
            else
            {
                peer.Neighbourhood.NameAtNextReport(from);
                peer.Neighbourhood.AddNeighbour(peer, from, m.Incarnation, m.Certificate, "link request accepted");
                try { role.OnLinkUp(new OverlayContext(peer), from, asked: true); }
                catch (Exception e) { throw Failed(peer, $"link up with {from}", e); }
            }
        }
        if (!linked && (wasPending || noRoom))
        {
            var why = !m.Accepted ? LinkFailure.Refused : noRoom ? LinkFailure.NoRoom : LinkFailure.NotProven;
            try { role.OnLinkFailed(new OverlayContext(peer), from, why); }
            catch (Exception e) { throw Failed(peer, $"the link to {from} not made ({why})", e); }
        }
        peer.Neighbourhood.ReportDegreeIfDue(peer);
        ForgetPoolIfSettled(peer);
    }

    private static bool TakesAcceptance(PeerNode peer, OverlayRole role, NodeAddress from)
    {
        try { return role.TakesAcceptance(new OverlayContext(peer), from); }
        catch (Exception e) { throw Failed(peer, $"the acceptance of {from}", e); }
    }

    /// <summary>The request was out (and is ended, and remembered as timed out, by the caller).</summary>
    private void RoleLinkTimeout(PeerNode peer, OverlayRole role, NodeAddress target)
    {
        try { role.OnLinkFailed(new OverlayContext(peer), target, LinkFailure.TimedOut); }
        catch (Exception e) { throw Failed(peer, $"the link request to {target} timing out", e); }
        peer.Neighbourhood.ReportDegreeIfDue(peer);
        ForgetPoolIfSettled(peer);
    }

    private void RoleLinkDown(PeerNode peer, OverlayRole role, NodeAddress neighbour, LinkEnd why, bool own)
    {
        try { role.OnLinkDown(new OverlayContext(peer), neighbour, why, own); }
        catch (Exception e) { throw Failed(peer, $"link down with {neighbour}", e); }
        if (why != LinkEnd.Dropped) ForgetPoolIfSettled(peer); // a drop is the overlay's own doing: its caller settles after it
    }

    private static void RoleRemoved(PeerNode peer, OverlayRole role, NodeAddress member)
    {
        try { role.OnRemoved(new OverlayContext(peer), member); }
        catch (Exception e) { throw Failed(peer, $"the removal of {member}", e); }
    }

    /// <summary>A send to a neighbour failed (<see cref="PeerNode.OnSendFailed"/>): the overlay is told.</summary>
    public void OnSendFailed(PeerNode peer, NodeAddress neighbour)
    {
        var role = Role(peer);
        try { role.OnSendFailed(new OverlayContext(peer), neighbour); }
        catch (Exception e) { throw Failed(peer, $"a failed send to {neighbour}", e); }
        ForgetPoolIfSettled(peer);
    }

    private void RoleRefresh(PeerNode peer, OverlayRole role)
    {
        try { role.OnRefresh(new OverlayContext(peer)); }
        catch (Exception e) { throw Failed(peer, "the refresh", e); }
        ForgetPoolIfSettled(peer);
    }

    /// <summary>One of the overlay's own messages, from any member.</summary>
    public void OnOverlayMessage(PeerNode peer, NodeAddress from, ProtocolMessage m)
    {
        var role = Role(peer);
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
        (seat.AnsweringTo, seat.AnsweredOrigin) = (from, false);
        try { role.OnMessage(new OverlayContext(peer), from, m); }
        catch (Exception e) { throw Failed(peer, $"{m.GetType().Name} from {from}", e); }
        finally { (seat.AnsweringTo, seat.AnsweredOrigin) = (default, false); }
        ForgetPoolIfSettled(peer);
    }

    public void OnOverlayTimer(PeerNode peer, long arg)
    {
        var role = Role(peer);
        Seat().Timers--;
        try { role.OnTimer(new OverlayContext(peer), arg); }
        catch (Exception e) { throw Failed(peer, $"its timer {arg}", e); }
        ForgetPoolIfSettled(peer);
    }

    /// <summary>A JOIN or NEIGHBOR request (an ask with a priority): taken as the overlay says, once the certificate proves the
    /// asker (<see cref="LinkAdmission"/>); ignored by an overlay that takes no such asks.</summary>
    public void OnNeighbourRequest(PeerNode peer, NodeAddress from, NeighbourRequest m)
    {
        var role = Role(peer);
        if (!role.TakesPriorityAsks)
        {
            peer.Self.RejectInput($"ignored a NEIGHBOR request from {from}: this peer runs the {peer.OverlayName} overlay");
            return;
        }
        ref var table = ref peer.Neighbourhood.Table;
        int known = table.IndexOf(from);
        if (known >= 0) table.At(known).Showed(m.Incarnation, m.Certificate.Incarnation); // it may have restarted or rejoined
        else
        {
            var config = peer.Self.Config;
            string? refusal;
            if (peer.Neighbourhood.Count >= config.MaxNeighbours) refusal = $"at the cap of {config.MaxNeighbours} neighbours";
            else
            {
                try { refusal = role.RefusesAsk(new OverlayContext(peer), from, m.Ask); }
                catch (Exception e) { throw Failed(peer, $"the NEIGHBOR request of {from}", e); }
            }
            if (!peer.Admission.AdmitLink(peer, from, m.Certificate, m.SenderKey, refusal)) return;
            try { role.OnAdmitting(new OverlayContext(peer), from, m.Ask); }
            catch (Exception e) { throw Failed(peer, $"admitting {from}", e); }
            peer.Neighbourhood.AddNeighbour(peer, from, m.Incarnation, m.Certificate, m.Ask switch
            {
                NeighbourAsk.Join => "accepted its JOIN",
                NeighbourAsk.ForwardJoin => "its FORWARDJOIN walk ended here",
                _ => $"accepted its {m.Ask.ToString().ToLowerInvariant()}-priority NEIGHBOR request",
            });
        }
        peer.Self.Ctx.Send(from, new LinkReply(true, peer.Self.Life, peer.Joiner.Certificate));
        if (known < 0)
        {
            try { role.OnLinkUp(new OverlayContext(peer), from, asked: false); }
            catch (Exception e) { throw Failed(peer, $"link up with {from}", e); }
        }
        ForgetPoolIfSettled(peer);
    }

    /// <summary>The peer stops: the overlay may trace its counts.</summary>
    public static void OnStop(PeerNode peer)
    {
        try { Role(peer).OnStop(new OverlayContext(peer)); }
        catch (Exception e) { throw Failed(peer, "stopping", e); }
    }

    // What the overlay's context asks of this part (PeerNode's IOverlayHost passes it on).

    /// <param name="ask">A priority (HyParView's JOIN and NEIGHBOR: a <see cref="NeighbourRequest"/>); null: a plain link request.</param>
    internal void OwnAsk(PeerNode peer, NodeAddress target, NeighbourAsk? ask)
    {
        var ctx = peer.Self.Ctx;
        var search = _search ??= new LinkSearch();
        search.Requested(target, ctx.SetTimer(peer.Self.Config.LinkTimeout, new TimerTag(TimerKind.LinkTimeout, (long)target.Key)));
        ctx.Send(target, ask is { } priority ? new NeighbourRequest(priority, peer.Self.Life, peer.Joiner.Certificate)
            : new LinkRequest(peer.Self.Life, peer.Joiner.Certificate));
    }

    internal void OwnDrop(PeerNode peer, NodeAddress neighbour, string? why)
    {
        peer.Self.Ctx.Send(neighbour, new LinkClose());
        (_memory ??= new LinkMemory()).Dropped(neighbour, peer.Self.Ctx.Now);
        bool own = peer.Neighbourhood.RemoveNeighbour(peer, neighbour, why ?? $"dropped by the {peer.OverlayName} overlay");
        LinkDown(peer, neighbour, LinkEnd.Dropped, own);
    }

    internal readonly bool AskedSinceLists(NodeAddress a) => _search?.WasTried(a) == true;

    internal bool OwnRequestPeers(PeerNode peer, bool again)
    {
        if (again)
        {
            // While lists bring nobody new, the backed-off retry asks; this would undo its backoff.
            if (_fruitlessLists != 0) return false;
            _peerListRequested = false;
        }
        if (_peerListRequested || peer.Joiner.AcceptedCount == 0) return false;
        RequestPeerList(peer);
        return true;
    }

    internal int WantedLinks
    {
        readonly get => _wantedLinks;
        set => _wantedLinks = value;
    }

    internal void Reattaching(PeerNode peer, bool newNeed)
    {
        if (newNeed) _fruitlessLists = 0; // a new need: ask at once
        peer.Joiner.Enter(JoinEvent.LinksWanted);
    }

    /// <summary>Preferential attachment from the seeds' lists held (<see cref="OverlayContext.ChooseByDegree"/>).</summary>
    internal readonly IReadOnlyList<NodeAddress> ChooseByDegree(PeerNode peer, int count)
    {
        if (_search is not { } search) return [];
        var me = peer.Self.Address;
        var memory = _memory; // a struct's local function cannot read its fields: it reads this
        ref var table = ref peer.Neighbourhood.Table;
        var spread = new HostSpread(table.AddressSpan, search.Pending, count, new SeedHosts(peer.Self.Seeds), me);
        return search.Choose(count, Excluded, peer.Self.Ctx.Random, spread);

        bool Excluded(NodeAddress a) =>
            a == me || peer.Neighbourhood.Contains(a) || search.IsPending(a) || search.WasTried(a) || memory?.WasRemoved(a) == true;
    }

    internal readonly IReadOnlyList<PeerListEntry> TakeCandidates() =>
        _search is { HasCandidates: true } search ? search.TakeCandidates() : [];

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

    private static RoleFailedException Failed(PeerNode peer, string during, Exception e) =>
        e as RoleFailedException ?? new RoleFailedException($"overlay \"{peer.OverlayName}\"", peer.Self.Address, peer.Self.Ctx.Now, during, e);
}

/// <summary>
/// <see cref="OverlayRole.OnJoined"/>'s and <see cref="OverlayRole.OnPeers"/>'s candidates: the seeds' lists the peer holds, taken
/// (<see cref="OverlayContext.TakeCandidates"/>) only when first read, so an overlay that draws from the lists otherwise
/// (<see cref="OverlayContext.ChooseByDegree"/>) finds them whole.
/// </summary>
internal sealed class SeedCandidates(PeerNode peer) : IReadOnlyList<PeerListEntry>
{
    private IReadOnlyList<PeerListEntry>? _taken;
    private IReadOnlyList<PeerListEntry> Taken => _taken ??= peer.Linker.TakeCandidates();
    public PeerListEntry this[int index] => Taken[index];
    public int Count => Taken.Count;
    public IEnumerator<PeerListEntry> GetEnumerator() => Taken.GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
