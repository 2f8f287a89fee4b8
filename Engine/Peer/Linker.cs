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
internal sealed class Linker(PeerSelf self, Joiner joiner, Neighbourhood neighbours, LinkAdmission admission)
{
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
        var ctx = self.Ctx;
        ctx.Trace(new TraceEvent(ctx.Now, TraceKind.PeerListReceived, self.Address, seed, A: list.Entries.Length, B: list.TotalPeers));
        if (ctx.LogEnabled)
        {
            const int shown = 50;
            string names = string.Join(", ", list.Entries.Take(shown).Select(e => $"{e.Address}(deg {e.Degree})"));
            string more = list.Entries.Length > shown ? $" ... and {list.Entries.Length - shown} more" : "";
            string what = list.Complete ? "peer list" : $"peer sample (by degree, of {list.TotalPeers} peers)";
            ctx.Log($"{what} received from seed {seed}: {list.Entries.Length} entries: [{names}{more}]");
        }
        // Room for one list from each seed of the majority: the union is not copied as it grows.
        (_search ??= new LinkSearch()).AddList(list, Quorum.Of(self.Seeds.Length));
    }

    /// <summary>A majority of seeds accepted this peer: it asks for its first links (a rejoining peer, for what it lacks).</summary>
    public void OnRegistered()
    {
        _wantedLinks = Math.Max(_wantedLinks, self.Config.LinksPerNewcomer - neighbours.Count);
        LinkMore();
        ForgetPoolIfSettled(); // a rejoining peer may still hold all the links it wants
        if (neighbours.Count > 0) neighbours.ReportDegree(); // a rejoining peer: the seeds' new entry needs its degree
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
            if (_fruitlessLists == 2 && self.Ctx.LogEnabled)
                self.Log($"nobody new to link to; asking the seeds again less and less often, up to "
                    + $"every {self.Config.ReattachRetryMax.TotalSeconds:0.###} s");
            ArmReattachRetry();
        }
        else _fruitlessLists = 0;
        ForgetPoolIfSettled();
    }

    /// <summary>Requests links until <see cref="_wantedLinks"/> are asked for, or the known peers run out.</summary>
    private void LinkMore()
    {
        if (_wantedLinks <= 0 || _search is not { } search) return;
        var me = self.Address;
        ref var table = ref neighbours.Table;
        var spread = new HostSpread(table.AddressSpan, search.Pending, _wantedLinks, new SeedHosts(self.Seeds));
        foreach (var target in search.Choose(_wantedLinks, Excluded, self.Ctx.Random, spread))
        {
            _wantedLinks--;
            search.Requested(target, self.Ctx.SetTimer(self.Config.LinkTimeout, new TimerTag(TimerKind.LinkTimeout, (long)target.Key)));
            self.Ctx.Send(target, new LinkRequest(self.Life, joiner.Certificate));
        }

        bool Excluded(NodeAddress a) =>
            a == me || neighbours.Contains(a) || search.IsPending(a) || search.WasTried(a) || _recentlyRemoved?.Contains(a) == true;
    }

    public void OnLinkRequest(NodeAddress from, LinkRequest m)
    {
        ref var table = ref neighbours.Table;
        int known = table.IndexOf(from);
        if (known >= 0) table.At(known).Incarnation = m.Incarnation; // it may have restarted
        else
        {
            if (!admission.AdmitLink(from, m)) return;
            neighbours.AddNeighbour(from, m.Incarnation, m.Certificate.Key, "accepted its link request");
            // A newcomer's links count however they came: one that found few candidates (an
            // early peer) is linked once later newcomers have linked to it.
            if (joiner.Phase == JoinPhase.Linking)
            {
                _wantedLinks = Math.Min(_wantedLinks, Math.Max(0, self.Config.LinksPerNewcomer - neighbours.Count - PendingLinkCount));
                ForgetPoolIfSettled();
            }
        }
        self.Ctx.Send(from, new LinkReply(true, self.Life, joiner.Certificate));
    }

    public void OnLinkReply(NodeAddress from, LinkReply m)
    {
        TimerId timer = default;
        bool wasPending = _search?.EndRequest(from, out timer) == true;
        if (wasPending) self.Ctx.CancelTimer(timer);
        bool linked = m.Accepted && (neighbours.Contains(from) || admission.AdmitAcceptor(from, m));
        if (linked)
        {
            // Accepted late (after our timeout) still counts: the other side already linked us.
            if (!neighbours.Contains(from))
            {
                neighbours.NameAtNextReport(from);
                neighbours.AddNeighbour(from, m.Incarnation, m.Certificate.Key, "link request accepted");
            }
        }
        else if (wasPending) { _wantedLinks++; LinkMore(); }
        neighbours.ReportDegreeIfDue();
        ForgetPoolIfSettled();
    }

    public void OnLinkTimeout(NodeAddress target)
    {
        if (_search?.EndRequest(target, out _) != true) return;
        _wantedLinks++;
        LinkMore();
        if (_wantedLinks > 0 && PendingLinkCount == 0) RequestPeerList();
        neighbours.ReportDegreeIfDue();
        ForgetPoolIfSettled();
    }

    public void OnLinkClose(NodeAddress from)
    {
        if (!neighbours.Contains(from)) return;
        neighbours.RemoveNeighbour(from, "closed by the neighbour");
        self.Log($"neighbour {from} closed the connection");
        if (self.Config.ReattachOnLoss) Reattach();
    }

    public void OnRemovalNotice(NodeAddress seed, RemovalNotice m)
    {
        if (m.Removed == self.Address)
        {
            joiner.Rejoin($"seed {seed} says I was removed");
            return;
        }
        Remember(m.Removed);
        if (!neighbours.Contains(m.Removed)) return;
        neighbours.RemoveNeighbour(m.Removed, "removed by the seeds");
        self.Log($"seed {seed} confirmed removal of {m.Removed}; closing the connection to it");
        if (self.Config.ReattachOnLoss) Reattach();
    }

    /// <summary>The overlay heals: a lost link is replaced by a new preferential-attachment link.</summary>
    public void Reattach()
    {
        _fruitlessLists = 0; // a new need: ask at once
        _wantedLinks++;
        joiner.Enter(JoinEvent.LinksWanted);
        RequestPeerList();
    }

    /// <summary>At a refresh: an under-linked peer with nothing under way asks for links again.</summary>
    public void TopUp()
    {
        int links = self.Config.LinksPerNewcomer;
        if (neighbours.Count >= links || PendingLinkCount != 0) return;
        _wantedLinks = Math.Max(_wantedLinks, links - neighbours.Count);
        joiner.Enter(JoinEvent.LinksWanted);
        // While lists bring nobody new, the backed-off retry asks; this would undo its backoff.
        if (_fruitlessLists == 0)
        {
            _peerListRequested = false;
            RequestPeerList();
        }
    }

    private void RequestPeerList()
    {
        if (_peerListRequested || joiner.AcceptedCount == 0) return;
        _peerListRequested = true;
        self.Ctx.Send(joiner.AcceptedSeed(self.Ctx.Random.NextInt(joiner.AcceptedCount)), new PeerListRequest());
        ArmReattachRetry();
    }

    /// <summary>
    /// One retry at a time: a newer one replaces any still pending, so a peer that finds no
    /// candidates asks once per interval, not twice as often at each round; the interval grows
    /// while the lists bring nobody new (<see cref="ReattachBackoff"/>).
    /// </summary>
    private void ArmReattachRetry() =>
        self.Ctx.SetTimer(ReattachBackoff.Delay(self.Config.ReattachRetry, self.Config.ReattachRetryMax, _fruitlessLists),
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
        if (_wantedLinks > 0 || PendingLinkCount > 0 || joiner.IsRegistering) return;
        joiner.Enter(JoinEvent.LinksSettled);
        _search = null;
    }
}
