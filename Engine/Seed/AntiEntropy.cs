using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Seed;

/// <summary>
/// R5: seeds that missed commits (down, partitioned, a lost message) catch up. Every round a
/// seed sends one random other seed how far it holds each commit log; the other answers with
/// exactly the missing operations (batched), and asks back when it is the one behind.
/// <para>A seed records its own commits before it announces them, so another seed can never hold one of this seed's earlier
/// lives' commits that its own log lacks, unless the log lost them: a log cut at a record boundary (which reads as a whole
/// log) or replaced. Anti-entropy refills them; the seed says how many, in a warning (<see cref="OnSyncReply"/>).</para>
/// </summary>
internal sealed class AntiEntropy(SeedSelf self, PeerList peers, Ledger ledger, OutsiderOutput output)
{
    private CommitLog Log => ledger.Commits;

    /// <summary>Desynchronise the seeds' anti-entropy rounds, so they do not all ask at once.</summary>
    public void Start()
    {
        var first = TimeSpan.FromTicks((long)(self.Ctx.Random.NextDouble() * self.Config.AntiEntropyInterval.Ticks))
            + TimeSpan.FromMilliseconds(1);
        self.Ctx.SetTimer(first, new TimerTag(TimerKind.AntiEntropyTick));
    }

    public void OnAntiEntropyTick()
    {
        var others = self.OtherSeeds;
        // A seed outside the set in force (one joining, not yet voted in, or one voted out) syncs with nobody: the seeds take sync only
        // from seeds (a real transport closes the connection of anyone else who asks).
        if (others.Length > 0 && self.Set.Counts(self.Address))
            self.Send(others[self.Ctx.Random.NextInt(others.Length)], new SyncRequest(Log.Watermarks(), self.Set.Version));
        self.Ctx.SetTimer(self.Config.AntiEntropyInterval, new TimerTag(TimerKind.AntiEntropyTick));
    }

    public void OnSyncRequest(NodeAddress from, SyncRequest m)
    {
        var (ops, more) = Log.MissingFor(m.Watermarks, self.Config.SyncBatch);
        if (ops.Length > 0) self.Send(from, new SyncReply(ops, more));
        if (TheyHaveMore(m.Watermarks)) self.Send(from, new SyncRequest(Log.Watermarks(), self.Set.Version));
    }

    public void OnSyncReply(NodeAddress from, SyncReply m)
    {
        int before = peers.LiveCount;
        long known = Log.TotalOps;
        int refused = 0, ownLost = 0;
        long lastLost = 0;
        string? why = null;
        bool behind = false;
        foreach (var op in m.Ops)
        {
            if (Log.Holds(op)) continue;
            if (CommitCheck.Verify(op, self.Seeds, self.LearnedSets, self.Identity) is { } reason)
            {
                refused++;
                behind |= self.Behind(op.Proof);
                why ??= $"{Ballot.Verb(op.Op)} {op.Op.Peer.Address}: {reason}";
                continue;
            }
            ledger.Apply(op);
            if (op.Proposer == self.Address && op.Epoch < self.Epoch && Log.Holds(op))
            {
                ownLost++;
                lastLost = Math.Max(lastLost, op.Sequence);
            }
        }
        // Counted at a version of the seed set this seed has not learned (it was down while the set changed): it asks for the steps;
        // the next round of anti-entropy offers the operations again.
        if (behind) self.AskForSteps(from);
        if (refused > 0)
            output.RejectLog($"anti-entropy: rejected {refused} operations from {from} that do not prove their majority (first: {why})");
        long learned = Log.TotalOps - known;
        if (learned > 0)
            self.Log($"anti-entropy: caught up {learned} committed operations from {from} (peer list {before} -> {peers.LiveCount})");
        if (ownLost > 0)
            self.Log($"warning: my commit log lacked {ownLost} operations this seed committed in an earlier life (up to sequence "
                + $"{lastLost} of that life's log), which seed {from} holds: the log lost its end (cut at a record boundary, or replaced). "
                + "They are back by anti-entropy and in the log again; check the state directory's disk");
        if (m.More && learned > 0) self.Send(from, new SyncRequest(Log.Watermarks(), self.Set.Version)); // nothing new: the rest comes next round
    }

    private bool TheyHaveMore(ProposerWatermark[] theirs)
    {
        var mine = Log.Watermarks().ToDictionary(w => w.Log, w => w.Contiguous);
        foreach (var w in theirs)
            if (w.Contiguous > mine.GetValueOrDefault(w.Log, 0)) return true;
        return false;
    }
}
