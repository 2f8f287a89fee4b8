using GossipSim.Engine.Collections;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Membership;

/// <summary>
/// The committed operations a seed knows, per proposer log (proposer, epoch), with how far
/// each log is held without gaps. Anti-entropy (R5) compares these watermarks and ships
/// exactly the missing operations; a seed that was down or partitioned catches up from them.
/// </summary>
public sealed class CommitLog
{
    /// <summary>
    /// One proposer log. The contiguous part keeps only each operation and a reference to its
    /// proof (shared between commits in the simulator), 24 bytes together: its proposer, epoch
    /// and sequence are the log's own and its position, so they are rebuilt on reading.
    /// </summary>
    private sealed class Log(LogId id)
    {
        private readonly PagedList<LoggedOp> _contiguous = new();
        public readonly AheadOps Ahead = new();
        public int ContiguousCount => _contiguous.Count;
        public CommittedOp ContiguousAt(long sequence)
        {
            var op = _contiguous[(int)sequence - 1];
            return new(id.Proposer, id.Epoch, sequence, op.Op, op.Proof);
        }
        public void Append(CommittedOp op) => _contiguous.Add(new LoggedOp(op.Op, op.Proof));
    }

    /// <summary>
    /// An operation as its log holds it, 24 bytes: the change fills what the address leaves of
    /// its eight bytes. As a <see cref="MembershipOp"/> (24 bytes) beside its proof's reference it
    /// took 32, and every seed holds every join twice over (both seeds that registered a peer
    /// commit it): 48 bytes a peer at three seeds (docs/performance.md, section 4).
    /// </summary>
    private readonly struct LoggedOp(MembershipOp op, CommitProof? proof)
    {
        private readonly uint _ip = op.Peer.Address.Ip;
        private readonly ushort _port = op.Peer.Address.Port;
        private readonly MembershipChange _change = op.Change;
        private readonly long _incarnation = op.Peer.Incarnation;
        public readonly CommitProof? Proof = proof;

        public MembershipOp Op => new(_change, new PeerId(new NodeAddress(_ip, _port), _incarnation));
    }

    private readonly SortedDictionary<LogId, Log> _logs = new();

    public long TotalOps { get; private set; }

    /// <summary>Operations held past a gap in their log: a few while commits arrive out of order, none once they have landed.</summary>
    public long OpsPastGaps => _logs.Values.Sum(l => (long)l.Ahead.Count);

    /// <summary>Records an operation; false if it was already known (a duplicate or retry).</summary>
    public bool Add(CommittedOp op)
    {
        var id = new LogId(op.Proposer, op.Epoch);
        if (!_logs.TryGetValue(id, out var log)) _logs[id] = log = new Log(id);
        long held = log.ContiguousCount;
        if (op.Sequence <= held || log.Ahead.Contains(op.Sequence)) return false;
        if (op.Sequence == held + 1)
        {
            log.Append(op);
            while (log.Ahead.Count > 0 && log.Ahead.TryTake(log.ContiguousCount + 1, out var next)) log.Append(next);
        }
        else log.Ahead.Add(op, held);
        TotalOps++;
        return true;
    }

    /// <summary>Whether this very operation (its proposer, epoch and sequence) is in the log.</summary>
    public bool Holds(CommittedOp op) =>
        _logs.TryGetValue(new LogId(op.Proposer, op.Epoch), out var log)
        && (op.Sequence <= log.ContiguousCount || log.Ahead.Contains(op.Sequence));

    public long NextSequence(LogId own) => _logs.TryGetValue(own, out var log) ? log.ContiguousCount + log.Ahead.Count + 1 : 1;

    public ProposerWatermark[] Watermarks() =>
        _logs.Select(kv => new ProposerWatermark(kv.Key, kv.Value.ContiguousCount)).ToArray();

    /// <summary>
    /// What the asker lacks given its watermarks, at most <paramref name="max"/> operations, in
    /// log order: the contiguous operations past its watermark, then every operation held past
    /// a gap. A gap can be permanent (a proposer crashed with a commit only it had applied, and
    /// a later one of its commits reached others), so what lies beyond it must travel too, or a
    /// restarted seed would never learn it. The asker drops what it already holds.
    /// </summary>
    public (CommittedOp[] ops, bool more) MissingFor(ProposerWatermark[] theirs, int max)
    {
        var held = new Dictionary<LogId, long>();
        foreach (var w in theirs) held[w.Log] = w.Contiguous;
        // Counted first, so the reply is one array of its final size: a full batch is a large
        // object, and a list grown by doubling then copied out made three of them per reply.
        long missing = 0;
        foreach (var (id, log) in _logs)
        {
            long from = held.GetValueOrDefault(id, 0);
            missing += Math.Max(0, log.ContiguousCount - from);
            if (log.Ahead.Count > 0) missing += log.Ahead.CountAbove(from);
        }
        var result = new CommittedOp[Math.Min(missing, max)];
        int filled = 0;
        foreach (var (id, log) in _logs)
        {
            long from = held.GetValueOrDefault(id, 0);
            for (long seq = from + 1; seq <= log.ContiguousCount; seq++)
            {
                if (filled == result.Length) return (result, true);
                result[filled++] = log.ContiguousAt(seq);
            }
            if (log.Ahead.Count == 0) continue;
            foreach (var op in log.Ahead.InOrder())
            {
                if (op.Sequence <= from) continue;
                if (filled == result.Length) return (result, true);
                result[filled++] = op;
            }
        }
        return (result, false);
    }
}
