using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Transport;

/// <summary>
/// A seed known by key answers at two addresses: its name (the address its line gives, or its key makes for a line naming a host),
/// and where its signed word says it is now. The node sends to either; a live connection held under the other carries the message,
/// so the node never dials a seed it is still connected to, which the seed would refuse as a second hello for the same address
/// (<see cref="OnHello"/>).
/// </summary>
public sealed partial class TcpTransport
{
    private readonly Dictionary<NodeAddress, NodeAddress> _seedAlias = new(); // under _gate: a seed's name <-> where it is now

    /// <summary>Seed <paramref name="seed"/> (its name) is at <paramref name="at"/> now: its connections there are long-lived, and
    /// one held under either address carries what is sent to the other.</summary>
    public void SeedAt(NodeAddress seed, NodeAddress at)
    {
        KeepOpen(at, keep: true);
        lock (_gate)
        {
            if (_seedAlias.Remove(seed, out var before)) _seedAlias.Remove(before);
            _seedAlias[seed] = at;
            _seedAlias[at] = seed;
        }
    }

    /// <summary>A live pooled connection under the other address of a seed (under <see cref="_gate"/>); null: none.</summary>
    private TcpConnection? PooledUnderAlias(NodeAddress to) =>
        _seedAlias.Count != 0 && _seedAlias.TryGetValue(to, out var other) && _pool.TryGetValue(other, out var c) && !c.IsClosed ? c : null;
}
