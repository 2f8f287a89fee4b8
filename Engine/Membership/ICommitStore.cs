using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Membership;

/// <summary>
/// Where a seed keeps its committed operations, so a restart of one seed or all keeps the membership
/// (a file on real nodes, RealNet/Storage; memory that outlives a crash in the simulator). Contract:
/// <see cref="Load"/> returns every earlier append in order and nothing else, and throws naming where
/// when unreadable (never an empty result instead). <see cref="Append"/> is durable on return (called
/// before the commit is applied, announced or acknowledged); when it cannot be, it throws
/// <see cref="CommitNotDurableException"/> holding nothing of the operation. The order is kept only so
/// the commit log's sequences come back (operations commute, <see cref="PeerList.Apply"/>).
/// </summary>
public interface ICommitStore
{
    IReadOnlyList<CommittedOp> Load();

    void Append(in CommittedOp op);

    /// <summary>
    /// A store that already is a commit log in memory (the simulator's, which outlives the
    /// seed's crashes) gives it here, so the seed adopts it and holds each operation once;
    /// a store that must be read back (a file) gives null.
    /// </summary>
    CommitLog? KeptLog => null;

    /// <summary>
    /// Whether the store has grown enough to be rewritten from the seed's log (<see cref="Compact"/>).
    /// A store that keeps nothing redundant (the simulator's) never is.
    /// </summary>
    bool CompactionDue => false;

    /// <summary>
    /// Rewrites the store to hold exactly <paramref name="everything"/>: the seed's whole commit
    /// log, which holds every operation appended here. Durable and atomic: a kill at any point
    /// leaves a store whose <see cref="Load"/> still returns every operation. A compaction that
    /// cannot be written (a full disk) leaves the store as it was and does not throw: it only saves space.
    /// </summary>
    void Compact(IReadOnlyList<CommittedOp> everything) { }

    /// <summary>
    /// The seed set's steps this seed took and the promise it made (issue 56, 2), kept across its restarts (the simulator's store
    /// in memory, a real seed's in <c>seedset.state</c> beside its commit log): a restarted seed then never promises another set at
    /// a version it promised, and starts at the set in force. Set before anyone hears of what it guards; a store that cannot keep
    /// it throws <see cref="CommitNotDurableException"/>. Null: none kept (a store that keeps nothing learns the steps again).
    /// </summary>
    SeedSetKept? SeedSet { get => null; set { } }
}

/// <summary>What a seed keeps of the seed set: the steps it took, oldest first, and its promise.</summary>
public sealed record SeedSetKept(SeedSetStep[] Steps, SeedSetPromise? Promise);
