using GossipSim.Analysis.Summary;
using GossipSim.Analysis.Trace;
using GossipSim.Analysis.Wan;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Simulator.Latency;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Stats;

/// <summary>
/// Builds the run's summary from its trace events, online (it is a trace sink) or over a saved
/// trace. Memory is O(nodes + messages), never O(deliveries), so it keeps up with a million
/// peers. The same code serves simulated and real runs: it only reads trace events. What each
/// node is (role, life, degree) is its <see cref="TraceFold"/>'s; this adds the run's totals.
/// </summary>
public sealed class RunStatistics : ITraceSink
{
    private readonly List<(long created, NodeAddress origin)> _messages = new();
    private readonly Dictionary<NodeAddress, OpenCrash> _openFailure = new();
    private readonly List<FailureRecord> _failures = new();
    // Each peer removed while alive (what falseRemovals counts), with the seeds (their bits in ListedBy) that removed it: few (a
    // partition's side at most), kept to tell a removal the set in force made from one only seeds voted out since applied.
    private readonly Dictionary<NodeAddress, UInt128> _liveRemovers = new();
    private readonly List<(NodeAddress peer, double at)> _everyLiveRemoval = new();
    // Per peer removed alive: the incarnation its last removal named, and whether a seed listed it again since (a new removal then).
    private readonly Dictionary<NodeAddress, (long incarnation, bool listedAgain)> _lastLiveRemoval = new();
    private readonly Dictionary<NodeAddress, SeedList> _finalLists = new();
    private readonly long _originTicks;
    private long _lastTicks;
    private long _hopsSum;
    private int _hopsMax;
    private long _receivedWithDuplicates, _deliveriesAtCounted;
    private PlumtreeSummary? _plumtree;
    private TrackedMessages? _duringFailure; // messages created while a crash is unrepaired
    private TrackedMessages? _firstAfterCrash; // the first ones created from the first crash on
    /// <summary>Messages counted by <see cref="GossipSummary.FirstAfterCrash"/>: the papers' "broadcasts sent right after the failure".</summary>
    public const int FirstAfterCrashMessages = 50;
    private SwimSummary? _swim;
    private HyParViewSummary? _hyParView;
    private long _firstCrashTicks = long.MaxValue;
    private int _unresolvedFailures;
    // When the run went from calm (no crash awaiting its removal or restart) to a failure and back, in order: a message's latency
    // belongs to the phase of its creation, looked up here at its receipt (a message created in a calm spell and received after the
    // next crash is still the calm spell's).
    private readonly List<(long At, bool Calm)> _phases = new();
    private readonly MembershipSummary _membership = new();
    private static readonly string ReportRejectedEvent = TraceSchema.Of(TraceKind.ReportRejected).Event,
        ReportDroppedEvent = TraceSchema.Of(TraceKind.ReportDropped).Event;

    public LatencyHistogram Latency { get; } = new();
    /// <summary>Latency of messages created before the first crash, during a failure, and after every failure was removed (or its
    /// peer started again), each by the phase at its creation.</summary>
    public LatencyHistogram BeforeCrash { get; } = new();
    public LatencyHistogram DuringFailure { get; } = new();
    public LatencyHistogram AfterRemoval { get; } = new();

    /// <param name="origin">Time zero of the run (the simulator's 0; the launcher's start on real runs).</param>
    /// <param name="neighbours">Keep every node's neighbour set in <see cref="Nodes"/> (the dashboard draws them).</param>
    /// <param name="expectedNodes">Nodes the run will have, when known (see <see cref="TraceFold(bool, int, Func{NodeAddress, bool})"/>).</param>
    /// <param name="places">On the measured Internet (latency model wan): where each node is, for <see cref="Wan"/>.</param>
    public RunStatistics(TimeSpan origin = default, bool neighbours = false, int expectedNodes = 0, NodePlaces? places = null)
    {
        _originTicks = origin.Ticks;
        Wan = places == null ? null : new WanFigures(places);
        Nodes = new TraceFold(neighbours, expectedNodes, Wan == null ? null : a => Wan.KeepsLinksOf(a, expectedNodes));
        Network = new NetworkEvents(origin);
    }

    /// <summary>Gossip latency by region and distance, and the overlay's links on the map; null unless the run was on the measured
    /// Internet.</summary>
    public WanFigures? Wan { get; }

    /// <summary>The run's partitions, loss windows, latency spikes, churn and restarts, for the failure timeline.</summary>
    public NetworkEvents Network { get; }

    /// <summary>Every node's state, folded from the events written here (the checkers and the dashboard read it too).</summary>
    public TraceFold Nodes { get; }

    public void Write(in TraceEvent e)
    {
        Nodes.Apply(e);
        Network.Write(e);
        long t = e.Time.Ticks;
        if (t > _lastTicks) _lastTicks = t;
        switch (e.Kind)
        {
            case TraceKind.GossipCreated:
                _messages.Add((t, e.Node));
                if (_unresolvedFailures > 0) (_duringFailure ??= new()).Created(e.Message, t, e.Node, Nodes.Count);
                if (t >= _firstCrashTicks) (_firstAfterCrash ??= new(FirstAfterCrashMessages)).Created(e.Message, t, e.Node, Nodes.Count);
                break;
            case TraceKind.GossipDelivered:
                OnDelivered(e, t);
                _duringFailure?.Received(e.Message, e.B, Nodes, e.Node);
                _firstAfterCrash?.Received(e.Message, e.B, Nodes, e.Node);
                break;
            case TraceKind.GossipCounters:
                _receivedWithDuplicates += e.A;
                _deliveriesAtCounted += Nodes.Get(e.Node).Deliveries;
                break;
            case TraceKind.PlumtreeCounters:
                OnPlumtreeCounters(e);
                break;
            case TraceKind.SwimCounters:
                OnSwimCounters(e);
                break;
            case TraceKind.HyParViewCounters:
                OnHyParViewCounters(e);
                break;
            case TraceKind.CrashInjected:
                OnCrash(e, t);
                break;
            case TraceKind.CrashUnwatched:
                if (Open(e.Node) is { } unwatched) unwatched.Unwatched = true;
                break;
            case TraceKind.CrashWatchRound:
                if (Open(e.Node) is { } watched) watched.WatchRound = (int)e.A;
                break;
            case TraceKind.Suspected:
                _membership.Suspicions++;
                if (Open(e.Peer) is { } f1 && f1.SuspectedAt == null) f1.SuspectedAt = Seconds(t);
                break;
            case TraceKind.SuspicionCleared:
                _membership.SuspicionsCleared++;
                break;
            case TraceKind.DeadReported:
                if (Open(e.Peer) is { } f2 && f2.ReportedAt == null) f2.ReportedAt = Seconds(t);
                break;
            case TraceKind.MemberRemoved:
                OnRemoved(e, t);
                break;
            case TraceKind.MemberAdded when _lastLiveRemoval.TryGetValue(e.Peer, out var last) && !last.listedAgain:
                _lastLiveRemoval[e.Peer] = last with { listedAgain = true };
                break;
            case TraceKind.NodeStarted:
                OnRestart(e.Node, t);
                break;
            case TraceKind.Committed: _membership.ProposalsCommitted++; break;
            case TraceKind.ProposalRejected: _membership.ProposalsRejected++; break;
            case TraceKind.ReportRejected: _membership.ReportsRejected++; break;
            case TraceKind.ReportDropped: _membership.ReportsDropped++; break;
            case TraceKind.EventsHeld:
                // Events a seed did not trace one by one (too many from one source a second): counted all the same.
                if (e.Detail == ReportRejectedEvent) _membership.ReportsRejected += (int)e.A;
                else if (e.Detail == ReportDroppedEvent) _membership.ReportsDropped += (int)e.A;
                break;
            case TraceKind.RunEnded:
                Wan?.TakeLinks(Nodes);
                break;
            case TraceKind.SeedDigest:
                _finalLists[e.Node] = new SeedList(e.Node, e.A, e.B, Seconds(t)); // a seed's last list is its final one
                break;
        }
    }

    private void OnDelivered(in TraceEvent e, long t)
    {
        long created = e.B;
        double latency = (t - created) / (double)TimeSpan.TicksPerSecond;
        if (latency < 0)
        {
            // A receipt before its creation: the two hosts' clocks differ. Counted as 0, and said (ReceivedBeforeCreated).
            var skew = _receivedBeforeCreated ??= new ClockSkew();
            skew.Receipts++;
            skew.WorstSeconds = Math.Max(skew.WorstSeconds, -latency);
            latency = 0;
        }
        Latency.Add(latency);
        PhaseOf(created).Add(latency);
        Wan?.Delivered(e.Message.Origin, e.Node, latency);
        _hopsSum += e.A;
        if (e.A > _hopsMax) _hopsMax = (int)e.A;
    }

    private ClockSkew? _receivedBeforeCreated;

    private LatencyHistogram PhaseOf(long createdTicks)
    {
        if (createdTicks < _firstCrashTicks) return BeforeCrash;
        // Calm after a seed's crash, which no removal awaits; else the last change of phase at or before the creation.
        if (_phases.Count == 0 || _phases[0].At > createdTicks) return AfterRemoval;
        int lo = 0, hi = _phases.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (_phases[mid].At <= createdTicks) lo = mid;
            else hi = mid - 1;
        }
        return _phases[lo].Calm ? AfterRemoval : DuringFailure;
    }

    /// <summary>A Plumtree peer's counts at its stop: A IHAVE announcements, B GRAFTs, Detail "prunes N, given up M, tree links L of K,
    /// ihave messages I" (the IHAVEs the announcements went in; a trace from before the lazy queue has none).</summary>
    private void OnPlumtreeCounters(TraceEvent e)
    {
        var tree = _plumtree ??= new PlumtreeSummary();
        tree.IhavesSent += e.A;
        tree.GraftsSent += e.B;
        foreach (var (word, n) in Counts(e.Detail))
        {
            if (word == "prunes") tree.PrunesSent += n;
            if (word == "up") tree.GivenUp += n;
            if (word == "messages") tree.IhaveMessagesSent += n;
        }
    }

    /// <summary>A SWIM peer's counts at its stop: A probes, B indirect probes asked, Detail "suspicions N, cleared M, periods P, answered Q".</summary>
    private void OnSwimCounters(TraceEvent e)
    {
        var swim = _swim ??= new SwimSummary();
        swim.Peers++;
        swim.ProbesSent += e.A;
        swim.IndirectProbesAsked += e.B;
        long own = 0, heard = 0;
        foreach (var (word, n) in Counts(e.Detail))
        {
            if (word == "suspicions") swim.Suspicions += n;
            if (word == "cleared") swim.SuspicionsCleared += n;
            if (word == "periods") { swim.Periods += n; own = n; }
            if (word == "answered") { swim.PingsAnswered += n; heard = n; }
        }
        if (own > 0) swim.MostAnswersPerPeriod = Math.Max(swim.MostAnswersPerPeriod, (double)heard / own);
    }

    /// <summary>A HyParView peer's counts at its stop: A promotions asked, B refused, Detail "forward joins N, shuffles S, dropped D,
    /// passive P".</summary>
    private void OnHyParViewCounters(TraceEvent e)
    {
        var view = _hyParView ??= new HyParViewSummary();
        view.Peers++;
        view.PromotionsAsked += e.A;
        view.PromotionsRefused += e.B;
        foreach (var (word, n) in Counts(e.Detail))
        {
            if (word == "joins") view.ForwardJoins += n;
            if (word == "shuffles") view.ShufflesStarted += n;
            if (word == "dropped") view.LinksDropped += n;
            if (word == "passive") view.PassiveEntries += n;
        }
    }

    /// <summary>The counts of a counters event's Detail ("prunes 3, given up 1"): each number with the word before it.</summary>
    private static IEnumerable<(string Word, long Count)> Counts(string? detail)
    {
        var words = (detail ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i + 1 < words.Length; i++)
            if (long.TryParse(words[i + 1], out long n)) yield return (words[i], n);
    }

    private void OnCrash(in TraceEvent e, long t)
    {
        if (t < _firstCrashTicks) _firstCrashTicks = t;
        var role = Nodes.Get(e.Node).Role;
        var f = new FailureRecord
        {
            Node = e.Node.ToString(),
            Role = TraceFold.RoleWord(role),
            Kind = "crash",
            Degree = (int)e.A,
            At = Seconds(t),
        };
        // A peer with no link at its crash (by the crash's own count and by the links it traced) could be reported by nobody; real
        // nodes trace no crash-unwatched line, so this count says it (local CI: a peer that registered late, found no member to link
        // to and crashed 1.5 s later was held to the 8.5 s detection bound; its certificate's silence removed it 27 s on).
        if (role != NodeRole.Seed && Nodes.Get(e.Node).DegreeAtCrash == 0) f.Unwatched = true;
        _failures.Add(f);
        // Seeds are not removed from the peer list; only a crashed peer awaits removal.
        if (role != NodeRole.Seed)
        {
            _openFailure[e.Node] = new OpenCrash(_failures.Count - 1, Nodes.Get(e.Node).Incarnation);
            if (_unresolvedFailures++ == 0) _phases.Add((t, false));
        }
    }

    /// <summary>A peer's latest crash: its record, the incarnation that crashed, whether its removal is still awaited (it counts in
    /// the failures unresolved), and whether it started again.</summary>
    private sealed class OpenCrash(int index, long incarnation)
    {
        public readonly int Index = index;
        public readonly long Incarnation = incarnation;
        public bool Awaited = true;
        public bool Restarted;
    }

    /// <summary>A crashed peer started again: its crash no longer waits for a removal, as the seeds take its new incarnation in place
    /// of the old one (and no removal of the old one may come). What is traced of it from now on is its new life's.</summary>
    private void OnRestart(NodeAddress node, long t)
    {
        if (!_openFailure.TryGetValue(node, out var open) || open.Restarted) return;
        open.Restarted = true;
        var f = _failures[open.Index];
        if (f.RemovedAt == null) f.RestartedAt = Seconds(t);
        Resolve(open, t);
    }

    private void Resolve(OpenCrash open, long t)
    {
        if (!open.Awaited) return;
        open.Awaited = false;
        if (--_unresolvedFailures == 0) _phases.Add((t, true));
    }

    private void OnRemoved(in TraceEvent e, long t)
    {
        // The removal of the life that crashed (or of an older one a seed still listed), even after a restart; a later life's is not
        // (soak-classic: a peer's clean leave 20 minutes after its restart was counted as 3 more removals of its crash, 6 by 3 seeds).
        if (_openFailure.TryGetValue(e.Peer, out var open) && (open.Incarnation == 0 || e.A <= open.Incarnation))
        {
            var f = _failures[open.Index];
            f.RemovedBySeeds++;
            if (f.RemovedAt == null) f.RemovedAt = Seconds(t);
            Resolve(open, t);
        }
        else if (Nodes.Get(e.Peer) is { IsUp: true } removed && e.A >= removed.Incarnation)
        {
            // Alive now, not left, and this very incarnation: the seeds removed a live peer.
            bool first = !_liveRemovers.TryGetValue(e.Peer, out var removers);
            _liveRemovers[e.Peer] = Nodes.Find(e.Node) is { SeedBit: >= 0 } seed ? removers | UInt128.One << seed.SeedBit : removers;
            // Every seed traces the one removal: a new one names another incarnation, or comes after a seed listed the peer again.
            if (!_lastLiveRemoval.TryGetValue(e.Peer, out var last) || last.incarnation != e.A || last.listedAgain)
            {
                _everyLiveRemoval.Add((e.Peer, Seconds(t)));
                _lastLiveRemoval[e.Peer] = (e.A, false);
            }
            if (first)
            {
                FirstFalseRemoval ??= string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"t={Seconds(t):F3} seed {e.Node} removed live peer {e.Peer} (incarnation {e.A})");
            }
        }
    }

    /// <summary>The record of a peer's crash while it is down (not once it started again).</summary>
    private FailureRecord? Open(NodeAddress node) =>
        _openFailure.TryGetValue(node, out var open) && !open.Restarted ? _failures[open.Index] : null;

    private double Seconds(long ticks) => (ticks - _originTicks) / (double)TimeSpan.TicksPerSecond;

    /// <summary>Degrees of the peers alive at the end, in address order.</summary>
    public int[] FinalDegrees() => Nodes.LivePeers().Select(p => p.state.Degree).ToArray();

    public IReadOnlyList<FailureRecord> Failures => _failures;

    /// <summary>The first removal of a live peer (time, seed, peer), or null: what falseRemovals counts.</summary>
    public string? FirstFalseRemoval { get; private set; }

    /// <summary>Each peer a seed removed while it was alive (first such removal, seconds), in the order it happened.</summary>
    public IReadOnlyList<(NodeAddress peer, double at)> LiveRemovals => _everyLiveRemoval.DistinctBy(r => r.peer).ToList();

    /// <summary>Every removal of a peer while it was alive (seconds, at the first seed that applied it), in the order they happened: a
    /// peer its machine held up may be removed, rejoin and be removed again (MyLab under a loaded CI: at 72.4 s and at 91 s).</summary>
    public IReadOnlyList<(NodeAddress peer, double at)> EveryLiveRemoval => _everyLiveRemoval;

    /// <summary>Whether every seed that removed <paramref name="peer"/> while it was alive has since been voted out of the seed set: a
    /// removal no seed of the set in force applied (its commit reached none of them before its proposer left; swarm seed 13, run
    /// 2308).</summary>
    public bool RemovedOnlyBySeedsVotedOut(NodeAddress peer) =>
        _liveRemovers.TryGetValue(peer, out var removers) && (removers & ~Nodes.VotedOutSeedBits()) == UInt128.Zero;

    /// <summary>
    /// The final peer list of each seed of the set in force up at the end, in address order: its last traced list (at its stop). A
    /// seed that crashed, or left (stopped by its operator once a seed-set change left it out), is not compared; nor is one that a
    /// finished change left out and that runs still (restarted after the vote by a fault, as a machine comes back): it votes no more,
    /// peers hold the new set and ask it nothing, so its list is nobody's. "Seeds agree" in summary.json and the heal checks compare
    /// these.
    /// </summary>
    public IReadOnlyList<SeedList> LiveSeedLists() =>
        _finalLists.Values.Where(d => Nodes.Find(d.Seed) is { Started: true, Life: NodeLife.Up, VotedOut: false }).OrderBy(d => d.Seed)
            .ToList();

    /// <summary>True when at least one live seed traced its list and all live seeds hold the same one (count and digest).</summary>
    public static bool Agree(IReadOnlyList<SeedList> lists) =>
        lists.Count > 0 && lists.All(d => d.Members == lists[0].Members && d.Digest == lists[0].Digest);

    /// <summary>Peers alive at the end and since when each was linked into the overlay (ticks), in address order.</summary>
    public IEnumerable<(NodeAddress peer, long eligibleFromTicks)> LivePeersAtEnd() =>
        Nodes.LivePeers().Select(p => (p.address, p.state.LinkedSinceTicks));

    /// <summary>Fills the trace-derived parts of a summary (the runner adds wall time, hash, counts).</summary>
    public void FillSummary(RunSummary s)
    {
        var degrees = Nodes.States.Where(n => n.IsPeer && n.IsUp).ToList();
        var hist = new SortedDictionary<int, int>();
        foreach (var n in degrees) hist[n.Degree] = hist.GetValueOrDefault(n.Degree) + 1;
        s.Degree.Histogram = hist;
        s.Degree.Mean = degrees.Count > 0 ? degrees.Average(n => n.Degree) : 0;
        s.Degree.Max = degrees.Count > 0 ? degrees.Max(n => n.Degree) : 0;
        s.Degree.Min = degrees.Count > 0 ? degrees.Min(n => n.Degree) : 0;

        // deliveryRatio: deliveries / for each message the peers alive from its creation to the
        // end (linked into the overlay by then, never crashed after), its origin excluded.
        var eligibleFrom = degrees.Select(n => n.LinkedSinceTicks).Where(x => x != long.MaxValue).OrderBy(x => x).ToArray();
        long expected = 0;
        foreach (var (created, origin) in _messages)
        {
            expected += Math.Max(0, TrackedMessages.Owed(eligibleFrom, created, Nodes, origin));
        }
        s.Gossip.DuringFailure = _duringFailure?.Reliability(Nodes, eligibleFrom);
        s.Gossip.FirstAfterCrash = _firstAfterCrash?.Reliability(Nodes, eligibleFrom);
        long delivered = degrees.Sum(n => n.DeliveriesSinceLinked);
        s.Gossip.Messages = _messages.Count;
        s.Gossip.Deliveries = delivered;
        s.Gossip.ExpectedDeliveries = expected;
        s.Gossip.DeliveryRatio = expected > 0 ? (double)delivered / expected : 1.0;
        s.Gossip.Redundancy = _deliveriesAtCounted > 0 ? (double)_receivedWithDuplicates / _deliveriesAtCounted - 1 : 0;
        if (_plumtree is { } tree)
        {
            tree.IhavesPerReceipt = _deliveriesAtCounted > 0 ? (double)tree.IhavesSent / _deliveriesAtCounted : 0;
            tree.GraftsPerReceipt = _deliveriesAtCounted > 0 ? (double)tree.GraftsSent / _deliveriesAtCounted : 0;
            s.Gossip.Plumtree = tree;
        }
        s.Gossip.ReceivedBeforeCreated = _receivedBeforeCreated;
        s.Gossip.LatencySeconds = new Quantiles
        {
            P50 = Latency.Quantile(0.5),
            P90 = Latency.Quantile(0.9),
            P99 = Latency.Quantile(0.99),
            Max = Latency.MaxSeconds,
            Mean = Latency.Count > 0 ? Latency.SumSeconds / Latency.Count : 0,
        };
        s.Gossip.Hops = new HopSummary { Mean = Latency.Count > 0 ? (double)_hopsSum / Latency.Count : 0, Max = _hopsMax };

        s.Failures = _failures.ToList();
        _membership.Detection = DetectionSummary.Of(s.Failures);
        s.FalseRemovals = _liveRemovers.Count;

        var lists = LiveSeedLists();
        s.SeedsAgree = Agree(lists);
        _membership.PeersRegistered = Nodes.PeersRegistered;
        _membership.DistinctChanges = Nodes.DistinctChanges;
        _membership.LivePeersAtEnd = degrees.Count;
        _membership.SeedListSize = lists.Count > 0 ? (int)lists[0].Members : 0;
        _membership.Swim = _swim;
        _membership.HyParView = _hyParView;
        s.Membership = _membership;
        s.Wan = Wan?.Summary(Nodes);
        s.SimulatedSeconds = Seconds(_lastTicks);
    }
}

/// <summary>A seed's traced peer list: how many members, the digest of the list, and when (seconds of the run).</summary>
public readonly record struct SeedList(NodeAddress Seed, long Members, long Digest, double AtSeconds);
