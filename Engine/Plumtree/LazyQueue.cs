using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Plumtree;

/// <summary>
/// The paper's lazyQueue (SRDS 2007, Figure 2: LazyPush queues an announcement, dispatch sends what the policy takes): announcements
/// waiting for the peer's next dispatch, each for one neighbour. A dispatch takes them all and sends one IHAVE a neighbour, holding
/// that neighbour's announcements in the order they were queued, the neighbours in link order (so the same run sends the same
/// messages). One IHAVE for several messages is one event, not several: in sim-crash-hub-1k 5.1 million IHAVEs carry 28.3 million
/// announcements (docs/protocol.md, Timers).
/// </summary>
public sealed class LazyQueue
{
    private (NodeAddress To, Announcement What)[] _items = new (NodeAddress, Announcement)[8];
    private int _count;

    public int Count => _count;

    public void Add(NodeAddress to, in Announcement what)
    {
        if (_count == _items.Length) Array.Resize(ref _items, _count * 2);
        _items[_count++] = (to, what);
    }

    /// <summary>
    /// Takes back the announcement of a message to <paramref name="to"/>, if one waits: that neighbour has just announced it to this
    /// peer, so it has it. Returns whether one was taken back.
    /// </summary>
    public bool Withdraw(NodeAddress to, MessageId id, long incarnation)
    {
        var items = _items;
        for (int i = _count - 1; i >= 0; i--)
        {
            ref var item = ref items[i];
            if (item.To != to || item.What.Id != id || item.What.Incarnation != incarnation) continue;
            item.To = NodeAddress.None; // left in place (the others keep their order); a dispatch skips it
            return true;
        }
        return false;
    }

    /// <summary>
    /// Empties the queue: <paramref name="send"/> is called once a neighbour still linked with its announcements in the order they
    /// were queued, at most <paramref name="max"/> a call (more make another call to the same neighbour), the neighbours in link order
    /// (<paramref name="positionOf"/>: a neighbour's link position, -1 when it is linked no more: its announcements are dropped).
    /// </summary>
    public void Drain<TState>(int max, TState state, Func<TState, NodeAddress, int> positionOf, Action<TState, int, Announcement[]> send)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        int count = _count;
        _count = 0;
        var items = _items;
        // Grouped by link position in one counting pass: a hub's dispatch holds hundreds of announcements for hundreds of links.
        Span<int> position = count <= 512 ? stackalloc int[count] : new int[count];
        int links = 0;
        for (int i = 0; i < count; i++)
        {
            position[i] = items[i].To.IsNone ? -1 : positionOf(state, items[i].To);
            links = Math.Max(links, position[i] + 1);
        }
        Span<int> start = links <= 256 ? stackalloc int[links + 1] : new int[links + 1];
        start.Clear();
        for (int i = 0; i < count; i++) if (position[i] >= 0) start[position[i] + 1]++;
        for (int l = 0; l < links; l++) start[l + 1] += start[l];
        Span<int> order = count <= 512 ? stackalloc int[count] : new int[count];
        Span<int> next = links <= 256 ? stackalloc int[links] : new int[links];
        start[..links].CopyTo(next);
        for (int i = 0; i < count; i++) if (position[i] >= 0) order[next[position[i]]++] = i;
        for (int l = 0; l < links; l++)
        {
            for (int from = start[l]; from < start[l + 1]; from += max)
            {
                var batch = new Announcement[Math.Min(max, start[l + 1] - from)];
                for (int k = 0; k < batch.Length; k++) batch[k] = items[order[from + k]].What;
                send(state, l, batch);
            }
        }
        if (items.Length > 64 && count < items.Length / 4) _items = new (NodeAddress, Announcement)[Math.Max(8, items.Length / 2)];
        else Array.Clear(items, 0, count);
    }
}
