using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.HyParView;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Plumtree;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>
/// A peer (R7-R12): registers with a majority of seeds, links by preferential attachment,
/// gossips, watches its neighbours and reports the dead. This class only dispatches: each
/// message and timer goes to the part that owns its state — <see cref="Joiner"/> (registration
/// and standing with the seeds), <see cref="Linker"/> (links and healing), <see cref="LinkAdmission"/>,
/// <see cref="GossipRelay"/>, <see cref="LivenessMonitor"/>, <see cref="RemovalWatch"/>, around
/// the <see cref="Neighbourhood"/>.
/// </summary>
public sealed class PeerNode : Node, IBroadcastHost, IDetectorHost, IOverlayHost
{
    // The parts are structs held in place in the peer, never copied, and a peer is one object
    // instead of nine: fewer objects for the collector to trace, and no object headers or
    // references between the parts in every peer. A part keeps no reference to the peer either: a
    // call that needs the peer or a sibling is handed it (`peer`, this object), as seven references
    // back would be seven fields in every peer (docs/performance.md, section 4).
    private PeerSelf _self;
    private Neighbourhood _neighbours;
    private Joiner _joiner;
    private LinkAdmission _admission;
    private Linker _linker;
    private GossipRelay _gossip;
    private LivenessMonitor _liveness;
    private RemovalWatch _removals;

    internal ref PeerSelf Self => ref _self;
    internal ref Neighbourhood Neighbourhood => ref _neighbours;
    internal ref Joiner Joiner => ref _joiner;
    internal ref LinkAdmission Admission => ref _admission;
    internal ref Linker Linker => ref _linker;
    internal ref GossipRelay Gossip => ref _gossip;
    internal ref LivenessMonitor Liveness => ref _liveness;
    internal ref RemovalWatch Removals => ref _removals;

    /// <param name="identity">How gossip is signed and certificates checked: a real peer's keys; none: the simulator's structural
    /// stand-in.</param>
    public PeerNode(PeerConfig config, IReadOnlyList<NodeAddress> seeds, long incarnation, IPeerIdentity? identity = null)
    {
        config.Validate();
        if (seeds.Count == 0) throw new ArgumentException("a peer needs at least one seed");
        // Every peer of a run gets the same seed list: share it when it is already a sorted array.
        var sorted = seeds is NodeAddress[] array && IsSorted(array) ? array : seeds.OrderBy(s => s).ToArray();
        _self = new PeerSelf(config, sorted, incarnation, identity ?? StructuralIdentity.ForPeers);
        _neighbours = new Neighbourhood();
        _joiner = new Joiner(incarnation);
        _admission = new LinkAdmission();
        _linker = new Linker();
        _gossip = new GossipRelay(config);
        _liveness = new LivenessMonitor(config);
        _removals = new RemovalWatch();
    }

    public override NodeRole Role => NodeRole.Peer;
    public long Incarnation => _joiner.Incarnation;
    public int Degree => _neighbours.Count;
    public override int OverlayDegree => Degree;
    public override bool IsRegisteredPeer => IsRegistered;
    /// <summary>A copy of the neighbours in link order (for inspection: tests, status files).</summary>
    public IReadOnlyList<Neighbour> Neighbours => _neighbours.Table.Snapshot();
    /// <summary>Whether it holds its half of a link to <paramref name="a"/> (it pings <paramref name="a"/>) that watches it as
    /// incarnation <paramref name="incarnation"/>: one made under an earlier, removed incarnation ends when that removal reaches
    /// this peer (<see cref="LinkIncarnation.Watches"/>).</summary>
    public bool WatchesLinkTo(NodeAddress a, long incarnation)
    {
        int at = _neighbours.Table.IndexOf(a);
        return at >= 0 && LinkIncarnation.Watches(_neighbours.Table.At(at).MemberIncarnation, incarnation);
    }
    /// <summary>How it finds a dead neighbour (for a scenario's judge: SWIM's probe round is as long as a watcher's degree).</summary>
    public FailureDetector FailureDetector => _self.Config.FailureDetector;
    /// <summary>The peer's failure detector, as the menu names it.</summary>
    public string DetectorName => FailureDetectorMenu.NameOf(_self.Config.FailureDetector);
    /// <summary>The peer's failure detector role (a registered one's own counts, for its host's tests and tools).</summary>
    public FailureDetectorRole Detector => _liveness.Detector;
    public int MessageListCount => _gossip.MessageListCount;
    /// <summary>Plumtree: its links on the tree now (the others are lazy); null for another broadcast's peer, whose links have no modes.</summary>
    public int? TreeLinks => _gossip.Broadcast is PlumtreeBroadcast ? PlumtreeBroadcast.TreeLinks(new BroadcastContext(this)) : null;
    /// <summary>Plumtree: messages announced to it (IHAVE), not received and awaited now, each with a timer; null for another broadcast's peer.</summary>
    public int? AwaitedAnnouncements => (_gossip.Broadcast as PlumtreeBroadcast)?.AwaitedCount;
    /// <summary>Plumtree: messages announced, never received and given up once every announcer was asked; null for another broadcast's peer.</summary>
    public long? AnnouncementsGivenUp => (_gossip.Broadcast as PlumtreeBroadcast)?.GivenUp;
    /// <summary>The peer's overlay, as the menu names it.</summary>
    public string OverlayName => OverlayMenu.NameOf(_self.Config.Overlay);
    /// <summary>A registered overlay's own object for this peer (<see cref="OverlayContext.State"/>; for its host's tests and tools);
    /// HyParView's passive view for a peer of HyParView's.</summary>
    public object? OverlayState => _linker.OwnState;
    /// <summary>The peer's broadcast, as the menu names it.</summary>
    public string BroadcastName => BroadcastMenu.NameOf(_self.Config.Broadcast);
    /// <summary>The peer's broadcast role (a registered one's own counts, for its host's tests and tools).</summary>
    public BroadcastRole Broadcast => _gossip.Broadcast;
    /// <summary>HyParView: the peers its passive view holds now (none before its first need); null for a peer of another overlay, which
    /// keeps no passive view.</summary>
    public int? PassiveViewCount =>
        OverlayMenu.RoleOf(_self.Config.Overlay) is HyParViewOverlay ? HyParViewOverlay.PassiveCount(_linker.OwnState) : null;
    public bool IsRegistered => !_joiner.IsRegistering;
    /// <summary>Where seed <paramref name="seed"/> (its name in the seed list) is now, as far as this peer has taken its word.</summary>
    public NodeAddress AddressOfSeed(NodeAddress seed) => _self.Moves?.AddressOf(seed) ?? seed;

    /// <summary>The version of the seed set this peer registers with (0: its seed list; issue 56, 2).</summary>
    public long SeedSetVersion => _self.SetVersion;

    /// <summary>The seeds of the set in force here.</summary>
    public IReadOnlyList<NodeAddress> Seeds => _self.Seeds;
    public JoinPhase Phase => _joiner.Phase;
    public long GossipReceived => _gossip.GossipReceived;
    public long GossipSent => _gossip.GossipSent;
    /// <summary>This peer's membership certificate (none until a seed that accepted it handed one over).</summary>
    public MembershipCertificate Certificate => _joiner.Certificate;

    /// <summary>Gossip this peer dropped as out of bounds, from a non-neighbour, or not signed by its origin.</summary>
    public long GossipRejected => _gossip.GossipRejected;

    /// <summary>Of <see cref="GossipRejected"/>, the messages whose origin's certificate or signature did not verify, and copies of one
    /// that did not.</summary>
    public long GossipForged => _gossip.GossipForged;

    /// <summary>Of <see cref="GossipRejected"/>, the messages dropped unchecked from a neighbour whose forgeries used up its
    /// budget.</summary>
    public long GossipUnchecked => _gossip.GossipUnchecked;

    /// <summary>Link requests and acceptances refused for a certificate that does not prove the sender's key.</summary>
    public long LinksRefused => _admission.LinksRefused;
    /// <summary>Link acceptances that answered no request of this peer's (ignored).</summary>
    public long UnsolicitedAcceptances => _admission.UnsolicitedAcceptances;
    /// <summary>HyParView: JOINs, FORWARDJOINs and SHUFFLEs dropped over their sender's budget.</summary>
    public long? WalksRefused =>
        OverlayMenu.RoleOf(_self.Config.Overlay) is HyParViewOverlay ? HyParViewOverlay.WalksRefused(_linker.OwnState) : null;

    protected override void OnStart()
    {
        Self.Started(Ctx);
        var config = Self.Config;
        int seeds = Self.Seeds.Length;
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.NodeStarted, Address, A: _joiner.Incarnation, Detail: "peer"));
        if (Ctx.LogEnabled)
            Log($"peer {Address} started (incarnation {_joiner.Incarnation}); registering with {Quorum.Of(seeds)} of {seeds} seeds");
        var sweep = TimeSpan.FromTicks(Math.Max(config.MessageListTtl.Ticks / 2, TimeSpan.TicksPerSecond));
        Ctx.SetTimer(sweep, new TimerTag(TimerKind.MessageListSweep));
        _joiner.StartRegistration(this);
    }

    /// <summary>A gossip's first reads are its sender's place among the neighbours and its cell in the Message List.</summary>
    public override void ReadAhead(Message message, Collections.ReadAhead hints)
    {
        _neighbours.Table.ReadAhead(hints);
        if (message is Messages.Gossip g) _gossip.ReadAhead(g, hints);
    }

    public override void OnMessage(NodeAddress from, Message message)
    {
        var seed = _self.SeedNameOf(from); // a moved seed speaks under its name; replies to a probe go where it came from
        switch (message)
        {
            case SeedMoved m: OnSeedMoved(seed, m); break;
            case Messages.Gossip m: _gossip.OnGossip(this, from, m); break;
            case Ihave or Graft or Prune: _gossip.OnBroadcastMessage(this, from, message); break;
            case ProtocolMessage { Role: RoleSlot.Broadcast }: _gossip.OnBroadcastMessage(this, from, message); break;
            case ProtocolMessage { Role: RoleSlot.Overlay } m: _linker.OnOverlayMessage(this, from, m); break;
            case Ping m: _liveness.OnPing(this, from, m); break;
            case Pong m:
                if (Self.ReportRetries?.OnPong(this, from, m.Nonce) != true) _liveness.OnPong(this, from, m);
                break;
            case SuspectQuery m: _liveness.OnSuspectQuery(this, from, m); break;
            case SuspectReply m: _liveness.OnSuspectReply(this, from, m); break;
            case LinkRequest m when AwaitsSeedSet(from, m, m.Certificate): break;
            case LinkRequest m: _linker.OnLinkRequest(this, from, m); break;
            case LinkReply m: _linker.OnLinkReply(this, from, m); break;
            case LinkClose: _linker.OnLinkClose(this, from); break;
            case Goodbye when !IsSeed(seed): OnNeighbourGoodbye(from); break;
            case NeighbourRequest m when AwaitsSeedSet(from, m, m.Certificate): break;
            case NeighbourRequest m: _linker.OnNeighbourRequest(this, from, m); break;
            case RegisterReply m when IsSeed(seed): _joiner.OnRegisterReply(this, seed, m); break;
            case PeerListReply m when IsSeed(seed): _linker.OnPeerListReply(this, seed, m); break;
            case RemovalNotice m when IsSeed(seed):
                Self.ReportRetries?.Answered(m.Removed.Address);
                _removals.OnRemovalNotice(this, seed, m);
                break;
            case MembershipStatus m when IsSeed(seed): _joiner.OnMembershipStatus(this, seed, m); break;
            case Messages.ReportRejected m when IsSeed(seed):
                Self.ReportRetries?.Answered(m.Dead);
                _liveness.OnReportRejected(this, seed, m);
                _linker.OnReportRejected(this, m.Dead);
                break;
            case NotAMember m when IsSeed(seed): _admission.OnNotAMember(this, seed, m); break;
            case SeedSetStep m when IsSeed(seed): OnSeedSetStep(seed, m); break;
            case RefreshReply m when IsSeed(seed):
                if (m.SenderKey != null && m.SeedKeys != null) Self.Identity.SeedsVouch(seed, m.SenderKey, m.SeedKeys);
                _joiner.OnRefreshReply(this, seed, m);
                _removals.OnRefreshReply(this, seed, m);
                break;
            case DialBackChallenge m: _joiner.OnDialBackChallenge(this, m); break;
            default:
                Self.RejectInput($"ignored unexpected {message.Kind} from {from}");
                break;
        }
    }

    /// <summary>A seed's signed word on where it is now, passed on by a seed (<see cref="Seed.SeedMoves"/>): taken only under the key
    /// pinned for that seed and only when newer than the last taken.</summary>
    private void OnSeedMoved(NodeAddress from, SeedMoved m)
    {
        var moves = Self.TakeMoves();
        var before = moves.AddressOf(m.Seed);
        var identity = Self.Identity;
        var verdict = moves.Take(m, IsSeed, w => identity.VerifyAddress(w.Seed, w.At, w.Sequence, w.Signature));
        if (verdict == SeedMoveVerdict.Taken)
        {
            Self.Identity.SeedMoved(m.Seed, m.At);
            if (before != m.At) Log($"seed {m.Seed} is at {m.At} now (its signed word of life {m.Sequence}, from {from}; was at {before})");
        }
        else if (verdict != SeedMoveVerdict.AlreadyKnown)
            Self.RejectInput($"refused {from}'s word that seed {m.Seed} is at {m.At} (life {m.Sequence}): {SeedMoveRules.Why(verdict)}");
    }

    /// <summary>
    /// A step of the seed set from a seed (issue 56, 2): taken only when it is the next version and its votes, verified, decide at
    /// the set in force here; a later one makes this peer ask the seed for the steps between.
    /// </summary>
    private void OnSeedSetStep(NodeAddress seed, SeedSetStep m)
    {
        var history = Self.LearnedSets ?? SeedSetHistory.Starting(Self.Seeds);
        switch (SeedSetRules.Receive(history.Current, m, Self.Identity, out string? why))
        {
            case StepReceipt.AskForTheSteps:
                Self.SendToSeed(seed, new SeedSetStepRequest(history.Current.Version));
                return;
            case StepReceipt.Refused:
                Self.RejectInput($"refused seed-set step {m.Set.Version} from {seed}: {why}");
                return;
            case StepReceipt.Known:
                return;
        }
        if (SeedSetRules.KeyPinned(m) is { } pinned) Self.Identity.SeedAdded(pinned.Seed, pinned.Key);
        var before = Self.Seeds;
        Self.Learn(history.Then(m.Set, Ctx.Now));
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.SeedSetChanged, Address, seed, A: m.Set.Version, B: m.Set.Voters.Length,
            Detail: $"{m.Set} ({m.Change})"));
        if (Ctx.LogEnabled) Log($"seed set now {m.Set}, from {seed}");
        _joiner.SeedsChanged(this, before);
        DecideAsksAwaitingSet();
    }

    /// <summary>Whether a link ask (or a gossip message, by its origin's) shows a certificate counted at a seed-set version this peer
    /// has not learned, and is held until it has (<see cref="AsksAwaitingSet"/>), the steps asked for; false: decided now (a full hold
    /// refuses it as before).</summary>
    internal bool AwaitsSeedSet(NodeAddress from, Message ask, in MembershipCertificate certificate)
    {
        if (certificate.Proof is not { } proof || proof.SetVersion <= Self.SetVersion) return false;
        if (!Self.TakeAsksAwaitingSet().Hold(from, ask, proof.SetVersion, Ctx.Now)) return false;
        AskForSeedSetSteps();
        return true;
    }

    /// <summary>The held link asks the set just learned decides, decided now as if they had just come.</summary>
    private void DecideAsksAwaitingSet()
    {
        if (Self.AsksAwaitingSet is not { Count: > 0 } held) return;
        foreach (var (from, ask) in held.Decidable(Self.SetVersion, Ctx.Now)) OnMessage(from, ask);
    }

    /// <summary>How often at most a peer asks for the seed set's steps on a hint that it changed (a renewal from a seed it does not
    /// know): each ask is one message to one seed, and its answer at most <see cref="Seed.SeedSetBallot.StepsPerAnswer"/> steps.</summary>
    public static readonly TimeSpan StepsAskEvery = TimeSpan.FromSeconds(5);

    /// <summary>Asks the seed its reports go to for the steps of the seed set after the version in force here (throttled).</summary>
    internal void AskForSeedSetSteps()
    {
        if (_joiner.AcceptedCount == 0 || !Self.AskForStepsDue(StepsAskEvery)) return;
        Self.SendToSeed(_joiner.ReportSeed(this, refresh: false), new SeedSetStepRequest(Self.SetVersion));
    }

    public override void OnTimer(TimerTag tag)
    {
        switch (tag.Kind)
        {
            case TimerKind.RegisterTimeout: _joiner.OnRegisterTimeout(this, tag.Arg); break;
            case TimerKind.LinkTimeout: _linker.OnLinkTimeout(this, NodeAddress.FromKey((ulong)tag.Arg)); break;
            case TimerKind.ReattachRetry: _linker.OnReattachRetry(this, tag.Arg); break;
            case TimerKind.GossipTick: _gossip.OnGossipTick(this); break;
            case TimerKind.DetectorTimer: _liveness.OnDetectorTimer(this, tag.Arg); break;
            case TimerKind.WitnessProbe: _liveness.OnWitnessProbeStep(this, tag.Arg); break;
            case TimerKind.MembershipRefresh: _joiner.OnMembershipRefresh(this); break;
            case TimerKind.HeldOutputFlush: Self.OnHeldOutputFlush(); break;
            case TimerKind.BroadcastTimer: _gossip.OnBroadcastTimer(this, tag.Arg); break;
            case TimerKind.OverlayTimer: _linker.OnOverlayTimer(this, tag.Arg); break;
            case TimerKind.ReportRetry: Self.ReportRetries?.OnTimer(this, tag.Arg); break;
            case TimerKind.ReportRetryCheck: Self.ReportRetries?.OnCheckStep(this, tag.Arg); break;
            case TimerKind.MessageListSweep:
                _gossip.Sweep(this);
                Ctx.SetTimer(TimeSpan.FromTicks(Math.Max(Self.Config.MessageListTtl.Ticks / 2, TimeSpan.TicksPerSecond)), tag);
                break;
        }
    }

    /// <summary>
    /// A send failed (<see cref="Node.OnSendFailed"/>): only a neighbour's concerns the roles, as any other address's is a one-off
    /// contact, but for a member asked to link, whose ask an overlay may end at once (<see cref="OverlayRole.FailedSendEndsAsk"/>).
    /// The detector and the broadcast hear it first, while the link still stands; the overlay last, as it may drop the link
    /// (each then hears of that as a link down). Each is told only while the address is still a neighbour. A neighbour the overlay
    /// dropped, to which a send failed (the one that made the overlay drop it, or the close of a link dropped to make room), is
    /// reported to the seeds once: with the link gone no detector watches it, and nobody else may be left to (the seeds' own probes
    /// decide the removal, R12, so the report is worth what any is); if they turn it down, the overlay hears that it lives
    /// (<see cref="OverlayRole.OnDroppedFoundAlive"/>).
    /// </summary>
    public override void OnSendFailed(NodeAddress to)
    {
        Self.ReportRetries?.SendFailed(this, to); // a report that reached no seed is sent again (ReportRetries)
        if (!_neighbours.Contains(to))
        {
            if (_linker.IsPendingLink(to)) _linker.OnAskSendFailed(this, to);
            else if (_linker.TakeDroppedLately(to)) ReportDropped(to);
            return;
        }
        _liveness.OnSendFailed(this, to);
        if (_neighbours.Contains(to)) _gossip.OnSendFailed(this, to);
        if (!_neighbours.Contains(to)) return;
        _linker.OnSendFailed(this, to);
        if (!_neighbours.Contains(to) && _linker.TakeDroppedLately(to)) ReportDropped(to);
    }

    private void ReportDropped(NodeAddress gone)
    {
        _liveness.ReportUnreachable(this, gone);
        _linker.ReportedDropped(gone);
    }

    public override void OnStop(bool sayGoodbye)
    {
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.GossipCounters, Address, A: _gossip.GossipReceived, B: _gossip.GossipSent));
        _gossip.OnStop(this);
        _liveness.OnStop(this);
        Linker.OnStop(this);
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.PeerState, Address, A: _neighbours.Count, B: _gossip.MessageListCount));
        if (sayGoodbye)
        {
            foreach (var s in _joiner.AcceptedSeeds(this)) Self.SendToSeed(s, new Goodbye(_joiner.Incarnation));
            // To its neighbours a goodbye too, not a bare LinkClose: each ends the link and passes the leave on to its seeds
            // (OnNeighbourGoodbye), so the seeds learn of it when every goodbye of its own was lost or cut off.
            var farewell = new Goodbye(_joiner.Incarnation);
            foreach (var a in _neighbours.Table.Addresses()) Ctx.Send(a, farewell);
            Log($"leaving: said goodbye to {_joiner.AcceptedCount} seeds and {_neighbours.Count} neighbours");
        }
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.NodeStopped, Address));
    }

    /// <summary>
    /// A neighbour's goodbye: the link ends as at a <see cref="LinkClose"/>, and the seeds hear of the leave from here, as a
    /// dead-node report (<see cref="LivenessMonitor.ReportLeft"/>). The leaver said goodbye to its seeds once and stopped; when
    /// loss or a partition took every one of those, nobody else would tell them, and the seeds would list it until its
    /// certificate fell silent. The seeds remove it only when their own probes go unanswered, as for any report, so a goodbye
    /// in a live peer's name removes nobody. Only a neighbour's goodbye is passed on, once: its link ends here.
    /// </summary>
    private void OnNeighbourGoodbye(NodeAddress from)
    {
        if (!_neighbours.Contains(from)) return;
        _linker.OnLinkClose(this, from);
        _liveness.ReportLeft(this, from);
    }

    private bool IsSeed(NodeAddress a) => Self.IsSeed(a);

    // What every role's context lends it alike: the peer's context, settings and links.
    NodeContext IRoleHost.Ctx => Ctx;
    PeerConfig IRoleHost.Config => _self.Config;
    ReadOnlySpan<NodeAddress> IRoleHost.NeighbourAddresses => _neighbours.Table.AddressSpan;
    int IRoleHost.NeighbourIndex(NodeAddress a) => _neighbours.Table.IndexOf(a);

    // What the broadcast's context lends it (BroadcastContext): the neighbour table's marks, the Message List's record
    // of links crossed, gossip sent and refused, the broadcast's timers.
    bool IBroadcastHost.LinkMark(int link) => _neighbours.Table.At(link).Lazy;
    void IBroadcastHost.SetLinkMark(int link, bool mark) => _neighbours.Table.At(link).Lazy = mark;
    int IBroadcastHost.ClaimLinks(in GossipCopy copy, Span<int> links) => _gossip.ClaimLinks(this, copy, links);
    void IBroadcastHost.MarkCrossed(MessageId id, long incarnation, int link) => _gossip.MarkCrossed(this, id, incarnation, link);
    bool IBroadcastHost.HasReceived(MessageId id, long incarnation) => _gossip.HasReceived(id, incarnation);
    void IBroadcastHost.SendGossip(int link, Messages.Gossip message) => _gossip.SendGossip(this, link, message);
    TimerId IBroadcastHost.SetRoleTimer(TimeSpan after, long arg) => _gossip.SetBroadcastTimer(this, after, arg);
    void IBroadcastHost.CancelRoleTimer(TimerId id) => _gossip.CancelBroadcastTimer(this, id);
    void IBroadcastHost.Reject(string line) => _gossip.Reject(this, line);

    // What the failure detector's context lends it (DetectorContext): pings with kept nonces, rounds of witnesses, the neighbours'
    // health, suspicion and report, the detector's timers and its own object.
    object? IDetectorHost.DetectorState
    {
        get => _liveness.DetectorState;
        set => _liveness.DetectorState = value;
    }
    NeighbourHealth IDetectorHost.Health(int link) => _neighbours.Table.At(link).Health;
    bool IDetectorHost.PingOutstanding(int link) => _neighbours.Table.At(link).OutstandingPing != 0;
    void IDetectorHost.Ping(int link) => _liveness.Ping(this, link);
    ReadOnlySpan<NodeAddress> IDetectorHost.SampleOf(int link) => _neighbours.Table.At(link).Sample.AsSpan();
    NodeAddress[] IDetectorHost.DrawWitnesses(int link, int max) => LivenessMonitor.DrawWitnesses(this, link, max);
    long IDetectorHost.AskWitnesses(int link, ReadOnlySpan<NodeAddress> witnesses, bool forVerdict) =>
        _liveness.AskWitnesses(this, link, witnesses, forVerdict);
    bool IDetectorHost.TryGetRound(long ask, out WitnessRound round) => _liveness.TryGetRound(ask, out round);
    void IDetectorHost.EndRound(long ask) => _liveness.EndRound(ask);
    void IDetectorHost.Missed(int link, int inARow) => LivenessMonitor.Missed(this, link, inARow);
    void IDetectorHost.Suspect(int link, int witnesses) => LivenessMonitor.Suspect(this, link, witnesses);
    void IDetectorHost.SuspectAgain(int link) => LivenessMonitor.SuspectAgain(this, link);
    void IDetectorHost.NotConfirmed(int link) => LivenessMonitor.NotConfirmed(this, link);
    bool IDetectorHost.ClearSuspicion(int link, string why) => LivenessMonitor.ClearSuspicion(this, link, why);
    void IDetectorHost.Report(int link, int agreeing, int asked) => LivenessMonitor.Report(this, link, agreeing, asked);
    TimerId IDetectorHost.SetRoleTimer(TimeSpan after, long arg) => _liveness.SetDetectorTimer(this, after, arg);
    void IDetectorHost.CancelRoleTimer(TimerId id) => _liveness.CancelDetectorTimer(this, id);

    // What a registered overlay's context lends it (OverlayContext): the links, the requests out, the engine's link primitives, the
    // seeds' lists, its own messages and timers.
    object? IOverlayHost.OverlayState
    {
        get => _linker.OwnState;
        set => _linker.OwnState = value;
    }
    int IOverlayHost.PendingLinks => _linker.PendingLinkCount;
    bool IOverlayHost.IsPendingLink(NodeAddress a) => _linker.IsPendingLink(a);
    bool IOverlayHost.HasCertificate => !_joiner.Certificate.IsNone;
    bool IOverlayHost.WasRemovedLately(NodeAddress a) => _linker.WasRemovedLately(a);
    NodeAddress IOverlayHost.AnsweringTo => _linker.AnsweringTo;
    bool IOverlayHost.TakeOriginAnswer() => _linker.TakeOriginAnswer();
    void IOverlayHost.AskLink(NodeAddress target, NeighbourAsk? ask) => _linker.OwnAsk(this, target, ask);
    void IOverlayHost.DropLink(NodeAddress neighbour, string? why) => _linker.OwnDrop(this, neighbour, why);
    bool IOverlayHost.AskedSinceLists(NodeAddress a) => _linker.AskedSinceLists(a);
    bool IOverlayHost.Registering => _joiner.IsRegistering;
    bool IOverlayHost.RequestPeers(bool again) => _linker.OwnRequestPeers(this, again);
    int IOverlayHost.WantedLinks
    {
        get => _linker.WantedLinks;
        set => _linker.WantedLinks = value;
    }
    void IOverlayHost.Reattaching(bool newNeed) => _linker.Reattaching(this, newNeed);
    bool IOverlayHost.Linking => _joiner.Phase == JoinPhase.Linking;
    bool IOverlayHost.RegisteredAgain => _joiner.Incarnation > _self.Life;
    IReadOnlyList<NodeAddress> IOverlayHost.ChooseByDegree(int count) => _linker.ChooseByDegree(this, count);
    IReadOnlyList<PeerListEntry> IOverlayHost.TakeCandidates() => _linker.TakeCandidates();
    void IOverlayHost.SetOwnLink(int link) => _neighbours.Table.At(link).Chosen = true;
    bool IOverlayHost.IsOwnLink(int link) => _neighbours.Table.At(link).Chosen;
    void IOverlayHost.SendOverlayMessage(NodeAddress to, ProtocolMessage message)
    {
        message.Role = RoleSlot.Overlay;
        Ctx.Send(to, message);
    }
    TimerId IOverlayHost.SetOverlayTimer(TimeSpan after, long arg) => _linker.SetOverlayTimer(this, after, arg);
    void IOverlayHost.CancelOverlayTimer(TimerId id) => _linker.CancelOverlayTimer(this, id);
    void IOverlayHost.Reject(string line) => _self.RejectInput(line);

    private static bool IsSorted(NodeAddress[] a)
    {
        for (int i = 1; i < a.Length; i++) if (a[i - 1].CompareTo(a[i]) >= 0) return false;
        return true;
    }
}
