using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Plumtree;

/// <summary>
/// The messages announced to a Plumtree peer and not received: for each, its announcers in the order they announced (the next to
/// ask among them), those asked already, its timer and its ticket (the timer's argument). Entries sit in one array, the first
/// announcers of each inline, found by message through a bucket array, and by ticket at once (the ticket holds the entry's place):
/// in sim-crash-hub-1k two thirds of first receipts were announced before they came (7.9 million awaited messages, 12.2 million
/// more announcers), and a table by message of objects, each with a list of announcers, and a second table by ticket made three
/// objects an awaited message and a chain of reads from one to the next; this table made Plumtree's run 0.89x as long (docs/performance.md,
/// section 11).
/// Entries are handed out as a .NET Dictionary hands out its own (the last freed first, else the next unused), and
/// <see cref="InOrder"/> walks them by place, so what depends on the order (the GRAFTs a failed send asks again) is as it was.
/// </summary>
public sealed class AwaitedMessages
{
    public struct Entry
    {
        public MessageId Id;
        public long Incarnation;
        public long Ticket; // 0: the place is free
        public TimerId Timer;
        public int Next;    // the next entry of its bucket, or of the free places; -1 ends
        public Addresses Announcers;
        public Addresses Asked;

        public readonly bool Noted(NodeAddress a) => Announcers.Contains(a) || Asked.Contains(a);
        public readonly int Count => Announcers.Count + Asked.Count;
    }

    private Entry[] _entries = new Entry[4];
    private int[] _buckets = [-1, -1, -1, -1, -1, -1, -1, -1]; // a power of two, at least twice the entries
    private int _used;      // places handed out at least once
    private int _free = -1; // the last freed place
    private int _count;
    private long _serial;   // tickets: (serial << 32) | place, so a ticket of an entry since freed finds nothing

    public int Count => _count;

    /// <summary>The entry awaited for the message, or -1.</summary>
    public int Find(MessageId id, long incarnation)
    {
        for (int i = _buckets[Bucket(id, incarnation)]; i >= 0; i = _entries[i].Next)
        {
            ref var e = ref _entries[i];
            if (e.Incarnation == incarnation && e.Id == id) return i;
        }
        return -1;
    }

    /// <summary>The entry a timer's ticket names, or -1 when its message arrived or was given up since.</summary>
    public int FindTicket(long ticket)
    {
        int at = (int)(uint)ticket;
        return at < _used && _entries[at].Ticket == ticket ? at : -1;
    }

    public ref Entry At(int at) => ref _entries[at];

    /// <summary>A message announced for the first time: its entry, with a new ticket (never 0).</summary>
    public int Add(MessageId id, long incarnation)
    {
        int at;
        if (_free >= 0)
        {
            at = _free;
            _free = _entries[at].Next;
        }
        else
        {
            if (_used == _entries.Length) Grow();
            at = _used++;
        }
        int bucket = Bucket(id, incarnation);
        _entries[at] = new Entry { Id = id, Incarnation = incarnation, Ticket = ++_serial << 32 | (uint)at, Next = _buckets[bucket] };
        _buckets[bucket] = at;
        _count++;
        return at;
    }

    /// <summary>The message came or was given up: its place is freed (a ticket of it finds nothing after).</summary>
    public void Remove(int at)
    {
        ref var e = ref _entries[at];
        ref int link = ref _buckets[Bucket(e.Id, e.Incarnation)];
        while (link != at) link = ref _entries[link].Next;
        link = e.Next;
        e = new Entry { Next = _free };
        _free = at;
        _count--;
    }

    /// <summary>The tickets of the awaited messages, in the order of their places (a .NET Dictionary's enumeration order).</summary>
    public List<long> InOrder()
    {
        var tickets = new List<long>(_count);
        for (int i = 0; i < _used; i++) if (_entries[i].Ticket != 0) tickets.Add(_entries[i].Ticket);
        return tickets;
    }

    private int Bucket(MessageId id, long incarnation) => KeptPayloads.Hash(id, incarnation) & (_buckets.Length - 1);

    private void Grow()
    {
        Array.Resize(ref _entries, _entries.Length * 2);
        _buckets = new int[_entries.Length * 2];
        Array.Fill(_buckets, -1);
        for (int i = 0; i < _used; i++)
        {
            ref var e = ref _entries[i];
            if (e.Ticket == 0) continue;
            int bucket = Bucket(e.Id, e.Incarnation);
            e.Next = _buckets[bucket];
            _buckets[bucket] = i;
        }
    }

    /// <summary>A short list of neighbours in the order added: the first three inline, any more (a message announced by many, at most
    /// <c>plumtreeMaxAnnouncers</c>) in a list.</summary>
    public struct Addresses
    {
        private NodeAddress _a0, _a1, _a2;
        private List<NodeAddress>? _more;
        private int _count;

        public readonly int Count => _count;

        public readonly NodeAddress this[int i] => i switch { 0 => _a0, 1 => _a1, 2 => _a2, _ => _more![i - 3] };

        public void Add(NodeAddress a)
        {
            switch (_count)
            {
                case 0: _a0 = a; break;
                case 1: _a1 = a; break;
                case 2: _a2 = a; break;
                default: (_more ??= new(2)).Add(a); break;
            }
            _count++;
        }

        public readonly bool Contains(NodeAddress a) => IndexOf(a) >= 0;

        public readonly int IndexOf(NodeAddress a)
        {
            for (int i = 0; i < _count; i++) if (this[i] == a) return i;
            return -1;
        }

        public void Remove(NodeAddress a)
        {
            int i = IndexOf(a);
            if (i >= 0) RemoveAt(i);
        }

        public void RemoveAt(int i)
        {
            for (int j = i; j < _count - 1; j++) Set(j, this[j + 1]);
            _count--;
            if (_count >= 3) _more!.RemoveAt(_count - 3);
        }

        private void Set(int i, NodeAddress a)
        {
            switch (i)
            {
                case 0: _a0 = a; break;
                case 1: _a1 = a; break;
                case 2: _a2 = a; break;
                default: _more![i - 3] = a; break;
            }
        }
    }
}
