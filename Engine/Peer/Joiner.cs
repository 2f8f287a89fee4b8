using GossipSim.Engine.Collections;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>
/// R7: register with a majority of seeds, and stay registered. The joiner holds the peer's
/// standing with the seeds: its join phase, which seeds accepted it, its incarnation and its
/// membership certificate. A peer removed while alive, or no longer listed by a majority,
/// registers again as a new incarnation (<see cref="Rejoin"/>).
/// </summary>
internal struct Joiner
{
    // Keeps no reference to its peer: a call that needs the peer or a sibling part is handed it
    // (see PeerNode).
    public Joiner(long incarnation) => _incarnation = incarnation;

    private JoinPhase _phase = JoinPhase.Registering;
    /// <summary>Membership incarnation: starts as the life id, goes up when the peer rejoins after a removal.</summary>
    private long _incarnation;
    /// <summary>The proof that the seeds admitted this peer, shown with its links and its gossip (none until registered).</summary>
    private MembershipCertificate _certificate;
    private PackedPositions _acceptedSeeds;       // positions in the seed list, in the order they accepted
    private PackedPositions _askedSeeds;          // positions in the seed list asked this registration round
    private long _registerRound;                  // a register timeout of an earlier round is stale
    private bool _warnedShortSeedList;

    public JoinPhase Phase => _phase;
    public bool IsRegistering => _phase == JoinPhase.Registering;
    public long Incarnation => _incarnation;
    public MembershipCertificate Certificate => _certificate;
    public int AcceptedCount => _acceptedSeeds.Count;

    /// <summary>The <paramref name="k"/>-th seed to accept this peer's registration.</summary>
    public NodeAddress AcceptedSeed(PeerNode peer, int k) => peer.Self.Seeds[_acceptedSeeds[k]];

    /// <summary>The seeds that accepted this peer's registration, in the order they did.</summary>
    public IEnumerable<NodeAddress> AcceptedSeeds(PeerNode peer)
    {
        for (int k = 0; k < _acceptedSeeds.Count; k++) yield return peer.Self.Seeds[_acceptedSeeds[k]];
    }

    public void Enter(JoinEvent e) => _phase = JoinPhaseRules.Next(_phase, e);

    /// <summary>
    /// The seed set changed (issue 56, 2; <paramref name="before"/> was the set in force): the seeds that accepted this peer and are
    /// still seeds keep their place; a registration under way asks the new set; with none left, the new set's seeds, which hold the
    /// membership the old ones committed, stand for them.
    /// </summary>
    public void SeedsChanged(PeerNode peer, NodeAddress[] before)
    {
        var kept = new PackedPositions();
        for (int k = 0; k < _acceptedSeeds.Count; k++)
            if (peer.Self.SeedPosition(before[_acceptedSeeds[k]]) is var position and >= 0) kept.Add(position);
        if (kept.Count == 0 && _phase != JoinPhase.Registering)
            for (int i = 0; i < peer.Self.Seeds.Length; i++) kept.Add(i);
        _acceptedSeeds = kept;
        _askedSeeds.Clear();
        _notListing = null;
        _refreshTurn = 0;
        _unanswered = 0;
        if (_phase != JoinPhase.Registering) return;
        // The seeds that accepted and are still seeds may be a majority of the new set: that is a registration (asking again would
        // ask nobody, and no answer would come to complete it).
        if (Quorum.Reached(_acceptedSeeds.Count, peer.Self.Seeds.Length)) Registered(peer);
        else StartRegistration(peer);
    }

    public void StartRegistration(PeerNode peer)
    {
        var seeds = peer.Self.Seeds;
        _registerRound++;
        Span<int> candidates = seeds.Length <= 64 ? stackalloc int[seeds.Length] : new int[seeds.Length];
        int count = 0;
        for (int i = 0; i < seeds.Length; i++)
            if (!_acceptedSeeds.Contains(i)) candidates[count++] = i;
        candidates = candidates[..count];
        peer.Self.Ctx.Random.Shuffle(candidates);
        // The seeds asked last round that have not accepted did not answer in time: ask the others first.
        RegistrationOrder.UnansweredLast(candidates, _askedSeeds);
        _askedSeeds.Clear();
        int asking = Quorum.SeedsToAsk(seeds.Length, _acceptedSeeds.Count, count);
        for (int k = 0; k < asking; k++) AskSeed(peer, candidates[k]);
        peer.Self.Ctx.SetTimer(peer.Self.Config.RegisterTimeout, new TimerTag(TimerKind.RegisterTimeout, _registerRound));
    }

    private void AskSeed(PeerNode peer, int position)
    {
        _askedSeeds.Add(position);
        peer.Self.SendToSeed(peer.Self.Seeds[position], new RegisterRequest(_incarnation));
    }

    /// <summary>
    /// A seed checks that this peer listens where it says: its challenge came to our listener
    /// (on real TCP over a connection the seed opened for it), and the nonce goes back to the
    /// seed it names, if that is one of ours; a challenge naming anyone else is ignored.
    /// </summary>
    public void OnDialBackChallenge(PeerNode peer, DialBackChallenge m)
    {
        if (peer.Self.IsSeed(m.Seed)) peer.Self.SendToSeed(m.Seed, new DialBackAnswer(m.Nonce));
    }

    public void OnRegisterReply(PeerNode peer, NodeAddress seed, RegisterReply m)
    {
        var seeds = peer.Self.Seeds;
        if (m.SenderKey != null)
        {
            peer.Self.Identity.SeedProved(seed, m.SenderKey);
            if (m.SeedKeys != null) peer.Self.Identity.SeedsVouch(seed, m.SenderKey, m.SeedKeys);
        }
        if (!m.Accepted)
        {
            peer.Self.Log($"seed {seed} refused registration: {m.Reason}");
            if (_phase != JoinPhase.Registering) return;
            for (int i = 0; i < seeds.Length; i++)
            {
                if (_askedSeeds.Contains(i) || _acceptedSeeds.Contains(i)) continue;
                AskSeed(peer, i);
                break;
            }
            return;
        }
        if (m.SetVersion > peer.Self.SetVersion) peer.Self.SendToSeed(seed, new SeedSetStepRequest(peer.Self.SetVersion));
        else WarnIfMySeedListIsShort(peer, seed, m.SeedCount);
        if (!m.Certificate.IsNone && m.Certificate.Incarnation == _incarnation)
        {
            bool show = KeptLinks.ShowWithCertificate(peer.Neighbourhood.Count, peer.Self.Life, _incarnation,
                _certificate.IsNone ? -1 : _certificate.Incarnation, m.Certificate.Incarnation);
            _certificate = m.Certificate;
            if (show) Linker.ShowKeptLinks(peer, _certificate);
        }
        int position = peer.Self.SeedPosition(seed);
        // A seed of the set a joint change replaces answers too: its word counts, but it holds no place among the seeds kept.
        if (position < 0 || _acceptedSeeds.Contains(position)) return;
        _acceptedSeeds.Add(position);
        if (m.PeerList != null) peer.Linker.TakePeerList(peer, seed, m.PeerList);
        if (_phase != JoinPhase.Registering || !Quorum.Reached(_acceptedSeeds.Count, seeds.Length)) return;
        Registered(peer);
    }

    /// <summary>A majority of the seeds in force accepted this peer: it is a member, and links.</summary>
    private void Registered(PeerNode peer)
    {
        var ctx = peer.Self.Ctx;
        Enter(JoinEvent.Registered);
        _askedSeeds.Clear();
        ctx.Trace(new TraceEvent(ctx.Now, TraceKind.Registered, peer.Self.Address, A: _acceptedSeeds.Count));
        // The refresh timer runs from the first registration on; a rejoin (a later incarnation) keeps it.
        if (_incarnation == peer.Self.Life) ctx.SetTimer(peer.Self.Config.MembershipRefresh, new TimerTag(TimerKind.MembershipRefresh));
        if (ctx.LogEnabled) peer.Self.Log($"registered with seeds {string.Join(", ", AcceptedSeeds(peer))}");
        peer.Linker.OnRegistered(peer);
        peer.Self.ReportRetries?.Registered(peer);
    }

    /// <summary>
    /// A seed's list names more seeds than ours: this peer counts its majority over too few seeds
    /// (and never asks the others), so it says so, once; the seeds check their own lists against each other.
    /// </summary>
    private void WarnIfMySeedListIsShort(PeerNode peer, NodeAddress seed, int seedsItKnows)
    {
        int mine = peer.Self.Seeds.Length;
        if (_warnedShortSeedList || seedsItKnows <= mine) return;
        _warnedShortSeedList = true;
        peer.Self.Log($"warning: my seed list has {mine} seed(s), but seed {seed} knows {seedsItKnows}: give every node the same seed list file "
            + $"(a majority is counted over the seeds listed)");
    }

    public void OnRegisterTimeout(PeerNode peer, long round)
    {
        if (_phase != JoinPhase.Registering || round != _registerRound) return;
        int seeds = peer.Self.Seeds.Length;
        peer.Self.Ctx.Trace(new TraceEvent(peer.Self.Ctx.Now, TraceKind.RegistrationFailed, peer.Self.Address,
            Detail: $"{_acceptedSeeds.Count} of {Quorum.Of(seeds)} seeds accepted in time; retrying"));
        peer.Self.Log($"registration incomplete ({_acceptedSeeds.Count} of {Quorum.Of(seeds)} seeds accepted); retrying");
        StartRegistration(peer);
    }

    /// <summary>
    /// The seeds removed this peer although it is alive (it was cut off, or its answers were
    /// lost), or a majority of them no longer lists it (they lost their state): it registers
    /// again as a new incarnation, which the seeds' lists accept over any removal, and tops
    /// its links back up.
    /// </summary>
    public void Rejoin(PeerNode peer, string why)
    {
        if (_phase == JoinPhase.Registering) return;
        _incarnation++;
        _notListing = null;
        peer.Self.Ctx.Trace(new TraceEvent(peer.Self.Ctx.Now, TraceKind.Rejoined, peer.Self.Address, A: _incarnation));
        peer.Self.Log($"{why}; registering again as incarnation {_incarnation}");
        Enter(JoinEvent.RemovedBySeeds);
        _acceptedSeeds.Clear();
        _unanswered = 0;
        peer.Self.ReportRetries?.Rejoining();
        peer.Linker.Restart();
        StartRegistration(peer);
    }

    /// <summary>
    /// Periodic upkeep: re-state the degree (a seed that removed us, or does not list us, says so), and if links were
    /// lost and nothing is under way to replace them, ask for a fresh list. This catches every
    /// path by which a peer could otherwise stay under-linked (lost replies, a rejoin mid-repair).
    /// </summary>
    public void OnMembershipRefresh(PeerNode peer)
    {
        _notListing = null; // a new round of asking
        if (_phase != JoinPhase.Registering)
        {
            peer.Neighbourhood.ReportDegree(peer, refresh: true);
            peer.Linker.TopUp(peer);
        }
        peer.Self.Ctx.SetTimer(peer.Self.Config.MembershipRefresh, new TimerTag(TimerKind.MembershipRefresh));
    }

    // A refresh that went unanswered sends the next one to the next seed that accepted this
    // peer, so one seed down does not let an honest member's certificate lapse.
    private int _refreshTurn;         // which accepted seed refreshes go to
    private bool _refreshAnswered = true;
    private int _unanswered;          // refreshes in a row that no seed answered, since an accepted seed last did

    /// <summary>The seed the next degree report goes to: the one refreshes go to, moved on when a refresh went unanswered.</summary>
    public NodeAddress ReportSeed(PeerNode peer, bool refresh)
    {
        if (refresh)
        {
            if (!_refreshAnswered)
            {
                _refreshTurn++;
                _unanswered++;
            }
            _refreshAnswered = false;
        }
        var seeds = peer.Self.Seeds;
        // Once the seed set has changed, every seed that accepted this peer may have been voted out (or crashed) while new ones came
        // in, and only a seed's answer tells this peer of it: when each accepted seed left a refresh unanswered in turn, the refreshes
        // go round the other seeds of the set in force, which hold the membership too, and stay with one that answers. (With the seed
        // list unchanged the accepted seeds are still seeds, and a run keeps its trace: sim-loss and sim-partition lose refreshes.)
        int accepted = _acceptedSeeds.Count;
        if (_unanswered >= accepted && seeds.Length > accepted && peer.Self.LearnedSets != null)
        {
            int k = (_unanswered - accepted) % (seeds.Length - accepted);
            for (int i = 0; i < seeds.Length; i++)
                if (!_acceptedSeeds.Contains(i) && k-- == 0) return seeds[i];
        }
        return seeds[_acceptedSeeds[_refreshTurn % accepted]];
    }

    /// <summary>A refresh was answered: this peer's certificate runs on with the seed's renewal.</summary>
    public void OnRefreshReply(PeerNode peer, NodeAddress seed, RefreshReply m)
    {
        _refreshAnswered = true;
        if (peer.Self.SeedPosition(seed) is var position and >= 0 && _acceptedSeeds.Contains(position)) _unanswered = 0;
        if (m.SetVersion > peer.Self.SetVersion) peer.Self.SendToSeed(seed, new SeedSetStepRequest(peer.Self.SetVersion));
        if (!_certificate.IsNone && m.Incarnation == _certificate.Incarnation) _certificate = _certificate.RenewedBy(m.Renewal);
    }

    // A peer notices that the seeds forgot it. Its refresh reports its degree to one seed,
    // which answers when it does not list the peer at all; the peer then asks every other seed
    // and registers again once a majority does not list it. One seed's "no" is not enough: it
    // may be a seed that lost its state and is still catching up, while the others list the
    // peer. Nothing is sent while the seeds list the peer.
    private HashSet<int>? _notListing; // seeds (positions) that said, this refresh round, they do not list us

    public void OnMembershipStatus(PeerNode peer, NodeAddress seed, MembershipStatus m)
    {
        if (!m.Listed) NotListedBy(peer, seed, $"seed {seed} does not list me (it holds {m.CommitPosition} committed operations)");
    }

    /// <summary>One seed says it does not list this peer (<paramref name="what"/>, for the log): counted, and the others asked.</summary>
    public void NotListedBy(PeerNode peer, NodeAddress seed, string what)
    {
        var seeds = peer.Self.Seeds;
        if (_phase == JoinPhase.Registering) return;
        bool firstNo = _notListing == null;
        _notListing ??= new HashSet<int>();
        // Counted over the set in force: a seed that a joint change replaces has no say in it.
        if (peer.Self.SeedPosition(seed) is not (var position and >= 0) || !_notListing.Add(position)) return;
        peer.Self.Log($"{what}; {_notListing.Count} of {seeds.Length} seeds say so");
        if (Quorum.Reached(_notListing.Count, seeds.Length))
        {
            Rejoin(peer, $"a majority of seeds ({_notListing.Count} of {seeds.Length}) does not list me");
            return;
        }
        if (!firstNo) return;
        for (int i = 0; i < seeds.Length; i++)
            if (!_notListing.Contains(i)) peer.Self.SendToSeed(seeds[i], new MembershipCheck(_incarnation));
    }
}
