using System.Collections.Concurrent;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Security;

/// <summary>
/// Which key may speak for which address: this node's, pinned seeds', seeds' learned on first use, and
/// (at a seed) registered members'. The transport asks it per proven connection (socket threads); the
/// seed's loop changes it. Unknown addresses are not checked. An unpinned seed is bound to the first key
/// proving its address (<see cref="LearnSeedsOnFirstUse"/>, kept via <c>onLearned</c> across restarts);
/// an unknown seed's votes count for nothing. A peer does not learn at the handshake (a squatter on a
/// seed's port would be bound for good) but from a majority's vouching (<see cref="Vouch"/>), which may rebind.
/// </summary>
public sealed class KeyBook
{
    private readonly ConcurrentDictionary<NodeAddress, NodeKey> _pinned = new();
    private readonly ConcurrentDictionary<NodeAddress, NodeKey> _learned = new();
    private readonly ConcurrentDictionary<NodeAddress, NodeKey> _bound = new();
    private volatile HashSet<NodeAddress> _learnable = [];
    private HashSet<NodeAddress> _seeds = [];
    private bool _learnAtHandshake = true;
    private readonly Dictionary<NodeAddress, SeedKey[]> _vouches = new(); // each seed's last word on the seeds' keys (under _vouchGate)
    private readonly object _vouchGate = new();
    private Action<NodeAddress, NodeKey>? _onLearned;
    private (NodeAddress Address, NodeKey? Key) _own;

    public void Pin(NodeAddress seed, NodeKey key) => _pinned[seed] = key;

    public NodeKey? Pinned(NodeAddress seed) => _pinned.GetValueOrDefault(seed);

    /// <summary>This node's own address and key: a vote in its own name verifies only under its own key, and nobody else may claim its
    /// address.</summary>
    public void Own(NodeAddress self, NodeKey key) => _own = (self, key);

    /// <summary>
    /// The seeds of the list not pinned by key are bound to the first key that proves their
    /// address; <paramref name="remembered"/> are the bindings learned in earlier lives (they
    /// hold as if learned now); <paramref name="onLearned"/> hears each new one (called once per
    /// seed, on a socket thread). With <paramref name="atHandshake"/> false (a peer) nothing is learned at a handshake: only
    /// by a majority's vouching (<see cref="Vouch"/>).
    /// </summary>
    public void LearnSeedsOnFirstUse(IEnumerable<NodeAddress> seeds, IEnumerable<KeyValuePair<NodeAddress, NodeKey>> remembered,
        Action<NodeAddress, NodeKey>? onLearned, bool atHandshake = true)
    {
        _seeds = seeds.ToHashSet();
        _learnAtHandshake = atHandshake;
        var learnable = _seeds.Where(s => !_pinned.ContainsKey(s)).ToHashSet();
        foreach (var (seed, key) in remembered)
            if (learnable.Contains(seed)) _learned[seed] = key;
        _onLearned = onLearned;
        _learnable = learnable;
    }

    /// <summary>The key a seed's votes are checked against: its own for this node, pinned, or learned on first use; null when none is
    /// known.</summary>
    public NodeKey? SeedKey(NodeAddress seed) =>
        _own.Key is { } own && _own.Address == seed ? own : _pinned.GetValueOrDefault(seed) ?? _learned.GetValueOrDefault(seed);

    /// <summary>Whether the operator vouched for this seed's key (pinned in the seed list, or this node itself).</summary>
    public bool IsVouched(NodeAddress seed) => (_own.Key != null && _own.Address == seed) || _pinned.ContainsKey(seed);

    public void Bind(NodeAddress member, NodeKey key) => _bound[member] = key;

    public void Unbind(NodeAddress member) => _bound.TryRemove(member, out _);

    /// <summary>The key a member's registration bound to its address (null: none); the seed keeps its members' keys here only.</summary>
    public NodeKey? Bound(NodeAddress member) => _bound.GetValueOrDefault(member);

    /// <summary>The key <paramref name="address"/> must prove; null: any.</summary>
    public NodeKey? Expected(NodeAddress address) => SeedKey(address) ?? _bound.GetValueOrDefault(address);

    /// <summary>
    /// Null when <paramref name="proven"/> may speak for <paramref name="address"/>; otherwise why
    /// not ("is registered with key ..., but it proved key ..."). The first key proven for a
    /// learnable seed is bound to it here: the check and the binding are one step, so two
    /// connections racing for a new seed's address cannot both win.
    /// </summary>
    public string? Refusal(NodeAddress address, NodeKey proven)
    {
        var expected = Expected(address);
        if (expected == null && _learnAtHandshake && _learnable.Contains(address))
        {
            expected = _learned.GetOrAdd(address, proven);
            if (ReferenceEquals(expected, proven)) _onLearned?.Invoke(address, proven);
        }
        return expected != null && !expected.Equals(proven)
            ? $"is {Whose(address)} with key {expected.Fingerprint}, but it proved key {proven.Fingerprint}"
            : null;
    }

    /// <summary>
    /// Seed <paramref name="voucher"/>, whose connection proved <paramref name="proven"/>, says which keys the seeds hold
    /// (its own counts as the key it proved). Each unpinned seed is bound to the key a majority of the seed list names, each
    /// seed's word counted once (its latest), and a seed whose proven key is not the one bound for it now is not counted: one
    /// address speaks once, so a squatter on one seed's port is one voice. A new or changed binding is handed to
    /// <c>onLearned</c>. Called from the node's loop.
    /// </summary>
    public void Vouch(NodeAddress voucher, NodeKey proven, IReadOnlyList<SeedKey> claims)
    {
        if (!_seeds.Contains(voucher)) return;
        lock (_vouchGate)
        {
            var words = new List<SeedKey>(claims.Count + 1) { new(voucher, proven) };
            foreach (var c in claims)
                if (c.Seed != voucher && _seeds.Contains(c.Seed)) words.Add(c);
            _vouches[voucher] = words.ToArray();
            // Twice: a voucher whose own key the first count rebinds (a squatter, once the others have spoken) is not counted after.
            for (int pass = 0; pass < 2; pass++)
                foreach (var seed in _learnable)
                    if (MajorityKeyOf(seed) is { } key && !key.Equals(_learned.GetValueOrDefault(seed)))
                    {
                        _learned[seed] = key;
                        _onLearned?.Invoke(seed, key);
                    }
        }
    }

    private NodeKey? MajorityKeyOf(NodeAddress seed)
    {
        var tally = new Dictionary<NodeKey, int>();
        foreach (var (voucher, words) in _vouches)
        {
            if (SeedKey(voucher) is { } bound && !bound.Equals(words[0].Key)) continue; // words[0]: what it proved for itself
            foreach (var w in words)
                if (w.Seed == seed) tally[w.Key] = tally.GetValueOrDefault(w.Key) + 1;
        }
        foreach (var (key, count) in tally)
            if (Quorum.Reached(count, _seeds.Count)) return key;
        return null;
    }

    private string Whose(NodeAddress address) =>
        _own.Address == address && _own.Key != null ? "this node's own address"
        : _pinned.ContainsKey(address) ? "pinned"
        : _learned.ContainsKey(address) ? (_learnAtHandshake ? "a seed learned on first use" : "a seed whose key a majority of seeds vouched for")
        + " (its key is kept in the state directory's "
        + LearnedSeedKeys.FileName + ")"
        : "registered";
}
