using System.Globalization;
using GossipSim.Analysis.Stats;
using GossipSim.Analysis.Trace;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;

namespace GossipSim.Analysis.Checks;

/// <summary>
/// Jepsen-style checkers: record what happened (the trace), check it afterwards. Each check
/// reports pass/fail and, on failure, the first violation with its time, node and event. The
/// same checks run over simulated and real traces. What each node is (role, life, which seeds
/// list it) comes from the statistics' fold, <see cref="RunStatistics.Nodes"/>, fed the same events.
/// </summary>
public sealed class TraceChecks(CheckBounds bounds, RunStatistics stats, TimeSpan origin = default) : ITraceSink
{
    private string? _minorityCommit;
    private string? _messageListOverflow;
    private string? _proposalsOpen;
    private readonly Dictionary<(MessageId id, long created), (NodeAddress origin, int deliveries)> _lateMessages = new();
    private readonly Dictionary<NodeAddress, (long members, long digest, double t)> _digests = new();
    /// <summary>
    /// For each crash, in trace order (the order of RunStatistics.Failures, which sees the same
    /// events): whether any seed listed the node then. An unlisted crashed peer needs no removal.
    /// </summary>
    private readonly List<bool> _listedAtCrash = new();

    private double Sec(TimeSpan t) => (t - origin).TotalSeconds;
    private static string F(double v) => v.ToString("F3", CultureInfo.InvariantCulture);
    private double SettleSeconds => bounds.FaultsEndSeconds + bounds.RemovalBoundSeconds;

    public void Write(in TraceEvent e)
    {
        switch (e.Kind)
        {
            case TraceKind.Committed when !Quorum.Reached((int)e.A, (int)e.B):
                _minorityCommit ??= $"t={F(Sec(e.Time))} seed {e.Node} committed {e.Detail} {e.Peer} with {e.A} of {e.B} votes";
                break;
            case TraceKind.CrashInjected:
                // The crash does not change who lists the node, so the fold may have seen it already or not.
                _listedAtCrash.Add(stats.Nodes.Find(e.Node) is { ListedBy: var listed } && listed != 0);
                break;
            case TraceKind.PeerState when e.B > bounds.MessageListCapacity:
                _messageListOverflow ??= $"t={F(Sec(e.Time))} peer {e.Node} held {e.B} Message List entries (cap {bounds.MessageListCapacity})";
                break;
            case TraceKind.SeedState when e.A > bounds.OpenProposalsMax:
                _proposalsOpen ??= $"t={F(Sec(e.Time))} seed {e.Node} still had {e.A} open proposals at the end (bound {bounds.OpenProposalsMax})";
                break;
            case TraceKind.SeedDigest:
                _digests[e.Node] = (e.A, e.B, Sec(e.Time));
                break;
            case TraceKind.GossipCreated when Sec(e.Time) >= SettleSeconds && Sec(e.Time) <= bounds.RunEndSeconds - bounds.PropagationSeconds:
                _lateMessages[(e.Message, e.Time.Ticks)] = (e.Node, 0);
                break;
            case TraceKind.GossipDelivered when _lateMessages.Count > 0 && _lateMessages.TryGetValue((e.Message, e.B), out var m):
                _lateMessages[(e.Message, e.B)] = m with { deliveries = m.deliveries + 1 };
                break;
        }
    }

    public List<CheckResult> Results()
    {
        var results = new List<CheckResult>();
        bool lossInBound = bounds.MaxLoss <= bounds.LossBound;
        // The same definition as summary.json's falseRemovals: RunStatistics alone decides what a live peer is.
        string? falseRemoval = stats.FirstFalseRemoval;
        if (lossInBound && !bounds.HadPartition && !bounds.HadSlowNetwork)
            results.Add(Check("safety: no live peer removed", falseRemoval, "no seed removed a peer that had not crashed or left"));
        else
            results.Add(new CheckResult("safety: no live peer removed", true,
                $"not applicable: {(bounds.HadPartition ? "the run partitioned the network" : bounds.HadSlowNetwork ? "a latency spike made round trips longer than the probe timeouts" : $"loss reached {bounds.MaxLoss:P0}, above the {bounds.LossBound:P0} bound")}; " +
                (falseRemoval == null ? "and none was removed" : $"a live peer was removed ({falseRemoval}), which the membership check requires to rejoin")));
        results.Add(Check("safety: every commit had a majority of seeds", _minorityCommit, "every commit had floor(n/2)+1 votes"));
        results.Add(SeedsAgree());
        results.Add(MembershipConverged());
        results.Add(CrashedPeersRemoved());
        results.Add(NewGossipReachesEveryone());
        results.Add(Check("bounded memory: Message Lists within their cap", _messageListOverflow, $"every peer's Message List stayed within {bounds.MessageListCapacity} entries"));
        results.Add(Check("bounded memory: pending proposals drain", _proposalsOpen, $"at most {bounds.OpenProposalsMax} open proposals per seed at the end"));
        return results;
    }

    private static CheckResult Check(string name, string? violation, string okDetail) =>
        new(name, violation == null, violation ?? okDetail);

    private IEnumerable<KeyValuePair<NodeAddress, (long members, long digest, double t)>> LiveSeedDigests() =>
        _digests.Where(d => stats.Nodes.Find(d.Key) is not { Life: NodeLife.Crashed }).OrderBy(d => d.Key);

    private CheckResult SeedsAgree()
    {
        var live = LiveSeedDigests().ToList();
        if (live.Count == 0) return new("heal: live seeds agree", false, "no live seed traced its final peer list");
        var first = live[0];
        foreach (var d in live.Skip(1))
            if (d.Value.members != first.Value.members || d.Value.digest != first.Value.digest)
                return new("heal: live seeds agree", false,
                    $"t={F(d.Value.t)} seed {d.Key} holds {d.Value.members} peers (digest {d.Value.digest:x}) but seed {first.Key} holds {first.Value.members} (digest {first.Value.digest:x})");
        return new("heal: live seeds agree", true, $"{live.Count} live seeds hold the same {first.Value.members} peers");
    }

    private CheckResult MembershipConverged()
    {
        int livePeers = stats.LivePeersAtEnd().Count();
        var live = LiveSeedDigests().ToList();
        var wrong = live.FirstOrDefault(d => d.Value.members != livePeers);
        return wrong.Value == default
            ? new("heal: seeds list exactly the live peers", true, $"{livePeers} live peers, all listed")
            : new("heal: seeds list exactly the live peers", false, $"t={F(wrong.Value.t)} seed {wrong.Key} lists {wrong.Value.members} peers but {livePeers} are alive");
    }

    private CheckResult CrashedPeersRemoved()
    {
        var live = stats.LivePeersAtEnd().Select(p => p.peer).ToHashSet();
        int checkedCount = 0;
        for (int i = 0; i < stats.Failures.Count; i++)
        {
            var f = stats.Failures[i];
            if (f.Role != "peer") continue;
            var node = NodeAddress.Parse(f.Node);
            if (live.Contains(node)) continue; // restarted since: nothing to remove
            if (!_listedAtCrash[i]) continue; // not a member when it crashed
            double deadline = Math.Max(f.At, bounds.FaultsEndSeconds) + bounds.RemovalBoundSeconds;
            if (deadline > bounds.RunEndSeconds) continue; // the run ended before the bound ran out
            checkedCount++;
            if (f.RemovedAt is not { } removed || removed > deadline)
                return new("liveness: crashed peers removed in time", false,
                    $"t={F(f.At)} peer {f.Node} crashed; {(f.RemovedAt is { } r ? $"removed only at {F(r)} s" : "never removed")}, bound {F(deadline)} s (= max(crash, faults end {F(bounds.FaultsEndSeconds)}) + {F(bounds.RemovalBoundSeconds)} s)");
        }
        return new("liveness: crashed peers removed in time", true,
            checkedCount == 0 ? "no crash to check" : $"{checkedCount} crashed peers removed within {F(bounds.RemovalBoundSeconds)} s of max(crash, faults end)");
    }

    private CheckResult NewGossipReachesEveryone()
    {
        const string name = "liveness: every live peer receives every new message";
        if (_lateMessages.Count == 0) return new(name, true, $"not applicable: no message was created after the heal settled (t >= {F(SettleSeconds)} s) and {F(bounds.PropagationSeconds)} s before the end");
        var eligible = stats.LivePeersAtEnd().Select(p => p.eligibleFromTicks).OrderBy(x => x).ToArray();
        var live = stats.LivePeersAtEnd().Select(p => p.peer).ToHashSet();
        foreach (var ((id, created), m) in _lateMessages.OrderBy(kv => kv.Key.created))
        {
            int expected = eligible.Count(x => x <= created) - (live.Contains(m.origin) ? 1 : 0);
            if (m.deliveries < expected)
                return new(name, false, $"t={F(Sec(TimeSpan.FromTicks(created)))} message {id} reached {m.deliveries} of {expected} live peers");
        }
        return new(name, true, $"{_lateMessages.Count} messages created after the heal reached every live peer");
    }
}
