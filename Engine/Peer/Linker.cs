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
    private object? _view;                        // the overlay role's state for this peer, which keeps its seat when it derives from
                                                  // OverlayPeerState (HyParView's PassiveView), else a seat that holds it (Linker.Role.cs):
                                                  // made at the first need, one field for either keeps a peer small

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
        RoleJoined(peer, Role(peer));
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
        RolePeers(peer, Role(peer));
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
        RoleLinkRequest(peer, Role(peer), from, m);
    }

    public void OnLinkReply(PeerNode peer, NodeAddress from, LinkReply m)
    {
        RoleLinkReply(peer, Role(peer), from, m);
    }

    public void OnLinkTimeout(PeerNode peer, NodeAddress target)
    {
        if (_search?.EndRequest(target, out _) != true) return;
        (_memory ??= new LinkMemory()).TimedOut(target);
        RoleLinkTimeout(peer, Role(peer), target);
    }

    /// <summary>A send to a member this peer asked to link failed (<see cref="PeerNode.OnSendFailed"/>): an overlay that takes that as
    /// the ask's end (<see cref="OverlayRole.FailedSendEndsAsk"/>, HyParView's) hears it now as at the timeout, which is cancelled.</summary>
    public void OnAskSendFailed(PeerNode peer, NodeAddress target)
    {
        var role = Role(peer);
        TimerId timer = default;
        if (!role.FailedSendEndsAsk || _search?.EndRequest(target, out timer) != true) return;
        peer.Self.Ctx.CancelTimer(timer);
        (_memory ??= new LinkMemory()).TimedOut(target);
        RoleLinkTimeout(peer, role, target);
    }

    /// <summary>Whether this peer's overlay dropped the link to <paramref name="a"/> at or after <paramref name="since"/>: gossip the
    /// other end pushed before our close reached it is still taken (<see cref="GossipRelay"/>).</summary>
    public readonly bool DroppedSince(NodeAddress a, TimeSpan since) => _memory?.DroppedSince(a, since) == true;

    /// <summary>Whether the overlay dropped the link to <paramref name="a"/> lately, forgotten now (<see cref="LinkMemory.TakeDropped"/>).</summary>
    public readonly bool TakeDroppedLately(NodeAddress a) => _memory?.TakeDropped(a) == true;

    /// <summary>A dropped link was reported to the seeds (<see cref="PeerNode.OnSendFailed"/>): their answer is awaited.</summary>
    public void ReportedDropped(NodeAddress a) => (_memory ??= new LinkMemory()).Reported(a);

    /// <summary>A seed turned down a report of this peer's: if it was of a link the overlay dropped, reported at a failed send and
    /// not linked again since, the overlay hears that the seeds found that member alive (<see cref="OverlayRole.OnDroppedFoundAlive"/>).</summary>
    public void OnReportRejected(PeerNode peer, NodeAddress dead)
    {
        if (peer.Neighbourhood.Contains(dead) || _memory?.TakeReported(dead) != true) return;
        var role = Role(peer);
        try { role.OnDroppedFoundAlive(new OverlayContext(peer), dead); }
        catch (Exception e) { throw Failed(peer, $"the seeds' answer that {dead} is alive", e); }
        ForgetPoolIfSettled(peer);
    }

    public void OnLinkClose(PeerNode peer, NodeAddress from)
    {
        if (!peer.Neighbourhood.Contains(from)) return;
        bool own = peer.Neighbourhood.RemoveNeighbour(peer, from, "closed by the neighbour");
        peer.Self.Log($"neighbour {from} closed the connection");
        LinkDown(peer, from, LinkEnd.ClosedByNeighbour, own);
    }

    /// <summary>A link ended, and the part that ended it has done its part (traced it, told the neighbour where it must): the
    /// overlay hears of it last, so a repair it asks for comes after (<see cref="OverlayRole.OnLinkDown"/>).</summary>
    /// <param name="own">The link was marked as of this peer's own choosing (<see cref="Neighbourhood.RemoveNeighbour"/> says).</param>
    public void LinkDown(PeerNode peer, NodeAddress neighbour, LinkEnd why, bool own)
    {
        RoleLinkDown(peer, Role(peer), neighbour, why, own);
    }

    /// <summary>At a refresh: an under-linked peer with nothing under way asks for links again.</summary>
    public void TopUp(PeerNode peer)
    {
        RoleRefresh(peer, Role(peer));
    }

    private void RequestPeerList(PeerNode peer)
    {
        if (_peerListRequested || peer.Joiner.AcceptedCount == 0) return;
        _peerListRequested = true;
        peer.Self.SendToSeed(peer.Joiner.AcceptedSeed(peer, peer.Self.Ctx.Random.NextInt(peer.Joiner.AcceptedCount)), new PeerListRequest());
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
        RoleRemoved(peer, Role(peer), removed);
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
