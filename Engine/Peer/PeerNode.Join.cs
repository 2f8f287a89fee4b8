using GossipSim.Engine.Collections;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;

namespace GossipSim.Engine.Peer;

/// <summary>
/// R7/R8: register with a majority of seeds, take the union of their peer lists, link to
/// about three peers by preferential attachment; and heal: replace links lost to removals.
/// </summary>
public sealed partial class PeerNode
{
    private JoinPhase _phase = JoinPhase.Registering;
    private PackedPositions _acceptedSeeds;       // positions in _seeds, in the order they accepted
    private PackedPositions _askedSeeds;          // positions in _seeds asked this registration round
    private long _registerRound;                  // a register timeout of an earlier round is stale
    private LinkSearch? _search;                  // while links are wanted or requested
    private int _wantedLinks;                     // links still to request
    private bool _peerListRequested;
    private long _reattachRound;                  // a retry of an earlier round is stale
    private int _fruitlessLists;                  // peer lists in a row that brought nobody new to link to
    private Queue<NodeAddress>? _recentlyRemoved; // not linked to again while the news spreads
    private bool _pingingStarted;                 // the ping and gossip timers run from the first link on

    private void StartRegistration()
    {
        _registerRound++;
        Span<int> candidates = _seeds.Length <= 64 ? stackalloc int[_seeds.Length] : new int[_seeds.Length];
        int count = 0;
        for (int i = 0; i < _seeds.Length; i++)
            if (!_acceptedSeeds.Contains(i)) candidates[count++] = i;
        candidates = candidates[..count];
        Ctx.Random.Shuffle(candidates);
        _askedSeeds.Clear();
        int asking = Quorum.SeedsToAsk(_seeds.Length, _acceptedSeeds.Count, count);
        for (int k = 0; k < asking; k++) AskSeed(candidates[k]);
        Ctx.SetTimer(_config.RegisterTimeout, new TimerTag(TimerKind.RegisterTimeout, _registerRound));
    }

    private void AskSeed(int position)
    {
        _askedSeeds.Add(position);
        Ctx.Send(_seeds[position], new RegisterRequest(_incarnation));
    }

    /// <summary>
    /// A seed checks that this peer listens where it says: its challenge came to our listener
    /// (on real TCP over a connection the seed opened for it), and the nonce goes back to the
    /// seed it names, if that is one of ours; a challenge naming anyone else is ignored.
    /// </summary>
    private void OnDialBackChallenge(DialBackChallenge m)
    {
        if (IsSeed(m.Seed)) Ctx.Send(m.Seed, new DialBackAnswer(m.Nonce));
    }

    private void OnRegisterReply(NodeAddress seed, RegisterReply m)
    {
        if (m.SenderKey != null) _identity.SeedProved(seed, m.SenderKey);
        if (!m.Accepted)
        {
            Log($"seed {seed} refused registration: {m.Reason}");
            if (_phase != JoinPhase.Registering) return;
            for (int i = 0; i < _seeds.Length; i++)
            {
                if (_askedSeeds.Contains(i) || _acceptedSeeds.Contains(i)) continue;
                AskSeed(i);
                break;
            }
            return;
        }
        WarnIfMySeedListIsShort(seed, m.SeedCount);
        if (!m.Certificate.IsNone && m.Certificate.Incarnation == _incarnation) _certificate = m.Certificate;
        int position = SeedPosition(seed);
        if (_acceptedSeeds.Contains(position)) return;
        _acceptedSeeds.Add(position);
        if (m.PeerList != null) TakePeerList(seed, m.PeerList);
        if (_phase != JoinPhase.Registering || !Quorum.Reached(_acceptedSeeds.Count, _seeds.Length)) return;
        Enter(JoinEvent.Registered);
        _askedSeeds.Clear();
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.Registered, Address, A: _acceptedSeeds.Count));
        // The refresh timer runs from the first registration on; a rejoin (a later incarnation) keeps it.
        if (_incarnation == _life) Ctx.SetTimer(_config.MembershipRefresh, new TimerTag(TimerKind.MembershipRefresh));
        if (Ctx.LogEnabled) Log($"registered with seeds {string.Join(", ", AcceptedSeeds())}");
        _wantedLinks = Math.Max(_wantedLinks, _config.LinksPerNewcomer - _neighbours.Count);
        LinkMore();
        ForgetPoolIfSettled(); // a rejoining peer may still hold all the links it wants
        if (_neighbours.Count > 0) ReportDegree(); // a rejoining peer: the seeds' new entry needs its degree
    }

    private bool _warnedShortSeedList;

    /// <summary>
    /// A seed's list names more seeds than ours: this peer counts its majority over too few seeds
    /// (and never asks the others), so it says so, once; the seeds check their own lists against each other.
    /// </summary>
    private void WarnIfMySeedListIsShort(NodeAddress seed, int seedsItKnows)
    {
        if (_warnedShortSeedList || seedsItKnows <= _seeds.Length) return;
        _warnedShortSeedList = true;
        Log($"warning: my seed list has {_seeds.Length} seed(s), but seed {seed} knows {seedsItKnows}: give every node the same seed list file (a majority is counted over the seeds listed)");
    }

    private void OnRegisterTimeout(long round)
    {
        if (_phase != JoinPhase.Registering || round != _registerRound) return;
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.RegistrationFailed, Address, Detail: $"{_acceptedSeeds.Count} of {Quorum.Of(_seeds.Length)} seeds accepted in time; retrying"));
        Log($"registration incomplete ({_acceptedSeeds.Count} of {Quorum.Of(_seeds.Length)} seeds accepted); retrying");
        StartRegistration();
    }

    private void TakePeerList(NodeAddress seed, PeerListReply list)
    {
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.PeerListReceived, Address, seed, A: list.Entries.Length, B: list.TotalPeers));
        if (Ctx.LogEnabled)
        {
            const int shown = 50;
            string names = string.Join(", ", list.Entries.Take(shown).Select(e => $"{e.Address}(deg {e.Degree})"));
            string more = list.Entries.Length > shown ? $" ... and {list.Entries.Length - shown} more" : "";
            string what = list.Complete ? "peer list" : $"peer sample (by degree, of {list.TotalPeers} peers)";
            Ctx.Log($"{what} received from seed {seed}: {list.Entries.Length} entries: [{names}{more}]");
        }
        // Room for one list from each seed of the majority: the union is not copied as it grows.
        (_search ??= new LinkSearch()).AddList(list, Quorum.Of(_seeds.Length));
    }

    private void OnPeerListReply(NodeAddress seed, PeerListReply m)
    {
        _peerListRequested = false;
        _search?.Restart();
        TakePeerList(seed, m);
        LinkMore();
        if (_wantedLinks > 0 && PendingLinkCount == 0)
        {
            _fruitlessLists++;
            if (_fruitlessLists == 2 && Ctx.LogEnabled)
                Log($"nobody new to link to; asking the seeds again less and less often, up to every {_config.ReattachRetryMax.TotalSeconds:0.###} s");
            ArmReattachRetry();
        }
        else _fruitlessLists = 0;
        ForgetPoolIfSettled();
    }

    /// <summary>Requests links until <see cref="_wantedLinks"/> are asked for, or the known peers run out.</summary>
    private void LinkMore()
    {
        if (_wantedLinks <= 0 || _search is not { } search) return;
        bool Excluded(NodeAddress a) =>
            a == Address || _neighbours.Contains(a) || search.IsPending(a) || search.WasTried(a) || _recentlyRemoved?.Contains(a) == true;
        var spread = new HostSpread(_neighbours.AddressSpan, search.Pending, _wantedLinks, new SeedHosts(_seeds));
        foreach (var target in search.Choose(_wantedLinks, Excluded, Ctx.Random, spread))
        {
            _wantedLinks--;
            search.Requested(target, Ctx.SetTimer(_config.LinkTimeout, new TimerTag(TimerKind.LinkTimeout, (long)target.Key)));
            Ctx.Send(target, new LinkRequest(_life, _certificate));
        }
    }

    private void OnLinkRequest(NodeAddress from, LinkRequest m)
    {
        int known = _neighbours.IndexOf(from);
        if (known >= 0) _neighbours.At(known).Incarnation = m.Incarnation; // it may have restarted
        else
        {
            if (!AdmitLink(from, m)) return;
            AddNeighbour(from, m.Incarnation, m.Certificate.Key, "accepted its link request");
            // A newcomer's links count however they came: one that found few candidates (an
            // early peer) is linked once later newcomers have linked to it.
            if (_phase == JoinPhase.Linking)
            {
                _wantedLinks = Math.Min(_wantedLinks, Math.Max(0, _config.LinksPerNewcomer - _neighbours.Count - PendingLinkCount));
                ForgetPoolIfSettled();
            }
        }
        Ctx.Send(from, new LinkReply(true, _life, _certificate));
    }

    private void OnLinkReply(NodeAddress from, LinkReply m)
    {
        TimerId timer = default;
        bool wasPending = _search?.EndRequest(from, out timer) == true;
        if (wasPending) Ctx.CancelTimer(timer);
        bool linked = m.Accepted && (_neighbours.Contains(from) || AdmitAcceptor(from, m));
        if (linked)
        {
            // Accepted late (after our timeout) still counts: the other side already linked us.
            if (!_neighbours.Contains(from))
            {
                (_linksToName ??= new List<NodeAddress>()).Add(from);
                AddNeighbour(from, m.Incarnation, m.Certificate.Key, "link request accepted");
            }
        }
        else if (wasPending) { _wantedLinks++; LinkMore(); }
        ReportDegreeIfDue();
        ForgetPoolIfSettled();
    }

    private void OnLinkTimeout(NodeAddress target)
    {
        if (_search?.EndRequest(target, out _) != true) return;
        _wantedLinks++;
        LinkMore();
        if (_wantedLinks > 0 && PendingLinkCount == 0) RequestPeerList();
        ReportDegreeIfDue();
        ForgetPoolIfSettled();
    }

    private void OnLinkClose(NodeAddress from)
    {
        if (!_neighbours.Contains(from)) return;
        RemoveNeighbour(from, "closed by the neighbour");
        Log($"neighbour {from} closed the connection");
        if (_config.ReattachOnLoss) Reattach();
    }

    private void OnRemovalNotice(NodeAddress seed, RemovalNotice m)
    {
        if (m.Removed == Address)
        {
            Rejoin($"seed {seed} says I was removed");
            return;
        }
        Remember(m.Removed);
        if (!_neighbours.Contains(m.Removed)) return;
        RemoveNeighbour(m.Removed, "removed by the seeds");
        Log($"seed {seed} confirmed removal of {m.Removed}; closing the connection to it");
        if (_config.ReattachOnLoss) Reattach();
    }

    /// <summary>
    /// The seeds removed this peer although it is alive (it was cut off, or its answers were
    /// lost), or a majority of them no longer lists it (they lost their state): it registers
    /// again as a new incarnation, which the seeds' lists accept over any removal, and tops
    /// its links back up.
    /// </summary>
    private void Rejoin(string why)
    {
        if (_phase == JoinPhase.Registering) return;
        _incarnation++;
        _notListing = null;
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.Rejoined, Address, A: _incarnation));
        Log($"{why}; registering again as incarnation {_incarnation}");
        Enter(JoinEvent.RemovedBySeeds);
        _acceptedSeeds.Clear();
        _search?.Restart();
        _peerListRequested = false;
        _fruitlessLists = 0;
        StartRegistration();
    }

    /// <summary>The overlay heals: a lost link is replaced by a new preferential-attachment link.</summary>
    private void Reattach()
    {
        _fruitlessLists = 0; // a new need: ask at once
        _wantedLinks++;
        Enter(JoinEvent.LinksWanted);
        RequestPeerList();
    }

    private void RequestPeerList()
    {
        if (_peerListRequested || _acceptedSeeds.Count == 0) return;
        _peerListRequested = true;
        Ctx.Send(_seeds[_acceptedSeeds[Ctx.Random.NextInt(_acceptedSeeds.Count)]], new PeerListRequest());
        ArmReattachRetry();
    }

    /// <summary>
    /// One retry at a time: a newer one replaces any still pending, so a peer that finds no
    /// candidates asks once per interval, not twice as often at each round; the interval grows
    /// while the lists bring nobody new (<see cref="ReattachBackoff"/>).
    /// </summary>
    private void ArmReattachRetry() =>
        Ctx.SetTimer(ReattachBackoff.Delay(_config.ReattachRetry, _config.ReattachRetryMax, _fruitlessLists),
            new TimerTag(TimerKind.ReattachRetry, ++_reattachRound));

    private void OnReattachRetry(long round)
    {
        if (round != _reattachRound || _wantedLinks <= 0 || PendingLinkCount > 0) return;
        _peerListRequested = false;
        RequestPeerList();
    }

    /// <summary>
    /// Periodic upkeep: re-state the degree (a seed that removed us, or does not list us, says so), and if links were
    /// lost and nothing is under way to replace them, ask for a fresh list. This catches every
    /// path by which a peer could otherwise stay under-linked (lost replies, a rejoin mid-repair).
    /// </summary>
    private void OnMembershipRefresh()
    {
        _notListing = null; // a new round of asking
        if (_phase != JoinPhase.Registering)
        {
            ReportDegree(refresh: true);
            if (_neighbours.Count < _config.LinksPerNewcomer && PendingLinkCount == 0)
            {
                _wantedLinks = Math.Max(_wantedLinks, _config.LinksPerNewcomer - _neighbours.Count);
                Enter(JoinEvent.LinksWanted);
                // While lists bring nobody new, the backed-off retry asks; this would undo its backoff.
                if (_fruitlessLists == 0)
                {
                    _peerListRequested = false;
                    RequestPeerList();
                }
            }
        }
        Ctx.SetTimer(_config.MembershipRefresh, new TimerTag(TimerKind.MembershipRefresh));
    }

    private void Remember(NodeAddress removed)
    {
        _recentlyRemoved ??= new Queue<NodeAddress>();
        if (_recentlyRemoved.Contains(removed)) return;
        _recentlyRemoved.Enqueue(removed);
        if (_recentlyRemoved.Count > 64) _recentlyRemoved.Dequeue();
    }

    private int PendingLinkCount => _search?.PendingCount ?? 0;
    private bool IsPendingLink(NodeAddress a) => _search?.IsPending(a) == true;

    private void Enter(JoinEvent e) => _phase = JoinPhaseRules.Next(_phase, e);

    /// <summary>
    /// Every link asked for is answered and none is wanted: the search has done its work (a
    /// later need for links fetches a fresh list anyway).
    /// </summary>
    private void ForgetPoolIfSettled()
    {
        if (_wantedLinks > 0 || PendingLinkCount > 0 || _phase == JoinPhase.Registering) return;
        Enter(JoinEvent.LinksSettled);
        _search = null;
    }

    /// <param name="key">The key its certificate binds: from now on only that key may speak for <paramref name="a"/> here.</param>
    private void AddNeighbour(NodeAddress a, long incarnation, NodeKey? key, string why)
    {
        _neighbours.Add(a, incarnation);
        if (key != null) _identity.Bind(a, key);
        _fruitlessLists = 0;
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.LinkUp, Address, a));
        // Not Detail(() => ...): a lambda capturing the parameters costs two objects per call
        // (its closure is made on entry to the method), logged or not.
        if (Ctx.LogEnabled) Log($"connected to neighbour {a} ({why}); degree {_neighbours.Count}");
        // While our own link requests are out, one report when the last is answered (or times
        // out) says the same as one per link: a newcomer reports its three links once, not three
        // times over (each report is also relayed to the other seeds).
        if (PendingLinkCount > 0) _degreeReportDue = true;
        else ReportDegree();
        if (_pingingStarted) return;
        _pingingStarted = true;
        Ctx.SetTimer(_config.PingInterval, new TimerTag(TimerKind.PingTick));
        if (_config.Originates && _config.MessagesPerPeer > 0)
            Ctx.SetTimer(_config.GossipInterval, new TimerTag(TimerKind.GossipTick));
    }

    private void RemoveNeighbour(NodeAddress a, string why)
    {
        if (!_neighbours.Remove(a)) return;
        _identity.Unbind(a);
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.LinkDown, Address, a, Detail: why));
        ReportDegree();
    }

    private long _degreeReports; // numbers the reports, so seeds can put them in order
    private List<NodeAddress>? _linksToName; // peers that accepted our link requests since the last report
    private bool _degreeReportDue; // links were added while our link requests were out

    private void ReportDegreeIfDue()
    {
        if (_degreeReportDue && PendingLinkCount == 0) ReportDegree();
    }

    /// <summary>
    /// Seeds need degrees for preferential attachment (R3). One seed is told, always the same
    /// one, and it relays to the others; the reports are numbered, because messages (and the
    /// relays) can overtake each other.
    /// </summary>
    /// <remarks>
    /// The report names the peers that accepted our link requests since the last one
    /// (<see cref="DegreeUpdate.Linked"/>): the seeds believe a degree as far as the other ends back it.
    /// </remarks>
    /// <param name="refresh">The periodic one: the seed answers it with a renewal of this peer's certificate and the recent removals.</param>
    private void ReportDegree(bool refresh = false)
    {
        _degreeReportDue = false;
        if (_acceptedSeeds.Count == 0) return;
        var linked = _linksToName is { Count: > 0 } ? _linksToName.ToArray() : null;
        _linksToName = null; // most peers link only while they join: a settled peer keeps no empty list
        Ctx.Send(ReportSeed(refresh), new DegreeUpdate(_incarnation, _neighbours.Count, ++_degreeReports, linked, refresh));
    }

    /// <summary>The seeds that accepted this peer's registration, in the order they did.</summary>
    private IEnumerable<NodeAddress> AcceptedSeeds()
    {
        for (int k = 0; k < _acceptedSeeds.Count; k++) yield return _seeds[_acceptedSeeds[k]];
    }

    private int SeedPosition(NodeAddress seed) => Array.BinarySearch(_seeds, seed);
}
