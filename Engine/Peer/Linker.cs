using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;

namespace GossipSim.Engine.Peer;

/// <summary>
/// R8 and healing: take the union of the seeds' peer lists, link to about three peers by
/// preferential attachment, answer other peers' link requests, and replace links lost to
/// removals, closes and restarts, asking the seeds again less and less often while their lists
/// bring nobody new.
/// </summary>
internal struct Linker
{
    private readonly PeerNode _peer; // the peer this part is held in: its siblings are reached through it
    private readonly ref PeerSelf Self => ref _peer.Self;
    private readonly ref Joiner Joiner => ref _peer.Joiner;
    private readonly ref Neighbourhood Neighbours => ref _peer.Neighbourhood;
    private readonly ref LinkAdmission Admission => ref _peer.Admission;

    public Linker(PeerNode peer) => _peer = peer;


    private LinkSearch? _search;                  // while links are wanted or requested
    private int _wantedLinks;                     // links still to request
    private bool _peerListRequested;
    private long _reattachRound;                  // a retry of an earlier round is stale
    private int _fruitlessLists;                  // peer lists in a row that brought nobody new to link to
    private Queue<NodeAddress>? _recentlyRemoved; // not linked to again while the news spreads

    public int PendingLinkCount => _search?.PendingCount ?? 0;
    public bool IsPendingLink(NodeAddress a) => _search?.IsPending(a) == true;

    public void TakePeerList(NodeAddress seed, PeerListReply list)
    {
        var ctx = Self.Ctx;
        ctx.Trace(new TraceEvent(ctx.Now, TraceKind.PeerListReceived, Self.Address, seed, A: list.Entries.Length, B: list.TotalPeers));
        if (ctx.LogEnabled)
        {
            const int shown = 50;
            string names = string.Join(", ", list.Entries.Take(shown).Select(e => $"{e.Address}(deg {e.Degree})"));
            string more = list.Entries.Length > shown ? $" ... and {list.Entries.Length - shown} more" : "";
            string what = list.Complete ? "peer list" : $"peer sample (by degree, of {list.TotalPeers} peers)";
            ctx.Log($"{what} received from seed {seed}: {list.Entries.Length} entries: [{names}{more}]");
        }
        // Room for one list from each seed of the majority: the union is not copied as it grows.
        (_search ??= new LinkSearch()).AddList(list, Quorum.Of(Self.Seeds.Length));
    }

    /// <summary>A majority of seeds accepted this peer: it asks for its first links (a rejoining peer, for what it lacks).</summary>
    public void OnRegistered()
    {
        _wantedLinks = Math.Max(_wantedLinks, Self.Config.LinksPerNewcomer - Neighbours.Count);
        LinkMore();
        ForgetPoolIfSettled(); // a rejoining peer may still hold all the links it wants
        if (Neighbours.Count > 0) Neighbours.ReportDegree(); // a rejoining peer: the seeds' new entry needs its degree
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

    public void OnPeerListReply(NodeAddress seed, PeerListReply m)
    {
        _peerListRequested = false;
        _search?.Restart();
        TakePeerList(seed, m);
        LinkMore();
        if (_wantedLinks > 0 && PendingLinkCount == 0)
        {
            _fruitlessLists++;
            if (_fruitlessLists == 2 && Self.Ctx.LogEnabled)
                Self.Log($"nobody new to link to; asking the seeds again less and less often, up to "
                    + $"every {Self.Config.ReattachRetryMax.TotalSeconds:0.###} s");
            ArmReattachRetry();
        }
        else _fruitlessLists = 0;
        ForgetPoolIfSettled();
    }

    /// <summary>Requests links until <see cref="_wantedLinks"/> are asked for, or the known peers run out.</summary>
    private void LinkMore()
    {
        if (_wantedLinks <= 0 || _search is not { } search) return;
        var me = Self.Address;
        var peer = _peer; // a struct's local function cannot read its fields: it reads these
        var recentlyRemoved = _recentlyRemoved;
        ref var table = ref Neighbours.Table;
        var spread = new HostSpread(table.AddressSpan, search.Pending, _wantedLinks, new SeedHosts(Self.Seeds));
        foreach (var target in search.Choose(_wantedLinks, Excluded, Self.Ctx.Random, spread))
        {
            _wantedLinks--;
            search.Requested(target, Self.Ctx.SetTimer(Self.Config.LinkTimeout, new TimerTag(TimerKind.LinkTimeout, (long)target.Key)));
            Self.Ctx.Send(target, new LinkRequest(Self.Life, Joiner.Certificate));
        }

        bool Excluded(NodeAddress a) =>
            a == me || peer.Neighbourhood.Contains(a) || search.IsPending(a) || search.WasTried(a) || recentlyRemoved?.Contains(a) == true;
    }

    public void OnLinkRequest(NodeAddress from, LinkRequest m)
    {
        ref var table = ref Neighbours.Table;
        int known = table.IndexOf(from);
        if (known >= 0) table.At(known).Incarnation = m.Incarnation; // it may have restarted
        else
        {
            if (!Admission.AdmitLink(from, m)) return;
            Neighbours.AddNeighbour(from, m.Incarnation, m.Certificate.Key, "accepted its link request");
            // A newcomer's links count however they came: one that found few candidates (an
            // early peer) is linked once later newcomers have linked to it.
            if (Joiner.Phase == JoinPhase.Linking)
            {
                _wantedLinks = Math.Min(_wantedLinks, Math.Max(0, Self.Config.LinksPerNewcomer - Neighbours.Count - PendingLinkCount));
                ForgetPoolIfSettled();
            }
        }
        Self.Ctx.Send(from, new LinkReply(true, Self.Life, Joiner.Certificate));
    }

    public void OnLinkReply(NodeAddress from, LinkReply m)
    {
        TimerId timer = default;
        bool wasPending = _search?.EndRequest(from, out timer) == true;
        if (wasPending) Self.Ctx.CancelTimer(timer);
        bool linked = m.Accepted && (Neighbours.Contains(from) || Admission.AdmitAcceptor(from, m));
        if (linked)
        {
            // Accepted late (after our timeout) still counts: the other side already linked us.
            if (!Neighbours.Contains(from))
            {
                Neighbours.NameAtNextReport(from);
                Neighbours.AddNeighbour(from, m.Incarnation, m.Certificate.Key, "link request accepted");
            }
        }
        else if (wasPending) { _wantedLinks++; LinkMore(); }
        Neighbours.ReportDegreeIfDue();
        ForgetPoolIfSettled();
    }

    public void OnLinkTimeout(NodeAddress target)
    {
        if (_search?.EndRequest(target, out _) != true) return;
        _wantedLinks++;
        LinkMore();
        if (_wantedLinks > 0 && PendingLinkCount == 0) RequestPeerList();
        Neighbours.ReportDegreeIfDue();
        ForgetPoolIfSettled();
    }

    public void OnLinkClose(NodeAddress from)
    {
        if (!Neighbours.Contains(from)) return;
        Neighbours.RemoveNeighbour(from, "closed by the neighbour");
        Self.Log($"neighbour {from} closed the connection");
        if (Self.Config.ReattachOnLoss) Reattach();
    }

    public void OnRemovalNotice(NodeAddress seed, RemovalNotice m)
    {
        if (m.Removed == Self.Address)
        {
            Joiner.Rejoin($"seed {seed} says I was removed");
            return;
        }
        Remember(m.Removed);
        if (!Neighbours.Contains(m.Removed)) return;
        Neighbours.RemoveNeighbour(m.Removed, "removed by the seeds");
        Self.Log($"seed {seed} confirmed removal of {m.Removed}; closing the connection to it");
        if (Self.Config.ReattachOnLoss) Reattach();
    }

    /// <summary>The overlay heals: a lost link is replaced by a new preferential-attachment link.</summary>
    public void Reattach()
    {
        _fruitlessLists = 0; // a new need: ask at once
        _wantedLinks++;
        Joiner.Enter(JoinEvent.LinksWanted);
        RequestPeerList();
    }

    /// <summary>At a refresh: an under-linked peer with nothing under way asks for links again.</summary>
    public void TopUp()
    {
        int links = Self.Config.LinksPerNewcomer;
        if (Neighbours.Count >= links || PendingLinkCount != 0) return;
        _wantedLinks = Math.Max(_wantedLinks, links - Neighbours.Count);
        Joiner.Enter(JoinEvent.LinksWanted);
        // While lists bring nobody new, the backed-off retry asks; this would undo its backoff.
        if (_fruitlessLists == 0)
        {
            _peerListRequested = false;
            RequestPeerList();
        }
    }

    private void RequestPeerList()
    {
        if (_peerListRequested || Joiner.AcceptedCount == 0) return;
        _peerListRequested = true;
        Self.Ctx.Send(Joiner.AcceptedSeed(Self.Ctx.Random.NextInt(Joiner.AcceptedCount)), new PeerListRequest());
        ArmReattachRetry();
    }

    /// <summary>
    /// One retry at a time: a newer one replaces any still pending, so a peer that finds no
    /// candidates asks once per interval, not twice as often at each round; the interval grows
    /// while the lists bring nobody new (<see cref="ReattachBackoff"/>).
    /// </summary>
    private void ArmReattachRetry() =>
        Self.Ctx.SetTimer(ReattachBackoff.Delay(Self.Config.ReattachRetry, Self.Config.ReattachRetryMax, _fruitlessLists),
            new TimerTag(TimerKind.ReattachRetry, ++_reattachRound));

    public void OnReattachRetry(long round)
    {
        if (round != _reattachRound || _wantedLinks <= 0 || PendingLinkCount > 0) return;
        _peerListRequested = false;
        RequestPeerList();
    }

    /// <summary>A removed member is not linked to again while the news spreads.</summary>
    public void Remember(NodeAddress removed)
    {
        _recentlyRemoved ??= new Queue<NodeAddress>();
        if (_recentlyRemoved.Contains(removed)) return;
        _recentlyRemoved.Enqueue(removed);
        if (_recentlyRemoved.Count > 64) _recentlyRemoved.Dequeue();
    }

    /// <summary>
    /// Every link asked for is answered and none is wanted: the search has done its work (a
    /// later need for links fetches a fresh list anyway).
    /// </summary>
    private void ForgetPoolIfSettled()
    {
        if (_wantedLinks > 0 || PendingLinkCount > 0 || Joiner.IsRegistering) return;
        Joiner.Enter(JoinEvent.LinksSettled);
        _search = null;
    }
}
