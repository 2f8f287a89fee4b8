using GossipSim.Engine.Collections;
using GossipSim.Engine.Messages;

namespace GossipSim.Engine.Membership;

/// <summary>
/// A commit store in memory: the simulator keeps one per seed, outside the seed, so a crashed
/// and restarted seed recovers its membership as a real one does from its file. An append is
/// one element of a paged list (no object per operation), so a million-peer join costs no
/// more than the copy of its operations.
/// </summary>
public sealed class MemoryCommitStore : ICommitStore
{
    private readonly PagedList<CommittedOp> _ops = new();

    public int Count => _ops.Count;

    public IReadOnlyList<CommittedOp> Load()
    {
        var ops = new CommittedOp[_ops.Count];
        for (int i = 0; i < ops.Length; i++) ops[i] = _ops[i];
        return ops;
    }

    public void Append(in CommittedOp op) => _ops.Add(op);
}
