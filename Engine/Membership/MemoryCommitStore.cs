using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Membership;

/// <summary>
/// The simulator's commit store: a seed's commit log itself, kept outside the seed so that it
/// outlives the seed's crashes. A seed given this store adopts its log (<see cref="ICommitStore.KeptLog"/>), so the
/// operations are held once: a million-peer join costs nothing beyond the log it already
/// keeps. A simulated append is durable the moment it is made, which is what a real seed's
/// fsynced file promises, so a restarted seed recovers exactly as a real one does.
/// </summary>
public sealed class MemoryCommitStore : ICommitStore
{
    /// <summary>The log a seed adopts: every life of the seed appends to this one.</summary>
    public CommitLog Log { get; } = new();

    public IReadOnlyList<CommittedOp> Load() => Log.MissingFor([], int.MaxValue).ops;

    public void Append(in CommittedOp op) => Log.Add(op);

    public CommitLog? KeptLog => Log;

    public SeedSetKept? SeedSet { get; set; }
}
