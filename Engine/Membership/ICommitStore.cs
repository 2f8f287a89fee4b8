using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Membership;

/// <summary>
/// Where a seed keeps its committed operations so that a restart, of one seed or of all of
/// them, does not lose the membership. The engine never touches files: a real node gives a
/// file (RealNet/Storage), the simulator an in-memory store that outlives the seed's crash.
/// <para>Contract:</para>
/// <list type="bullet">
/// <item><see cref="Load"/> returns every operation appended in earlier lives, in the order
/// they were appended, and nothing else; a store whose content cannot be read throws an
/// error that names where (never an empty result in its place).</item>
/// <item><see cref="Append"/> has made the operation durable when it returns: a seed calls it
/// before it applies, announces or acknowledges the commit. When it cannot (a full disk), it
/// throws <see cref="CommitNotDurableException"/> and holds what it held before the call (no
/// part of the operation); the seed then drops that commit, and a later append may succeed.</item>
/// </list>
/// Operations commute (see <see cref="PeerList.Apply"/>), so replaying them in any order
/// rebuilds the same list; the order is kept so that the commit log's sequences come back as
/// they were.
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
}
