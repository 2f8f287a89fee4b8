using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Plumtree;

/// <summary>
/// The messages a Plumtree peer can send on a GRAFT, for the payload retention, each with the neighbours it was sent to on one.
/// They sit in a ring in the order they were received: keeping one writes the ring's next slot, and the sweep takes the expired
/// from its head, where a table by message wrote and later removed a random 88-byte entry a first receipt (a cache miss or two
/// each, about 600 ns, in sim-crash-hub-1k's 11.8 million first receipts) and the sweep read every entry. A GRAFT, asking for a
/// message its IHAVE announced moments ago, finds it by its key's hash in a parallel ring of ints, searched newest first. A
/// message is kept as the fields its payload is made again from, not as the message object: one object a peer a message, held
/// for the retention (3.2 million at once in sim-crash-hub-1k), lived just long enough for the collector to move it to its
/// oldest generation and find it dead there, and the run's heap peaked at 2.3 GiB (issue 53). The signature and the origin's
/// certificate are the message's own references, shared by every copy; the certificate's incarnation is the key's.
/// </summary>
public sealed class KeptPayloads
{
    private struct Kept
    {
        public MessageId Id;
        public long Incarnation;
        public TimeSpan CreatedAt;
        public byte[]? Signature;
        public CommitProof? Proof;
        public CertificateRenewal? Renewal;
        public int Hops;
        public bool TextHasPort;
        // The neighbours it was sent to on a GRAFT: the first here (none: None, as a GRAFT comes from a neighbour), any more in a
        // list (an honest neighbour asks once, and few ask).
        public NodeAddress FirstAnswered;
        public List<NodeAddress>? MoreAnswered;

        public readonly bool WasAnswered(NodeAddress to) =>
            !FirstAnswered.IsNone && (FirstAnswered == to || (MoreAnswered?.Contains(to) ?? false));

        public void NoteAnswered(NodeAddress to)
        {
            if (FirstAnswered.IsNone) FirstAnswered = to;
            else (MoreAnswered ??= new(1)).Add(to);
        }
    }

    // The entry at position p (0 = the oldest) is _ring[(_head + p) mod length]; _hashes holds its key's hash at the same slot.
    private Kept[] _ring = new Kept[2];
    private int[] _hashes = new int[2];
    private int _head;
    private int _count;
    // _ring.Length, kept here: whether a receipt must grow the ring is known without reading the ring's length, a cache miss of its
    // own (a third of the samples of Plumtree's part of a first receipt fell on it)
    private int _capacity = 2;

    public int Count => _count;

    /// <summary>A first receipt (or this peer's own message), as it is forwarded: never kept yet (a message the Message List forgot
    /// and took again is kept again, and the newer entry answers).</summary>
    public void Keep(Messages.Gossip m, long incarnation)
    {
        if (_count == _capacity) Grow();
        int slot = Slot(_count++);
        _ring[slot] = new Kept
        {
            Id = m.Id, Incarnation = incarnation, CreatedAt = m.CreatedAt, Signature = m.Signature, Proof = m.OriginCertificate.Proof,
            Renewal = m.OriginCertificate.Renewal, Hops = m.Hops, TextHasPort = m.TextHasPort,
        };
        _hashes[slot] = Hash(m.Id, incarnation);
    }

    /// <summary>The message neighbour <paramref name="from"/>'s GRAFT asks for, noted as sent to it; null when it is no longer kept or
    /// that neighbour had it on a GRAFT already (<see cref="PlumtreeRules.AnswersGraft"/>).</summary>
    /// <remarks>Past its retention a message is not sent even while the next sweep has yet to drop it.</remarks>
    public Messages.Gossip? Answer(MessageId id, long incarnation, NodeAddress from, TimeSpan now, TimeSpan retention)
    {
        int slot = Find(id, incarnation);
        bool found = slot >= 0;
        var kept = found ? _ring[slot] : default;
        if (!PlumtreeRules.AnswersGraft(found, found && kept.CreatedAt > now - retention, found && kept.WasAnswered(from)))
            return null;
        _ring[slot].NoteAnswered(from);
        return new Messages.Gossip(id, kept.CreatedAt, kept.Hops, kept.TextHasPort, kept.Signature,
            new MembershipCertificate(incarnation, kept.Proof, kept.Renewal));
    }

    /// <summary>
    /// Messages created longer than the retention ago are let go, from the oldest received on: one received late stays until those
    /// before it go (a GRAFT for it is not answered meanwhile: <see cref="Answer"/> reads its age). Once every message is past its
    /// retention, none is left, as the table by message left none.
    /// </summary>
    public void Sweep(TimeSpan now, TimeSpan retention)
    {
        while (_count > 0 && _ring[_head].CreatedAt <= now - retention)
        {
            _ring[_head] = default; // its references go with it
            if (++_head == _ring.Length) _head = 0;
            _count--;
        }
    }

    /// <summary>The ring slot of a message's newest entry, or -1: the hashes are searched newest first, as a GRAFT asks for a message
    /// received moments ago.</summary>
    private int Find(MessageId id, long incarnation)
    {
        int hash = Hash(id, incarnation);
        // The newest entries are _hashes[.._tail] (all of them when the ring does not wrap), the older _hashes[_head..].
        int tail = _head + _count;
        bool wraps = tail > _ring.Length;
        if (wraps) tail -= _ring.Length;
        int found = Search(_hashes.AsSpan(wraps ? 0 : _head, wraps ? tail : _count), wraps ? 0 : _head, hash, id, incarnation);
        if (found >= 0 || !wraps) return found;
        return Search(_hashes.AsSpan(_head), _head, hash, id, incarnation);
    }

    private int Search(ReadOnlySpan<int> hashes, int offset, int hash, MessageId id, long incarnation)
    {
        for (int end = hashes.Length; ;)
        {
            int at = hashes[..end].LastIndexOf(hash);
            if (at < 0) return -1;
            ref var e = ref _ring[offset + at];
            if (e.Incarnation == incarnation && e.Id == id) return offset + at;
            end = at;
        }
    }

    private int Slot(int position)
    {
        int i = _head + position;
        return i >= _capacity ? i - _capacity : i;
    }

    private void Grow()
    {
        // by half again, not double: a peer keeps thousands (sim-crash-hub-1k: up to 4,500), and a doubled ring may be half empty
        var ring = new Kept[Math.Max(4, _ring.Length * 3 / 2)];
        var hashes = new int[ring.Length];
        for (int p = 0; p < _count; p++)
        {
            ring[p] = _ring[Slot(p)];
            hashes[p] = _hashes[Slot(p)];
        }
        (_ring, _hashes, _head, _capacity) = (ring, hashes, 0, ring.Length);
    }

    /// <summary>A message key's hash, for the tables of Plumtree's own by message.</summary>
    internal static int Hash(MessageId id, long incarnation)
    {
        ulong h = ((ulong)id.Origin.Ip << 32 | (uint)id.Origin.Port << 16) ^ (uint)id.Number ^ (ulong)incarnation * 0x9E3779B97F4A7C15UL;
        h ^= h >> 31;
        h *= 0xBF58476D1CE4E5B9UL;
        return (int)(h >> 32);
    }
}
