using System.Collections.Concurrent;
using GossipSim.Engine.Core;

namespace GossipSim.RealNet.Security;

/// <summary>
/// Which key may speak for which address, as this node knows it: seeds pinned in the seed list
/// file, and (at a seed) members whose registration bound their key. The transport asks it about
/// every connection once the handshake has proven a key (socket threads); the seed's loop
/// changes it as commits apply. An address it does not know is not checked (a newcomer, or a
/// node that knows no members).
/// </summary>
public sealed class KeyBook
{
    private readonly ConcurrentDictionary<NodeAddress, NodeKey> _pinned = new();
    private readonly ConcurrentDictionary<NodeAddress, NodeKey> _bound = new();

    public void Pin(NodeAddress seed, NodeKey key) => _pinned[seed] = key;

    public NodeKey? Pinned(NodeAddress seed) => _pinned.GetValueOrDefault(seed);

    public void Bind(NodeAddress member, NodeKey key) => _bound[member] = key;

    public void Unbind(NodeAddress member) => _bound.TryRemove(member, out _);

    /// <summary>The key a member's registration bound to its address (null: none); the seed keeps its members' keys here only.</summary>
    public NodeKey? Bound(NodeAddress member) => _bound.GetValueOrDefault(member);

    /// <summary>The key <paramref name="address"/> must prove; null: any.</summary>
    public NodeKey? Expected(NodeAddress address) => _pinned.GetValueOrDefault(address) ?? _bound.GetValueOrDefault(address);

    /// <summary>Null when <paramref name="proven"/> may speak for <paramref name="address"/>; otherwise why not ("is registered with key ..., but it proved key ...").</summary>
    public string? Refusal(NodeAddress address, NodeKey proven) =>
        Expected(address) is { } expected && !expected.Equals(proven)
            ? $"is {(_pinned.ContainsKey(address) ? "pinned" : "registered")} with key {expected.Fingerprint}, but it proved key {proven.Fingerprint}"
            : null;
}
