using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;

namespace GossipSim.Engine.Seed;

/// <summary>
/// R5: seeds that missed commits (down, partitioned, a lost message) catch up. Every round a
/// seed sends one random other seed how far it holds each commit log; the other answers with
/// exactly the missing operations (batched), and asks back when it is the one behind.
/// </summary>
public sealed partial class SeedNode
{
    private void OnAntiEntropyTick()
    {
        var others = _otherSeeds;
        if (others.Length > 0)
            Ctx.Send(others[Ctx.Random.NextInt(others.Length)], new SyncRequest(_log.Watermarks()));
        Ctx.SetTimer(_config.AntiEntropyInterval, new TimerTag(TimerKind.AntiEntropyTick));
    }

    private void OnSyncRequest(NodeAddress from, SyncRequest m)
    {
        var (ops, more) = _log.MissingFor(m.Watermarks, _config.SyncBatch);
        if (ops.Length > 0) Ctx.Send(from, new SyncReply(ops, more));
        if (TheyHaveMore(m.Watermarks)) Ctx.Send(from, new SyncRequest(_log.Watermarks()));
    }

    private void OnSyncReply(NodeAddress from, SyncReply m)
    {
        int before = _peers.LiveCount;
        long known = _log.TotalOps;
        int refused = 0;
        string? why = null;
        foreach (var op in m.Ops)
        {
            if (_log.Holds(op)) continue;
            if (CommitCheck.Verify(op, _seeds, _identity) is { } reason)
            {
                refused++;
                why ??= $"{Verb(op.Op)} {op.Op.Peer.Address}: {reason}";
                continue;
            }
            Apply(op);
        }
        if (refused > 0) RejectLog($"anti-entropy: rejected {refused} operations from {from} that do not prove their majority (first: {why})");
        long learned = _log.TotalOps - known;
        if (learned > 0)
            Log($"anti-entropy: caught up {learned} committed operations from {from} (peer list {before} -> {_peers.LiveCount})");
        if (m.More && learned > 0) Ctx.Send(from, new SyncRequest(_log.Watermarks())); // nothing new: the rest comes next round
    }

    private bool TheyHaveMore(ProposerWatermark[] theirs)
    {
        var mine = _log.Watermarks().ToDictionary(w => w.Log, w => w.Contiguous);
        foreach (var w in theirs)
            if (w.Contiguous > mine.GetValueOrDefault(w.Log, 0)) return true;
        return false;
    }
}
