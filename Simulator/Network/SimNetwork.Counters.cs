using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Simulator.Ranks;

namespace GossipSim.Simulator.Network;

// What a run did: events, messages and their kinds, summed over the partitions (and, on ranks, over the ranks).
public sealed partial class SimNetwork
{
    private long _controlEvents;
    // On ranks, the counters are this rank's until the run ends (StopAll), and every rank's then; the control events, which every
    // rank runs, count once.
    public long EventsProcessed => _totals?[0] ?? LocalEvents;
    public long MessagesSent => _totals?[1] ?? _parts.Sum(p => p.MessagesSent);
    public long MessagesDropped => _totals?[2] ?? _parts.Sum(p => p.MessagesDropped);
    public long MessagesDuplicated => _totals?[3] ?? _parts.Sum(p => p.MessagesDuplicated);
    /// <summary>Messages that reached a node that was down, whose senders were told (<see cref="Node.OnSendFailed"/>).</summary>
    public long SendFailuresReported => _totals?[4 + 512] ?? _parts.Sum(p => p.SendFailuresReported);
    /// <summary>Messages a partition dropped, whose senders were told after the send timeout (<see cref="SendTimeout"/>).</summary>
    public long SendTimeoutsReported => _totals?[4 + 512 + 1] ?? _parts.Sum(p => p.SendTimeoutsReported);
    public int PendingEvents => _control.Count + _parts.Sum(p => p.Queue.Count);
    /// <summary>This process's events; the control events, which every rank runs, counted on rank 0 only.</summary>
    private long LocalEvents => (_ranks is { Rank: > 0 } ? 0 : _controlEvents) + _parts.Sum(p => p.EventsProcessed);
    private long[]? _totals; // on ranks, after the run: every rank's counters summed (events, sent, dropped, duplicated, by kind)
    private long _eventsEverywhere; // on ranks, while running: every rank's events, as of the last progress report

    /// <summary>On ranks: sums every rank's counters into this network's (its last collective call of a run).</summary>
    private void GatherTotals()
    {
        var t = new long[4 + 512 + 2];
        t[0] = LocalEvents;
        t[1] = _parts.Sum(p => p.MessagesSent);
        t[2] = _parts.Sum(p => p.MessagesDropped);
        t[3] = _parts.Sum(p => p.MessagesDuplicated);
        for (int k = 0; k < 256; k++)
        {
            t[4 + k] = _parts.Sum(p => p.DeliveredByKind[k]);
            t[4 + 256 + k] = _parts.Sum(p => p.TimersByKind[k]);
        }
        t[4 + 512] = _parts.Sum(p => p.SendFailuresReported);
        t[4 + 512 + 1] = _parts.Sum(p => p.SendTimeoutsReported);
        _ranks!.AllReduce(t, RankReduction.Sum);
        _totals = t;
    }

    /// <summary>Events processed, by message kind ("Ping", "Gossip"...) and timer kind ("timer:DetectorTimer"...): where a run's work
    /// goes.</summary>
    public IReadOnlyDictionary<string, long> EventsByKind()
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (int k = 0; k < 256; k++)
        {
            long delivered = _totals?[4 + k] ?? _parts.Sum(p => p.DeliveredByKind[k]);
            long timers = _totals?[4 + 256 + k] ?? _parts.Sum(p => p.TimersByKind[k]);
            if (delivered > 0) result[((MessageKind)k).ToString()] = delivered;
            if (timers > 0) result["timer:" + (TimerKind)k] = timers;
        }
        return result;
    }
}
