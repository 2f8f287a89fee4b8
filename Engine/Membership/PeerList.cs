using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;

namespace GossipSim.Engine.Membership;

/// <summary>
/// A seed's Peer List (R3): every registered peer with its incarnation and degree.
/// Applying operations is idempotent and commutative (a higher incarnation wins; at equal
/// incarnation Remove wins), so seeds that apply the same set of committed operations in any
/// order, any number of times, hold the same list (R5). Removed peers stay as tombstones so a
/// late Add of the same incarnation cannot bring them back.
/// </summary>
public sealed class PeerList
{
    private readonly Dictionary<NodeAddress, int> _slotOf = new();
    private readonly List<NodeAddress> _address = new();
    private readonly List<long> _incarnation = new();
    private readonly List<bool> _removed = new();
    private readonly List<int> _degree = new();
    private readonly WeightedSampler _sampler = new();
    private ulong _digest;

    public int LiveCount { get; private set; }

    /// <summary>Order-independent fingerprint of the live members (address, incarnation): equal lists, equal digests.</summary>
    public ulong Digest => _digest;

    public enum Outcome { Unchanged, Added, Removed }

    public Outcome Apply(MembershipOp op)
    {
        var (address, inc) = (op.Peer.Address, op.Peer.Incarnation);
        bool remove = op.Change == MembershipChange.Remove;
        if (!_slotOf.TryGetValue(address, out int slot))
        {
            slot = _address.Count;
            _slotOf[address] = slot;
            _address.Add(address);
            _incarnation.Add(inc);
            _removed.Add(true);
            _degree.Add(0);
            _sampler.Add(0);
            return remove ? Outcome.Unchanged : SetLive(slot, inc, true);
        }
        long current = _incarnation[slot];
        if (inc < current) return Outcome.Unchanged;
        if (inc > current)
        {
            bool wasLive = !_removed[slot];
            if (wasLive) SetLive(slot, current, false);
            _incarnation[slot] = inc;
            _degree[slot] = 0;
            if (remove) return wasLive ? Outcome.Removed : Outcome.Unchanged;
            return SetLive(slot, inc, true);
        }
        // same incarnation: Remove wins, Add of a live member is a no-op
        if (remove && !_removed[slot]) return SetLive(slot, inc, false);
        return Outcome.Unchanged;
    }

    private Outcome SetLive(int slot, long inc, bool live)
    {
        _removed[slot] = !live;
        _digest += (live ? 1UL : unchecked((ulong)-1L)) * Mix(_address[slot], inc);
        LiveCount += live ? 1 : -1;
        _sampler.Set(slot, live ? Weight(_degree[slot]) : 0);
        return live ? Outcome.Added : Outcome.Removed;
    }

    public bool IsLive(NodeAddress address) => _slotOf.TryGetValue(address, out int s) && !_removed[s];

    public bool IsKnown(NodeAddress address) => _slotOf.ContainsKey(address);

    public bool TryGet(NodeAddress address, out PeerId peer, out bool live)
    {
        if (_slotOf.TryGetValue(address, out int s))
        {
            peer = new PeerId(address, _incarnation[s]);
            live = !_removed[s];
            return true;
        }
        peer = default;
        live = false;
        return false;
    }

    /// <summary>Records a peer's reported degree (only for the incarnation that is live).</summary>
    public bool SetDegree(NodeAddress address, long incarnation, int degree)
    {
        if (!_slotOf.TryGetValue(address, out int s) || _removed[s] || _incarnation[s] != incarnation) return false;
        _degree[s] = degree;
        _sampler.Set(s, Weight(degree));
        return true;
    }

    public int DegreeOf(NodeAddress address) => _slotOf.TryGetValue(address, out int s) ? _degree[s] : -1;

    /// <summary>Every live member sorted by address (deterministic whatever the commit order).</summary>
    public PeerListEntry[] LiveEntries(NodeAddress exclude)
    {
        var list = new List<PeerListEntry>(LiveCount);
        for (int s = 0; s < _address.Count; s++)
            if (!_removed[s] && _address[s] != exclude) list.Add(new PeerListEntry(_address[s], _degree[s]));
        list.Sort((a, b) => a.Address.CompareTo(b.Address));
        return list.ToArray();
    }

    /// <summary>
    /// <paramref name="draws"/> independent draws in proportion to degree (repeats possible:
    /// each entry is one preferential-attachment draw). Never returns <paramref name="exclude"/>.
    /// </summary>
    public PeerListEntry[] SampleByDegree(Rng rng, int draws, NodeAddress exclude)
    {
        var result = new List<PeerListEntry>(draws);
        int attempts = draws * 4;
        if (_sampler.Total > 0 && draws <= 256)
        {
            // The first draws side by side (the same numbers from the stream as one at a time).
            Span<int> slots = stackalloc int[draws];
            Span<long> scratch = stackalloc long[draws];
            _sampler.SampleMany(rng, slots, scratch);
            attempts -= draws;
            foreach (int s in slots)
                if (_address[s] != exclude) result.Add(new PeerListEntry(_address[s], _degree[s]));
        }
        while (result.Count < draws && attempts-- > 0)
        {
            int s = _sampler.Sample(rng);
            if (s < 0) break;
            if (_address[s] == exclude) continue;
            result.Add(new PeerListEntry(_address[s], _degree[s]));
        }
        return result.ToArray();
    }

    /// <summary>Preferential attachment's weight: the degree, but a peer with no links yet can still be picked.</summary>
    public static long Weight(int degree) => Math.Max(degree, 1);

    private static ulong Mix(NodeAddress a, long inc)
    {
        ulong x = a.Key ^ ((ulong)inc * 0x9E3779B97F4A7C15UL);
        return Rng.SplitMix64(ref x);
    }
}
