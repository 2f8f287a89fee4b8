using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>
/// What a peer's <see cref="Linker"/> remembers of recent events, made at the first (most peers of a settled network only ever hear of
/// a removal): members the seeds removed lately, not linked to again while the news spreads, link requests given up on whose
/// late acceptance still counts, and the last links the overlay dropped (reported if the close sent to one fails). One object for
/// all three, its removals in a ring of its own: it is no larger than the queue a peer kept for its removals alone, and references
/// held in place would be memory in every peer (docs/performance.md, section 4).
/// </summary>
public sealed class LinkMemory
{
    /// <summary>Removed members remembered: far more than one peer's neighbours lose at once.</summary>
    private const int RemovedKept = 64;

    /// <summary>Requests given up on whose late answer is still taken: far more than the requests a peer has out at once.</summary>
    public const int LateAnswersKept = 32;

    /// <summary>Links this peer's overlay dropped, remembered until a send to one fails: the close that ended it is the last message
    /// the peer sends there, and it fails after the smallest link delay (the simulator) or a connect timeout (TCP), so a few do.</summary>
    private const int DropsKept = 4;

    private NodeAddress[] _removed = new NodeAddress[4]; // a ring: the oldest at _oldest, _count of them
    private int _oldest, _count;
    private List<NodeAddress>? _timedOut;
    private NodeAddress[]? _dropped; // a ring of DropsKept, the next written at _nextDrop; NodeAddress.None where empty
    private int _nextDrop;
    private NodeAddress[]? _reported; // dropped links reported to the seeds, awaiting their answer: a ring as _dropped's
    private int _nextReport;
    // The same drops with when, kept whether or not reported (DroppedSince): _dropped forgets one once a send to it failed, yet the
    // other end may live (a partition) and its gossip sent before our close still be on the way (swarm seed 1, run 2303 failed so).
    private NodeAddress[]? _droppedLately;
    private TimeSpan[]? _droppedAt;
    private int _nextDroppedLately;

    public bool WasRemoved(NodeAddress a)
    {
        for (int i = 0; i < _count; i++)
            if (_removed[(_oldest + i) % _removed.Length] == a) return true;
        return false;
    }

    /// <summary>Remembers a removal; past <see cref="RemovedKept"/>, the oldest is forgotten.</summary>
    public void Removed(NodeAddress a)
    {
        if (WasRemoved(a)) return;
        if (_count == _removed.Length && _count < RemovedKept)
        {
            var grown = new NodeAddress[Math.Min(2 * _removed.Length, RemovedKept)];
            for (int i = 0; i < _count; i++) grown[i] = _removed[(_oldest + i) % _removed.Length];
            _removed = grown;
            _oldest = 0;
        }
        if (_count == _removed.Length)
        {
            _removed[_oldest] = a; // full: the newest takes the oldest's place
            _oldest = (_oldest + 1) % _removed.Length;
            return;
        }
        _removed[(_oldest + _count) % _removed.Length] = a;
        _count++;
    }

    public void TimedOut(NodeAddress target)
    {
        _timedOut ??= new List<NodeAddress>(1);
        if (_timedOut.Count == LateAnswersKept) _timedOut.RemoveAt(0);
        _timedOut.Add(target);
    }

    /// <summary>Whether a request to <paramref name="a"/> was given up on lately (forgotten now: one late answer counts).</summary>
    public bool TakeTimedOut(NodeAddress a) => _timedOut?.Remove(a) == true;

    /// <summary>Remembers a link the overlay dropped, and when; past <see cref="DropsKept"/>, the oldest is forgotten.</summary>
    public void Dropped(NodeAddress a, TimeSpan at)
    {
        Put(ref _dropped, ref _nextDrop, a);
        (_droppedAt ??= new TimeSpan[DropsKept])[_nextDroppedLately] = at;
        Put(ref _droppedLately, ref _nextDroppedLately, a);
    }

    /// <summary>Whether this peer's overlay dropped the link to <paramref name="a"/> at or after <paramref name="since"/>: gossip the
    /// other end sent before our close reached it may still come. Neither asking nor <see cref="TakeDropped"/> forgets it: every copy
    /// in flight counts.</summary>
    public bool DroppedSince(NodeAddress a, TimeSpan since)
    {
        if (_droppedLately == null || a.IsNone) return false;
        for (int i = 0; i < DropsKept; i++)
            if (_droppedLately[i] == a && _droppedAt![i] >= since) return true;
        return false;
    }

    /// <summary>Whether the overlay dropped the link to <paramref name="a"/> lately (forgotten now: it is reported once).</summary>
    public bool TakeDropped(NodeAddress a) => Take(_dropped, a);

    /// <summary>Remembers a dropped link reported to the seeds (<see cref="TakeDropped"/>), until their answer; past
    /// <see cref="DropsKept"/>, the oldest is forgotten.</summary>
    public void Reported(NodeAddress a) => Put(ref _reported, ref _nextReport, a);

    /// <summary>Whether <paramref name="a"/> is a dropped link this peer reported to the seeds (forgotten now: one answer counts).</summary>
    public bool TakeReported(NodeAddress a) => Take(_reported, a);

    private static void Put(ref NodeAddress[]? ring, ref int next, NodeAddress a)
    {
        ring ??= [NodeAddress.None, NodeAddress.None, NodeAddress.None, NodeAddress.None];
        ring[next] = a;
        next = (next + 1) % DropsKept;
    }

    private static bool Take(NodeAddress[]? ring, NodeAddress a)
    {
        if (ring == null || a.IsNone) return false;
        int at = Array.IndexOf(ring, a);
        if (at < 0) return false;
        ring[at] = NodeAddress.None;
        return true;
    }
}
