using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>
/// A peer's links, made the same for every overlay: the seeds' peer lists kept (the union, R7), link requests out and their
/// answers, timed out, admitted (<see cref="LinkAdmission"/>) and settled, the seeds asked again less and less often while links are
/// wanted and their lists bring nobody new; the overlay role decides whom to ask and what to repair (Linker.Role.cs).
/// </summary>
internal partial struct Linker
{
    // Keeps no reference to its peer: a call that needs the peer or a sibling part is handed it
    // (see PeerNode).
    public Linker() { }

    private LinkSearch? _search;                  // while links are wanted or requested
    private int _wantedLinks;                     // links still to request
    private bool _peerListRequested;
    private int _reattachRound;                   // a retry of an earlier round is stale
    private int _fruitlessLists;                  // peer lists in a row that brought nobody new to link to
    private LinkMemory? _memory;                  // members removed lately, requests given up on: made at the first
    private object? _view;                        // HyParView's PassiveView (Linker.HyParView.cs), made at the first need, or a
                                                  // overlay role's seat (Linker.Role.cs); one field for either keeps a peer small

    public int PendingLinkCount => _search?.PendingCount ?? 0;
    public bool IsPendingLink(NodeAddress a) => _search?.IsPending(a) == true;

    public void TakePeerList(PeerNode peer, NodeAddress seed, PeerListReply list)
    {
        var ctx = peer.Self.Ctx;
        ctx.Trace(new TraceEvent(ctx.Now, TraceKind.PeerListReceived, peer.Self.Address, seed, A: list.Entries.Length, B: list.TotalPeers));
        if (ctx.LogEnabled)
        {
            const int shown = 50;
            string names = string.Join(", ", list.Entries.Take(shown).Select(e => $"{e.Address}(deg {e.Degree})"));
            string more = list.Entries.Length > shown ? $" ... and {list.Entries.Length - shown} more" : "";
            string what = list.Complete ? "peer list" : $"peer sample (by degree, of {list.TotalPeers} peers)";
            ctx.Log($"{what} received from seed {seed}: {list.Entries.Length} entries: [{names}{more}]");
        }
        // Room for one list from each seed of the majority: the union is not copied as it grows.
        (_search ??= new LinkSearch()).AddList(list, Quorum.Of(peer.Self.Seeds.Length));
    }

    /// <summary>A majority of seeds accepted this peer: it asks for its first links (a rejoining peer, for new ones beside those it kept).</summary>
    public void OnRegistered(PeerNode peer)
    {
        if (Role(peer) is { } role)
        {
            RoleJoined(peer, role);
            return;
        }
        _wantedLinks = Math.Max(_wantedLinks, WantedToJoin(peer));
        ArmShuffle(peer);
        ViewMore(peer);
        ForgetPoolIfSettled(peer); // a rejoining peer may still hold all the links it wants
        if (peer.Neighbourhood.Count > 0) peer.Neighbourhood.ReportDegree(peer); // a rejoining peer: the seeds' new entry needs its degree
    }

    /// <summary>A rejoining peer's kept links were made under the incarnation the seeds removed: once it holds its new certificate,
    /// each neighbour is shown it, so the removal, reaching it, leaves the link (<see cref="KeptLinks"/>).</summary>
    public static void ShowKeptLinks(PeerNode peer, MembershipCertificate certificate)
    {
        foreach (var n in peer.Neighbourhood.Table.AddressSpan.ToArray())
            peer.Self.Ctx.Send(n, new LinkRequest(peer.Self.Life, certificate));
    }

    /// <summary>The peer registers again: what it searched for so far is stale.</summary>
    public void Restart()
    {
        _search?.Restart();
        _peerListRequested = false;
        _fruitlessLists = 0;
    }

    /// <summary>A link was made: the next list that brings nobody new is the first of a run.</summary>
    public void LinkMade() => _fruitlessLists = 0;

    public void OnPeerListReply(PeerNode peer, NodeAddress seed, PeerListReply m)
    {
        _peerListRequested = false;
        _search?.Restart();
        TakePeerList(peer, seed, m);
        if (Role(peer) is { } role) RolePeers(peer, role);
        else ViewMore(peer);
        if (_wantedLinks > 0 && PendingLinkCount == 0)
        {
            _fruitlessLists++;
            if (_fruitlessLists == 2 && peer.Self.Ctx.LogEnabled)
                peer.Self.Log($"nobody new to link to; asking the seeds again less and less often, up to "
                    + $"every {peer.Self.Config.ReattachRetryMax.TotalSeconds:0.###} s");
            ArmReattachRetry(peer);
        }
        else _fruitlessLists = 0;
        ForgetPoolIfSettled(peer);
    }

    public void OnLinkRequest(PeerNode peer, NodeAddress from, LinkRequest m)
    {
        if (Role(peer) is { } role)
        {
            RoleLinkRequest(peer, role, from, m);
            return;
        }
        ref var table = ref peer.Neighbourhood.Table;
        int known = table.IndexOf(from);
        if (known >= 0) table.At(known).Showed(m.Incarnation, m.Certificate.Incarnation); // it may have restarted or rejoined
        else
        {
            peer.Self.RejectInput($"refused the link request of {from}: no link to it is held, and HyParView links by JOIN and NEIGHBOR");
            peer.Self.Ctx.Send(from, new LinkReply(false, peer.Self.Life));
            return;
        }
        peer.Self.Ctx.Send(from, new LinkReply(true, peer.Self.Life, peer.Joiner.Certificate));
    }

    public void OnLinkReply(PeerNode peer, NodeAddress from, LinkReply m)
    {
        if (Role(peer) is { } role)
        {
            RoleLinkReply(peer, role, from, m);
            return;
        }
        TimerId timer = default;
        bool wasPending = _search?.EndRequest(from, out timer) == true;
        if (wasPending) peer.Self.Ctx.CancelTimer(timer);
        // An acceptance is a link only if this peer asked for it: the request is out, or was given up on lately (accepted late still
        // counts: the other side already linked us).
        bool asked = wasPending || _memory?.TakeTimedOut(from) == true;
        if (m.Accepted && !asked && !peer.Neighbourhood.Contains(from))
        {
            peer.Admission.RefuseUnsolicited(peer, from);
            return;
        }
        if (KeptLinks.EndsHeldLink(m.Accepted, asked, peer.Neighbourhood.Contains(from)))
        {
            OnLinkClose(peer, from); // a kept link re-shown to a far end that no longer holds it
            return;
        }
        bool oneTry = Passive?.EndOneTry(from) == true; // HyParView: it replaced a dropped link
        // HyParView: a walk's end links on another's word (the walk's); a JOIN's contact and a promoted passive peer are this peer's draw.
        bool chose = Passive?.EndWalkAsk(from) != true;
        bool linked = m.Accepted && (peer.Neighbourhood.Contains(from) || peer.Admission.AdmitAcceptor(peer, from, m));
        bool noRoom = false;
        if (linked && !peer.Neighbourhood.Contains(from))
        {
            noRoom = MakeRoom(peer, from, chose, urgent: true) == HyParView.RoomFrom.Refused;
            if (noRoom)
            {
                // Links accepted while this request was out may have filled this peer: the cap holds whatever arrives.
                peer.Self.RejectInput($"closed the link {from} accepted: at the cap of {peer.Self.Config.HyParViewActiveSize} links");
                peer.Self.Ctx.Send(from, new LinkClose());
                PassiveOf().Add(peer.Self.Ctx, peer.Self.Address, from, peer.Self.Config.HyParViewPassiveSize);
                linked = false;
            }
            else
            {
                Passive?.Remove(peer.Self.Ctx, peer.Self.Address, from);
                peer.Neighbourhood.NameAtNextReport(from);
                peer.Neighbourhood.AddNeighbour(peer, from, m.Incarnation, m.Certificate, "link request accepted");
                if (chose) MarkChosen(peer, from);
            }
        }
        if (!linked && !noRoom && wasPending)
        {
            if (!m.Accepted) Passive?.CountRefusal();
            // HyParView: a dropped link's one try is not retried down the passive view (in a settled network nearly every view is
            // full, so the retries are refused: docs/protocol.md, HyParView); a failed link's repair is, as the paper's.
            if (!oneTry || peer.Neighbourhood.Count == 0)
            {
                _wantedLinks++;
                ViewMore(peer);
            }
        }
        peer.Neighbourhood.ReportDegreeIfDue(peer);
        ForgetPoolIfSettled(peer);
    }

    public void OnLinkTimeout(PeerNode peer, NodeAddress target)
    {
        if (_search?.EndRequest(target, out _) != true) return;
        (_memory ??= new LinkMemory()).TimedOut(target);
        if (Role(peer) is { } role)
        {
            RoleLinkTimeout(peer, role, target);
            return;
        }
        Passive?.Remove(peer.Self.Ctx, peer.Self.Address, target); // HyParView: a passive peer that does not answer is taken for failed
        Passive?.EndOneTry(target);
        _wantedLinks++;
        ViewMore(peer);
        if (_wantedLinks > 0 && PendingLinkCount == 0) RequestPeerList(peer);
        peer.Neighbourhood.ReportDegreeIfDue(peer);
        ForgetPoolIfSettled(peer);
    }

    public void OnLinkClose(PeerNode peer, NodeAddress from)
    {
        if (!peer.Neighbourhood.Contains(from)) return;
        bool own = peer.Neighbourhood.RemoveNeighbour(peer, from, "closed by the neighbour");
        if (Role(peer) is { } role)
        {
            peer.Self.Log($"neighbour {from} closed the connection");
            RoleLinkDown(peer, role, from, LinkEnd.ClosedByNeighbour, own);
            return;
        }
        Passive?.Add(peer.Self.Ctx, peer.Self.Address, from, peer.Self.Config.HyParViewPassiveSize); // HyParView's DISCONNECT
        peer.Self.Log($"neighbour {from} closed the connection");
        // HyParView's DISCONNECT (a link dropped to make room): one passive peer is asked to take its place (high priority with no
        // link left). Not replaced, dropped links cut peers off the overlay (docs/protocol.md, HyParView).
        if (peer.Neighbourhood.Count > 0)
        {
            ReplaceDropped(peer);
            return;
        }
        if (peer.Self.Config.ReattachOnLoss) Reattach(peer);
    }

    /// <summary>A link ended, and the part that ended it has done its part (traced it, told the neighbour where it must): the
    /// overlay hears of it last, so a repair it asks for comes after (<see cref="OverlayRole.OnLinkDown"/>).</summary>
    /// <param name="own">The link was marked as of this peer's own choosing (<see cref="Neighbourhood.RemoveNeighbour"/> says).</param>
    public void LinkDown(PeerNode peer, NodeAddress neighbour, LinkEnd why, bool own)
    {
        if (Role(peer) is { } role)
        {
            RoleLinkDown(peer, role, neighbour, why, own);
            return;
        }
        if (why is LinkEnd.Removed or LinkEnd.Restarted && peer.Self.Config.ReattachOnLoss) // HyParView repairs a closed link itself (OnLinkClose)
            Reattach(peer);
    }

    /// <summary>HyParView heals: a lost link is replaced from the passive view, else from the seeds' lists.</summary>
    private void Reattach(PeerNode peer)
    {
        _fruitlessLists = 0;
        _wantedLinks++;
        peer.Joiner.Enter(JoinEvent.LinksWanted);
        // HyParView's reactive repair: a passive peer first; the seeds only when none is left to ask.
        ViewMore(peer);
        if (_wantedLinks > 0 && PendingLinkCount == 0) RequestPeerList(peer);
        ForgetPoolIfSettled(peer);
    }

    /// <summary>At a refresh: an under-linked peer with nothing under way asks for links again.</summary>
    public void TopUp(PeerNode peer)
    {
        if (Role(peer) is { } role)
        {
            RoleRefresh(peer, role);
            return;
        }
        const int links = 1; // HyParView fills its view itself (the shuffle's tick)
        if (peer.Neighbourhood.Count >= links || PendingLinkCount != 0) return;
        _wantedLinks = Math.Max(_wantedLinks, links - peer.Neighbourhood.Count);
        peer.Joiner.Enter(JoinEvent.LinksWanted);
        // While lists bring nobody new, the backed-off retry asks; this would undo its backoff.
        if (_fruitlessLists == 0)
        {
            _peerListRequested = false;
            RequestPeerList(peer);
        }
    }

    private void RequestPeerList(PeerNode peer)
    {
        if (_peerListRequested || peer.Joiner.AcceptedCount == 0) return;
        _peerListRequested = true;
        peer.Self.Ctx.Send(peer.Joiner.AcceptedSeed(peer, peer.Self.Ctx.Random.NextInt(peer.Joiner.AcceptedCount)), new PeerListRequest());
        ArmReattachRetry(peer);
    }

    /// <summary>
    /// One retry at a time: a newer one replaces any still pending, so a peer that finds no
    /// candidates asks once per interval, not twice as often at each round; the interval grows
    /// while the lists bring nobody new (<see cref="ReattachBackoff"/>).
    /// </summary>
    private void ArmReattachRetry(PeerNode peer) =>
        peer.Self.Ctx.SetTimer(ReattachBackoff.Delay(peer.Self.Config.ReattachRetry, peer.Self.Config.ReattachRetryMax, _fruitlessLists),
            new TimerTag(TimerKind.ReattachRetry, ++_reattachRound));

    public void OnReattachRetry(PeerNode peer, long round)
    {
        if (round != _reattachRound || _wantedLinks <= 0 || PendingLinkCount > 0) return;
        _peerListRequested = false;
        RequestPeerList(peer);
    }

    /// <summary>A removed member is not linked to again while the news spreads.</summary>
    public void Remember(PeerNode peer, NodeAddress removed)
    {
        if (Role(peer) is { } role) RoleRemoved(peer, role, removed);
        else Passive?.Remove(peer.Self.Ctx, peer.Self.Address, removed);
        (_memory ??= new LinkMemory()).Removed(removed);
    }

    /// <summary>
    /// Every link asked for is answered and none is wanted: the search has done its work (a
    /// later need for links fetches a fresh list anyway).
    /// </summary>
    private void ForgetPoolIfSettled(PeerNode peer)
    {
        if (_wantedLinks > 0 || PendingLinkCount > 0 || peer.Joiner.IsRegistering) return;
        peer.Joiner.Enter(JoinEvent.LinksSettled);
        _search = null;
    }
}
