using System.Numerics;
using GossipSim.Analysis.Summary;
using GossipSim.Analysis.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Stats;

/// <summary>
/// Messages whose reach the summary gives one by one (those created during a failure, the first ones after a crash): for each,
/// which nodes received it, a bit per node of the trace fold. A share then counts the receivers its denominator counts (peers up at
/// the end and linked by the message's creation) and no other: a peer that received it and crashed or left later, or that linked
/// after it was created, is in neither. A count of receipts was in the numerator alone, and capped at 1 (sim-churn: 3,741 of 8,503
/// messages had more receipts than peers owed them, 66,155 of the extra receipts at peers down by the end). A message is known by
/// its id and its creation, as receipts name it: a restarted origin numbers its messages from 1 again.
/// </summary>
internal sealed class TrackedMessages
{
    /// <summary>What the receivers' bits may take in all by default (a bit for each node the fold names as the message is
    /// created): past it, a new message is counted as not measured rather than tracked. A run of 10^5 nodes measures about 5,000
    /// messages in it, 10^7 nodes 50 (sim-10m's two take 2.5 MB).</summary>
    public const long BudgetBytes = 64L << 20;

    private sealed class Tracked(long created, NodeAddress origin)
    {
        public readonly long Created = created;
        public readonly NodeAddress Origin = origin;
        public ulong[] Receivers = [];
    }

    private readonly Dictionary<(MessageId, long), Tracked> _messages = new();
    private readonly int _cap;
    private readonly long _budget;
    private long _bytes;
    private int _unmeasured;

    /// <param name="cap">The most messages tracked (0: no cap but the budget); the ones after it are not counted at all.</param>
    /// <param name="budgetBytes">What the receivers' bits may take in all (<see cref="BudgetBytes"/> by default).</param>
    public TrackedMessages(int cap = 0, long budgetBytes = BudgetBytes)
    {
        _cap = cap;
        _budget = budgetBytes;
    }

    /// <summary>Messages tracked, or found past the budget.</summary>
    public int Count => _messages.Count + _unmeasured;

    /// <summary>Messages found past the budget, so not tracked.</summary>
    public int Unmeasured => _unmeasured;

    /// <summary>Starts tracking a message just created (at <paramref name="created"/> ticks), while the fold names
    /// <paramref name="nodes"/> nodes.</summary>
    public void Created(MessageId id, long created, NodeAddress origin, int nodes)
    {
        if (_cap > 0 && Count >= _cap) return;
        long bytes = (nodes + 63) / 64 * 8L;
        if (_bytes + bytes > _budget) { _unmeasured++; return; }
        _bytes += bytes;
        _messages[(id, created)] = new Tracked(created, origin);
    }

    /// <summary>Notes that <paramref name="receiver"/> received the message created at <paramref name="created"/> ticks, if it is
    /// tracked (most receipts are of messages that are not: they cost the one lookup).</summary>
    public void Received(MessageId id, long created, TraceFold fold, NodeAddress receiver)
    {
        if (!_messages.TryGetValue((id, created), out var m) || !fold.TryIndexOf(receiver, out int node)) return;
        int word = node >> 6;
        if (word >= m.Receivers.Length)
        {
            Array.Resize(ref m.Receivers, Math.Max(word + 1, m.Receivers.Length * 2));
        }
        m.Receivers[word] |= 1UL << node;
    }

    /// <summary>For each message, the share of the peers up at the end and linked by its creation (<paramref name="eligibleFrom"/>,
    /// sorted: when each such peer was linked), its origin excluded, that received it; null when no message was created.</summary>
    public FailureReliability? Reliability(TraceFold fold, long[] eligibleFrom)
    {
        if (Count == 0) return null;
        var shares = new List<double>(_messages.Count);
        foreach (var m in _messages.Values)
        {
            int owed = Owed(eligibleFrom, m.Created, fold, m.Origin);
            shares.Add(owed > 0 ? (double)Reached(fold, m) / owed : 1.0);
        }
        return new FailureReliability
        {
            Messages = shares.Count,
            Reliability = shares.Count > 0 ? shares.Average() : 1.0,
            Lowest = shares.Count > 0 ? shares.Min() : 1.0,
            NotMeasured = _unmeasured > 0 ? _unmeasured : null,
        };
    }

    /// <summary>Of a tracked message's receivers, those a share owes it to (see <see cref="Reached(TraceFold, Tracked)"/>); null
    /// when it is not tracked (past the budget).</summary>
    public int? Reached(TraceFold fold, MessageId id, long created) =>
        _messages.TryGetValue((id, created), out var m) ? Reached(fold, m) : null;

    /// <summary>The receivers the share owes the message to: peers up at the end, linked by its creation, not its origin.</summary>
    private static int Reached(TraceFold fold, Tracked m)
    {
        if (!fold.TryIndexOf(m.Origin, out int origin)) origin = -1;
        int reached = 0;
        for (int w = 0; w < m.Receivers.Length; w++)
        {
            for (ulong bits = m.Receivers[w]; bits != 0; bits &= bits - 1)
            {
                int i = (w << 6) + BitOperations.TrailingZeroCount(bits);
                if (i != origin && IsOwed(fold.StateAt(i), m.Created)) reached++;
            }
        }
        return reached;
    }

    /// <summary>The peers a message <paramref name="origin"/> created at <paramref name="created"/> ticks is owed to: those up at the
    /// end and linked by then (<paramref name="eligibleFrom"/>, sorted: when each peer up at the end was linked), its origin left out
    /// where it is one of them. The delivery ratio, these shares and the check of new gossip all count with it.</summary>
    public static int Owed(long[] eligibleFrom, long created, TraceFold fold, NodeAddress origin) =>
        UpperBound(eligibleFrom, created) - (IsOwed(fold.Find(origin), created) ? 1 : 0);

    /// <summary>Whether a node is one a message created at <paramref name="created"/> ticks is owed to: a peer up at the end, linked
    /// by then.</summary>
    private static bool IsOwed(NodeState? n, long created) => n is { IsPeer: true, IsUp: true } && n.LinkedSinceTicks <= created;

    /// <summary>How many of <paramref name="sorted"/> are at most <paramref name="value"/>.</summary>
    private static int UpperBound(long[] sorted, long value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
