using System.Globalization;
using GossipSim.Analysis.Stats;
using GossipSim.Analysis.Summary;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Checks;

/// <summary>
/// Jepsen-style checkers: record what happened (the trace), check it afterwards. Each check
/// passes, fails with its first violation (time, node, event), or was not exercised because the
/// run gave it nothing to check; the same checks run over simulated and real traces. What each
/// node is (role, life, which seeds list it) comes from the statistics' fold,
/// <see cref="RunStatistics.Nodes"/>, fed the same events.
/// </summary>
public sealed class TraceChecks(CheckBounds bounds, RunStatistics stats, TimeSpan origin = default) : ITraceSink
{
    private string? _minorityCommit;
    private string? _messageListOverflow;
    private string? _proposalsOpen;
    private int _commits, _peerStates, _seedStates;
    private double _lastCrashSeconds = double.NegativeInfinity;
    private double _lastNetworkChangeSeconds = double.NegativeInfinity;
    private double _lastCreatedSeconds = double.NegativeInfinity;
    /// <summary>The latest fault the trace shows (a crash, a partition, a heal, a loss or latency change), in words with its time: what
    /// a check whose window counts from it names.</summary>
    private string? _lastFault;
    private readonly Dictionary<(MessageId id, long created), (NodeAddress origin, int deliveries)> _lateMessages = new();
    /// <summary>Who received each of those: a message is judged by the receipts of the peers it is owed to (up at the end and linked
    /// by its creation), not by every receipt, which also counts a peer that linked after it or crashed since and could hide a peer
    /// owed it that missed it. Past <see cref="LateReceiversBudget"/> a message is judged by its count of receipts, and the check
    /// says how many were.</summary>
    private readonly TrackedMessages _lateReceivers = new(budgetBytes: LateReceiversBudget);
    private const long LateReceiversBudget = 256L << 20;
    /// <summary>
    /// For each crash, in trace order (the order of RunStatistics.Failures, which sees the same
    /// events): whether any seed listed the node then. An unlisted crashed peer needs no removal.
    /// </summary>
    private readonly List<UInt128> _listersAtCrash = new();
    /// <summary>When real nodes were held up (their timers ran late: the machine did not run them), as the trace's held-up lines say.</summary>
    private readonly HeldUpTime _heldUp = new();
    /// <summary>The same, node by node: whether a live peer the seeds removed was itself held up then (<see cref="StalledRemoval"/>).</summary>
    private readonly Dictionary<NodeAddress, HeldUpTime> _heldUpByNode = new();

    public const string NoLiveRemoval = "safety: no live peer removed";
    public const string Rejoined = "heal: every removed live peer rejoined";
    public const string MajorityCommits = "safety: every commit had a majority of seeds";
    public const string SeedsAgreeName = "heal: live seeds agree";
    public const string ListsLivePeers = "heal: seeds list exactly the live peers";
    public const string CrashedRemoved = "liveness: crashed peers removed in time";
    public const string NewGossipReachesAll = "liveness: every live peer receives every new message";
    public const string MessageListsBounded = "bounded memory: Message Lists within their cap";
    public const string ProposalsDrain = "bounded memory: pending proposals drain";

    private double Sec(TimeSpan t) => (t - origin).TotalSeconds;
    private static string F(double v) => v.ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>
    /// When the network was last changed as the trace tells it (a heal, a loss rate, a latency
    /// spike or its end), or the scenario's faults end when that is later. A fault that waited for
    /// its trigger, or a real network that took seconds to apply a cut or a heal (a `docker exec`
    /// of nft in every container), ends after the scenario's plan: the checks count from when it did.
    /// </summary>
    private double FaultsEndedSeconds => Math.Max(bounds.FaultsEndSeconds, _lastNetworkChangeSeconds);

    /// <summary>
    /// When the heal has settled: the faults' end, or the last crash when one came later (a crash
    /// that waited for its trigger), plus the removal bound.
    /// </summary>
    private double SettleSeconds => Math.Max(FaultsEndedSeconds, _lastCrashSeconds) + bounds.RemovalBoundSeconds;

    public void Write(in TraceEvent e)
    {
        switch (e.Kind)
        {
            case TraceKind.Committed:
                _commits++;
                if (!Quorum.Reached((int)e.A, (int)e.B))
                    _minorityCommit ??= $"t={F(Sec(e.Time))} seed {e.Node} committed {e.Detail} {e.Peer} with {e.A} of {e.B} votes";
                break;
            case TraceKind.CrashInjected:
                // The crash does not change who lists the node, so the fold may have seen it already or not.
                _listersAtCrash.Add(stats.Nodes.Find(e.Node) is { ListedBy: var listed } ? listed : UInt128.Zero);
                _lastCrashSeconds = Math.Max(_lastCrashSeconds, Sec(e.Time));
                _lastFault = $"the crash of {e.Detail ?? "node"} {e.Node} at t={F(Sec(e.Time))} s";
                break;
            case TraceKind.Partitioned or TraceKind.Healed or TraceKind.LossChanged or TraceKind.LatencyChanged:
                _lastNetworkChangeSeconds = Math.Max(_lastNetworkChangeSeconds, Sec(e.Time));
                _lastFault = $"the {NetworkChange(e)} at t={F(Sec(e.Time))} s";
                break;
            case TraceKind.HeldUp:
                _heldUp.Add(Sec(e.Time), e.A / 1000.0);
                if (!_heldUpByNode.TryGetValue(e.Node, out var node)) _heldUpByNode[e.Node] = node = new HeldUpTime();
                node.Add(Sec(e.Time), e.A / 1000.0);
                break;
            case TraceKind.PeerState:
                _peerStates++;
                if (e.B > bounds.MessageListCapacity)
                    _messageListOverflow ??= $"t={F(Sec(e.Time))} peer {e.Node} held {e.B} Message List entries "
                        + $"(cap {bounds.MessageListCapacity})";
                break;
            // A seed's state as it stops: judged at the run's end only. One stopped before it (moved elsewhere, or voted out) had
            // proposals open because it was busy then, not because they leaked; its next life, if any, is judged at the end.
            case TraceKind.SeedState when stats.Nodes.RunEnded:
                _seedStates++;
                if (e.A > bounds.OpenProposalsMax)
                    _proposalsOpen ??= $"t={F(Sec(e.Time))} seed {e.Node} still had {e.A} open proposals at the end "
                        + $"(bound {bounds.OpenProposalsMax})";
                break;
            // Kept from the scenario's own settle time; those before a later crash's settle time are left out at the end.
            case TraceKind.GossipCreated:
                _lastCreatedSeconds = Math.Max(_lastCreatedSeconds, Sec(e.Time));
                if (Sec(e.Time) >= SettleSeconds && Sec(e.Time) <= bounds.RunEndSeconds - bounds.PropagationSeconds)
                {
                    _lateMessages[(e.Message, e.Time.Ticks)] = (e.Node, 0);
                    _lateReceivers.Created(e.Message, e.Time.Ticks, e.Node, stats.Nodes.Count);
                }
                break;
            case TraceKind.GossipDelivered when _lateMessages.Count > 0 && _lateMessages.TryGetValue((e.Message, e.B), out var m):
                _lateMessages[(e.Message, e.B)] = m with { deliveries = m.deliveries + 1 };
                _lateReceivers.Received(e.Message, e.B, stats.Nodes, e.Node);
                break;
        }
    }

    public List<CheckResult> Results()
    {
        var results = new List<CheckResult>();
        if (RemovalExcuse() is { } excuse)
        {
            results.Add(CheckResult.NotExercised(NoLiveRemoval, $"{excuse}, so a live peer may be removed; it must rejoin instead"));
            results.Add(RemovedPeersRejoined());
        }
        // Each removal of a live peer, not only its first, must be its own node's stall (one peer may be removed, rejoin and be
        // removed again).
        else if (stats.EveryLiveRemoval.Count > 0 && stats.EveryLiveRemoval.Select(r => StalledRemoval(r.peer, r.at)).ToList() is var stalls
            && stalls.All(x => x != null))
        {
            var (peer, at) = stats.EveryLiveRemoval[0];
            string first = $"t={F(at)} peer {peer}: {stalls[0]}";
            int peers = stats.LiveRemovals.Count;
            results.Add(CheckResult.NotExercised(NoLiveRemoval, peers == 1
                ? $"the live peer the seeds removed was {HeldUpWords} as long as a seed's probe waits ({first}), so it looked dead; "
                    + "it must rejoin instead"
                : $"the {peers} live peers the seeds removed were each {HeldUpWords} as long as a seed's probe "
                    + $"waits (the first, {first}), so they looked dead; they must rejoin instead"));
            results.Add(RemovedPeersRejoined());
        }
        else
        {
            // The same definition as summary.json's falseRemovals: RunStatistics alone decides what a live peer is.
            results.Add(CheckResult.Of(NoLiveRemoval, stats.FirstFalseRemoval, "no seed removed a peer that had not crashed or left",
                "no seed removes a peer that has not crashed or left"));
        }
        results.Add(_commits == 0
            ? CheckResult.NotExercised(MajorityCommits, "no seed committed a membership change")
            : CheckResult.Of(MajorityCommits, _minorityCommit, $"all {_commits:N0} commits had floor(n/2)+1 votes",
            "a commit needs floor(n/2)+1 votes"));
        var lists = stats.LiveSeedLists();
        results.Add(SeedsAgree(lists));
        results.Add(MembershipConverged(lists));
        results.Add(CrashedPeersRemoved());
        results.Add(NewGossipReachesEveryone());
        results.Add(_peerStates == 0
            ? CheckResult.NotExercised(MessageListsBounded, "no peer traced its final state")
            : CheckResult.Of(MessageListsBounded, _messageListOverflow,
            $"{_peerStates:N0} peers' Message Lists stayed within {bounds.MessageListCapacity:N0} entries",
                $"a Message List holds at most {bounds.MessageListCapacity:N0} entries"));
        results.Add(_seedStates == 0
            ? CheckResult.NotExercised(ProposalsDrain, "no seed traced its final state")
            : CheckResult.Of(ProposalsDrain, _proposalsOpen, $"at most {bounds.OpenProposalsMax} open proposals per seed at the end",
                $"at most {bounds.OpenProposalsMax} open proposals per seed at the end"));
        return results;
    }

    /// <summary>Why the run may remove a live peer (then "no live peer removed" cannot be held to), or null.</summary>
    private string? RemovalExcuse() =>
        bounds.HadPartition ? "the run partitioned the network"
        : bounds.HadSlowNetwork ? "a latency spike made round trips longer than the probe timeouts"
        : bounds.MaxLoss > bounds.LossBound ? $"loss reached {bounds.MaxLoss:P0}, above the {bounds.LossBound:P0} bound"
        : null;

    private const string HeldUpWords = "held up by the machine";

    /// <summary>Whether <paramref name="check"/> is "no live peer removed" not exercised because every live peer removed had its own
    /// node held up by the machine (what a test on a loaded machine accepts, with the rejoin then owed).</summary>
    public static bool MachineHeldUp(CheckResult check) =>
        check.Name == NoLiveRemoval && check.Verdict == CheckVerdict.NotExercised && check.Detail.Contains(HeldUpWords, StringComparison.Ordinal);

    /// <summary>
    /// A live peer's removal at <paramref name="at"/> its own node's stall explains, in words (how long it was held up), or null. The
    /// seeds vote a peer out when it has answered neither its neighbours' pings nor any seed's probe: a real node its machine did
    /// not run for a seed's whole probe time (held-up lines of its own, within the removal bound before the removal) could not
    /// answer, and from outside it was as dead as a crashed one; a shorter stall explains nothing. The simulator traces no
    /// held-up line, so there every removal of a live peer fails the check. Public for a test that judges removals itself (a
    /// partition excuses every removal in the check; its test tells the cut-off side from peers the machine held up).
    /// </summary>
    public string? StalledRemoval(NodeAddress peer, double at)
    {
        if (!_heldUpByNode.TryGetValue(peer, out var held) || bounds.SeedProbeSeconds <= 0) return null;
        double stalled = held.In(at - bounds.RemovalBoundSeconds, at);
        return stalled >= bounds.SeedProbeSeconds
            ? $"held up {F(stalled)} s in the {F(bounds.RemovalBoundSeconds)} s before, a seed's probe waits {F(bounds.SeedProbeSeconds)} s"
            : null;
    }

    private CheckResult RemovedPeersRejoined()
    {
        int checkedCount = 0, tooLate = 0, gone = 0;
        // Each peer's last removal: one removed again near the end owes no rejoin yet, whatever its first removal.
        var lastRemovals = stats.EveryLiveRemoval.GroupBy(r => r.peer).Select(g => g.Last()).ToList();
        foreach (var (peer, at) in lastRemovals)
        {
            if (stats.Nodes.Find(peer) is not { IsUp: true } state) { gone++; continue; } // crashed or left since: no rejoin owed
            if (at + bounds.RejoinBoundSeconds > bounds.RunEndSeconds) { tooLate++; continue; }
            checkedCount++;
            // Removed only by seeds voted out since, and listed by the set in force: it never stopped being a member there.
            bool keptBySetInForce = state.ListedBy != 0 && stats.RemovedOnlyBySeedsVotedOut(peer);
            if (!keptBySetInForce && (state.Removed || state.ListedBy == 0))
                return CheckResult.Fail(Rejoined, $"a live peer the seeds removed rejoins within {F(bounds.RejoinBoundSeconds)} s",
                    $"t={F(at)} seeds removed live peer {peer}; by the end (t={F(bounds.RunEndSeconds)}) it "
                        + $"had {(state.Removed ? "not rejoined" : "rejoined but no seed lists it")}");
        }
        if (checkedCount > 0)
            return CheckResult.Pass(Rejoined, $"all {checkedCount} live peers the seeds removed rejoined");
        return CheckResult.NotExercised(Rejoined, lastRemovals.Count == 0
            ? "no live peer was removed, so none had to rejoin"
            : $"of {lastRemovals.Count} removed live peers, {gone} crashed or left later and {tooLate} were removed less "
            + $"than {F(bounds.RejoinBoundSeconds)} s before the end");
    }

    private static CheckResult SeedsAgree(IReadOnlyList<SeedList> live)
    {
        if (live.Count < 2)
            return CheckResult.NotExercised(SeedsAgreeName, live.Count == 0 ? "no live seed traced its final peer list"
                : "only one live seed traced its final peer list: nothing to compare");
        if (RunStatistics.Agree(live))
            return CheckResult.Pass(SeedsAgreeName, $"{live.Count} live seeds hold the same {live[0].Members:N0} peers");
        var first = live[0];
        var d = live.First(x => x.Members != first.Members || x.Digest != first.Digest);
        return CheckResult.Fail(SeedsAgreeName, "every live seed ends with the same peer list",
            $"t={F(d.AtSeconds)} seed {d.Seed} holds {d.Members} peers (digest {d.Digest:x}) but seed {first.Seed} "
                + $"holds {first.Members} (digest {first.Digest:x})");
    }

    /// <summary>
    /// Every live seed lists the live peers, and beside them at most the crashed peers whose removal the run ended too soon to
    /// judge (<see cref="JudgedCrashes()"/>: a crash nobody could report is promised removal only by its certificate's silence, which
    /// may outlast the run); "crashed peers removed in time" holds those to their bound when the run is long enough.
    /// </summary>
    private CheckResult MembershipConverged(IReadOnlyList<SeedList> live)
    {
        if (live.Count == 0) return CheckResult.NotExercised(ListsLivePeers, "no live seed traced its final peer list");
        int livePeers = stats.LivePeersAtEnd().Count();
        int pending = JudgedCrashes().Count(c => c.Pending);
        int rejoining = StillRejoining();
        return live.Where(d => d.Members < livePeers - rejoining || d.Members > livePeers + pending).Select(d => (SeedList?)d)
            .FirstOrDefault() is { } wrong
            ? CheckResult.Fail(ListsLivePeers, "every live seed lists exactly the peers alive at the end",
                $"t={F(wrong.AtSeconds)} seed {wrong.Seed} lists {wrong.Members} peers but {livePeers} are alive"
                    + (pending > 0 ? $" and {pending} crashed too recently to judge" : "")
                    + (rejoining > 0 ? $" and {rejoining} held up by the machine, removed and still rejoining" : ""))
            : CheckResult.Pass(ListsLivePeers, $"{livePeers:N0} live peers, all listed by {live.Count} live seeds"
                + (pending > 0 ? $" (and {pending} crashed peer{(pending == 1 ? "" : "s")} still listed before {(pending == 1 ? "its" : "their")} "
                    + "removal bound ran out: too soon to tell)" : "")
                + (rejoining > 0 ? $" but {rejoining} the machine held up, removed less than {F(bounds.RejoinBoundSeconds)} s before the end "
                    + "and still rejoining (too soon to tell)" : ""));
    }

    /// <summary>The removals of live peers their own machine held up (<see cref="StalledRemoval"/>; real nodes only), with when, each
    /// of them (a peer may be removed, rejoin and be removed again): they owe a rejoin within its bound, and until then no seed lists
    /// them and new gossip may miss them.</summary>
    private List<(NodeAddress peer, double at)> StalledRemovals() =>
        _stalledRemovals ??= stats.EveryLiveRemoval.Where(r => StalledRemoval(r.peer, r.at) != null).ToList();

    private List<(NodeAddress peer, double at)>? _stalledRemovals;

    /// <summary>Peers the machine held up and the seeds removed, not listed again at the end, whose rejoin bound outlasts the run:
    /// too soon to tell (the rejoin check judges the others).</summary>
    private int StillRejoining() => StalledRemovals().Where(r => r.at + bounds.RejoinBoundSeconds > bounds.RunEndSeconds)
        .Select(r => r.peer).Distinct().Count(p => stats.Nodes.Find(p) is { IsUp: true } state && (state.Removed || state.ListedBy == 0));

    /// <summary>What the crashed-removed check holds the run to, as its failure line says it.</summary>
    private string RemovedWithin => $"a crashed peer is removed within {F(bounds.RemovalBoundSeconds)} s of max(crash, faults end), or "
        + $"{F(bounds.UnwatchedRemovalBoundSeconds)} s when no live peer was linked to it"
        + (bounds.SecondsPerWatchRoundStep > 0 ? $" ({F(bounds.SecondsPerWatchRoundStep)} s more per neighbour past "
            + $"{bounds.WatchRoundCovered} in its watchers' shortest probe round)" : "");

    /// <summary>A peer crash the removal check looks at: its bound's deadline, and whether it was still listed when the run ended
    /// before that deadline (too soon to tell).</summary>
    private readonly record struct JudgedCrash(FailureRecord Crash, double Bound, double HeldUp, double Deadline, bool Pending);

    private List<JudgedCrash> JudgedCrashes() => JudgedCrashes(out _, out _, out _);

    /// <summary>What became of each peer crash: skipped (<paramref name="unlisted"/>, <paramref name="restarted"/>) or judged.</summary>
    private List<JudgedCrash> JudgedCrashes(out int peerCrashes, out int unlisted, out int restarted)
    {
        var live = stats.LivePeersAtEnd().Select(p => p.peer).ToHashSet();
        // Listed at its crash only by seeds that a seed-set change left out by the end (one cut off from the vote had not heard it
        // yet), a peer is listed by no seed of the set in force, whose seeds may have removed it before (swarm seed 2, run 1076: a
        // peer removed behind a partition crashed before it rejoined, listed only by the seed being voted out beside it).
        UInt128 inForce = ~stats.Nodes.VotedOutSeedBits();
        var judged = new List<JudgedCrash>();
        peerCrashes = unlisted = restarted = 0;
        for (int i = 0; i < stats.Failures.Count; i++)
        {
            var f = stats.Failures[i];
            if (f.Role != "peer") continue;
            peerCrashes++;
            // A launcher can kill a node before it listens (under load): it had no address, so it was never a member.
            if (!NodeAddress.TryParse(f.Node, out var node, out _)) { unlisted++; continue; }
            if (live.Contains(node)) { restarted++; continue; } // restarted since: nothing to remove
            // Not a member when it crashed, and none since: nothing to remove. One whose add (a registration or rejoin under way at
            // the crash) was applied after it died is a member nobody could report as one at the crash: its certificate's silence
            // removes it (swarm seed 2026, run 722: a peer crashed 0.3 s before its rejoin's add was committed).
            bool listedAtCrash = (_listersAtCrash[i] & inForce) != 0;
            bool addedAfterDeath = !listedAtCrash && stats.Nodes.Find(node) is { Life: Trace.NodeLife.Crashed } state && state.ListedBy != 0;
            if (!listedAtCrash && !addedAfterDeath) { unlisted++; continue; }
            // A peer nobody could report (every peer linked to it crashed with it) is found by its certificate's silence instead.
            double bound = f.Unwatched == true || addedAfterDeath ? bounds.UnwatchedRemovalBoundSeconds : bounds.RemovalBoundSeconds;
            // SWIM: a watcher probes its neighbours in turn, so one whose every watcher is a hub is found a round later.
            if (f.Unwatched != true && f.WatchRound is { } round && round > bounds.WatchRoundCovered)
                bound += (round - bounds.WatchRoundCovered) * bounds.SecondsPerWatchRoundStep;
            double start = Math.Max(f.At, FaultsEndedSeconds);
            // A real node held up by its machine meanwhile did the protocol's steps that much later (the simulator traces none).
            double heldUp = _heldUp.Within(start, bound);
            double deadline = start + bound + heldUp;
            // Started again before any seed removed it, by the bound: the seeds take its new incarnation in place of the old one.
            if (f.RestartedAt is { } back && back <= deadline) { restarted++; continue; }
            // Still listed when the run ended before the bound ran out: too soon to tell. A removal the trace shows is judged.
            judged.Add(new JudgedCrash(f, bound, heldUp, deadline, f.RemovedAt == null && deadline > bounds.RunEndSeconds));
        }
        return judged;
    }

    private CheckResult CrashedPeersRemoved()
    {
        var judged = JudgedCrashes(out int peerCrashes, out int unlisted, out int restarted);
        int checkedCount = 0, unwatched = 0;
        var pending = new List<(FailureRecord Crash, double Deadline)>();
        double heldUpMost = 0;
        foreach (var (f, bound, heldUp, deadline, isPending) in judged)
        {
            if (isPending) { pending.Add((f, deadline)); continue; }
            checkedCount++;
            heldUpMost = Math.Max(heldUpMost, heldUp);
            if (f.Unwatched == true) unwatched++;
            if (f.RemovedAt is not { } removed || removed > deadline)
                return CheckResult.Fail(CrashedRemoved, RemovedWithin,
                    $"t={F(f.At)} peer {f.Node} crashed{(f.Unwatched == true ? " with no live peer linked to it" : "")}"
                        + $"{(f.WatchRound is { } r0 && r0 > bounds.WatchRoundCovered ? $" (its watchers' shortest probe round: {r0} neighbours)" : "")}; "
                        + $"{(f.RemovedAt is { } r ? $"removed only at {F(r)} s" : "never removed")}, "
                        + $"bound {F(deadline)} s (= max(crash, faults end {F(FaultsEndedSeconds)}) + {F(bound)} s"
                        + (heldUp > 0 ? $" + {F(heldUp)} s the nodes were held up by the machine, their timers late" : "") + ")");
        }
        if (checkedCount > 0)
            return CheckResult.Pass(CrashedRemoved, $"{checkedCount} crashed peer{(checkedCount == 1 ? "" : "s")} removed "
                + $"within {F(bounds.RemovalBoundSeconds)} s of max(crash, faults end)"
                + (unwatched > 0 ? $" ({unwatched} with no live peer linked to it, within {F(bounds.UnwatchedRemovalBoundSeconds)} s)" : "")
                + (heldUpMost > 0 ? $", plus the time the machine held the nodes up (their timers late; at most {F(heldUpMost)} s)" : ""));
        if (peerCrashes == 0) return CheckResult.NotExercised(CrashedRemoved, "no peer crashed");
        var why = new List<string>();
        if (pending.Count > 0)
        {
            var (first, deadline) = pending[0];
            why.Add(pending.Count == 1
                ? $"peer {first.Node} crashed at t={F(first.At)} s and was still listed when the run ended at t={F(bounds.RunEndSeconds)} s, "
                    + $"before its bound ran out at t={F(deadline)} s (a run must last until then to judge it)"
                : $"{pending.Count} crashed peers were still listed when the run ended at t={F(bounds.RunEndSeconds)} s, before their "
                    + $"bound ran out (the first, peer {first.Node}, at t={F(deadline)} s)");
        }
        if (unlisted > 0) why.Add($"{unlisted} {(unlisted == 1 ? "was" : "were")} never listed by a seed, so there was nothing to remove");
        if (restarted > 0) why.Add($"{restarted} restarted before the end, so {(restarted == 1 ? "it was" : "they were")} no longer dead");
        return CheckResult.NotExercised(CrashedRemoved, $"of {peerCrashes} crashed peer{(peerCrashes == 1 ? "" : "s")}, "
            + string.Join("; ", why));
    }

    /// <summary>What the liveness window counts from, in words: the latest fault the trace shows, or the end of the scenario's
    /// faults when that is later, or the run's start when there was neither.</summary>
    private string SettleBasis
    {
        get
        {
            double basis = Math.Max(FaultsEndedSeconds, _lastCrashSeconds);
            if (_lastFault != null && basis == Math.Max(_lastNetworkChangeSeconds, _lastCrashSeconds)) return _lastFault;
            return basis > 0 ? $"the end of the scenario's faults at t={F(basis)} s" : "the run's start (no fault)";
        }
    }

    private static string NetworkChange(in TraceEvent e) => e.Kind switch
    {
        TraceKind.Partitioned => "partition",
        TraceKind.Healed => "heal of the partition",
        TraceKind.LossChanged => $"loss change to {e.Detail}",
        _ => $"latency change ({e.Detail})",
    };

    private CheckResult NewGossipReachesEveryone()
    {
        double settle = SettleSeconds, last = bounds.RunEndSeconds - bounds.PropagationSeconds;
        var late = _lateMessages.Where(kv => Sec(TimeSpan.FromTicks(kv.Key.created)) >= settle).OrderBy(kv => kv.Key.created).ToList();
        string from = $"{SettleBasis} plus the removal bound of {F(bounds.RemovalBoundSeconds)} s";
        if (settle > last)
            return CheckResult.NotExercised(NewGossipReachesAll,
                $"the run ended at t={F(bounds.RunEndSeconds)} s, too soon after {SettleBasis}: a message is judged once the heal has "
                    + $"settled ({from}, t={F(settle)} s) and when created {F(bounds.PropagationSeconds)} s before the end, so the run "
                    + $"had to last until t={F(settle + bounds.PropagationSeconds)} s");
        if (late.Count == 0)
            return CheckResult.NotExercised(NewGossipReachesAll,
                $"no message was created after the heal settled (t >= {F(settle)} s: {from}) and {F(bounds.PropagationSeconds)} s "
                    + $"before the end (t <= {F(last)} s); "
                    + (_lastCreatedSeconds == double.NegativeInfinity ? "no message was created at all"
                        : $"the last message was created at t={F(_lastCreatedSeconds)} s"));
        var eligible = stats.LivePeersAtEnd().Select(p => p.eligibleFromTicks).OrderBy(x => x).ToArray();
        var live = stats.LivePeersAtEnd().ToDictionary(p => p.peer, p => p.eligibleFromTicks);
        // A live peer its machine held up until the seeds removed it misses what is created from its stall (a removal bound before
        // its removal) until it has rejoined and linked again (a rejoin bound after, and the message's propagation time).
        var stalled = StalledRemovals().Where(r => live.ContainsKey(r.peer)).ToList();
        int excusedMost = 0, fromStalled = 0;
        foreach (var ((id, created), m) in late)
        {
            double at = Sec(TimeSpan.FromTicks(created));
            bool InWindow((NodeAddress peer, double at) r) =>
                at >= r.at - bounds.RemovalBoundSeconds && at <= r.at + bounds.RejoinBoundSeconds + bounds.PropagationSeconds;
            // Made by such a peer in that window, a message goes out of a node its machine did not run and whose links its neighbours
            // drop: how far it spreads is the stall's (MyLab under a local CI: one reached 15 of 28 peers, its origin held up 8.4 s of
            // 8.5 s and removed twice around it).
            if (stalled.Any(r => r.peer == m.origin && InWindow(r))) { fromStalled++; continue; }
            int excused = stalled.Where(r => live[r.peer] <= created && InWindow(r)).Select(r => r.peer).Distinct().Count();
            excusedMost = Math.Max(excusedMost, excused);
            int expected = TrackedMessages.Owed(eligible, created, stats.Nodes, m.origin);
            int reached = _lateReceivers.Reached(stats.Nodes, id, created) ?? m.deliveries;
            if (reached < expected - excused)
                return CheckResult.Fail(NewGossipReachesAll, $"a message created after the heal settled (t "
                    + $">= {F(settle)} s) reaches every live peer",
                    $"t={F(at)} message {id} reached {reached} of {expected} live peers"
                        + (excused > 0 ? $" ({excused} of them held up by the machine and removed, rejoining: not counted)" : ""));
        }
        if (fromStalled == late.Count)
            return CheckResult.NotExercised(NewGossipReachesAll, $"each of the {late.Count:N0} messages created after the heal settled "
                + "was made by a peer its machine held up until the seeds removed it, meanwhile: none could be judged");
        return CheckResult.Pass(NewGossipReachesAll, $"{late.Count - fromStalled:N0} messages created after the heal settled (t >= "
            + $"{F(settle)} s) reached every live peer" + (excusedMost > 0 ? $" but those the machine held up until the seeds removed them, "
                + $"while they rejoined (at most {excusedMost} a message)" : "")
            + (fromStalled > 0 ? $"; {fromStalled} made by such a peer meanwhile not judged" : "")
            + (_lateReceivers.Unmeasured > 0 ? $"; {_lateReceivers.Unmeasured:N0} judged by their count of receipts (who received them "
                + $"would take more than {LateReceiversBudget >> 20} MiB)" : ""));
    }
}
