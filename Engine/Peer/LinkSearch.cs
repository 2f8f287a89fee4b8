using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>
/// A peer's search for links while it links or re-attaches: the candidates the seeds gave (the union of their lists, R7), the peers
/// tried and the requests out; dropped once its links are settled (a million settled peers keep none). A seed's whole list and a
/// seed's degree-proportional draws (around <see cref="Config.SeedConfig.FullPeerListMax"/> seeds may send either) are kept apart:
/// read as draws, a whole list (sorted by address) makes the lowest addresses super-hubs (docs/analysis.md, "The overlay against Barabási–Albert").
/// </summary>
internal sealed class LinkSearch
{
    private readonly List<PeerListEntry> _draws = new();
    private readonly List<PeerListEntry> _whole = new();
    private readonly HashSet<NodeAddress> _tried = new();
    private readonly Dictionary<NodeAddress, TimerId> _pending = new();
    public int PendingCount => _pending.Count;
    public bool IsPending(NodeAddress a) => _pending.ContainsKey(a);
    public bool WasTried(NodeAddress a) => _tried.Contains(a);

    /// <summary>Adds a seed's list to the pool (R7: later lists add to the union, they do not replace it).</summary>
    public void AddList(PeerListReply list, int expectedLists)
    {
        var pool = list.Complete ? _whole : _draws;
        pool.EnsureCapacity(list.Entries.Length * expectedLists);
        pool.AddRange(list.Entries);
    }

    /// <summary>Up to <paramref name="count"/> peers to request links from, by preferential attachment
    /// (<see cref="NeighbourChoice.FromPool"/>).</summary>
    /// <param name="spread">How links spread over hosts; the requests out count towards it (<see cref="HostSpread"/>).</param>
    public List<NodeAddress> Choose(int count, Func<NodeAddress, bool> excluded, Rng rng, HostSpread? spread = null) =>
        NeighbourChoice.FromPool(_draws, _whole, count, excluded, rng, spread);

    /// <summary>HyParView: whether the seeds' lists brought candidates not yet taken (<see cref="TakeCandidates"/>).</summary>
    public bool HasCandidates => _draws.Count + _whole.Count > 0;

    /// <summary>HyParView: the seeds' lists as plain candidates with the degrees the seeds know, once (a contact is drawn from them,
    /// the rest go to the passive view), in the order received, without repeats.</summary>
    public List<PeerListEntry> TakeCandidates()
    {
        var seen = new HashSet<NodeAddress>();
        var candidates = new List<PeerListEntry>(_draws.Count + _whole.Count);
        foreach (var e in _draws) if (seen.Add(e.Address)) candidates.Add(e);
        foreach (var e in _whole) if (seen.Add(e.Address)) candidates.Add(e);
        _draws.Clear();
        _whole.Clear();
        return candidates;
    }

    /// <summary>The peers asked for a link whose answer is still out.</summary>
    public IEnumerable<NodeAddress> Pending => _pending.Keys;

    /// <summary>A fresh list replaces the pool: the candidates and the peers tried go; the requests out stay.</summary>
    public void Restart()
    {
        _draws.Clear();
        _whole.Clear();
        _tried.Clear();
    }

    public void Requested(NodeAddress target, TimerId timeout)
    {
        _tried.Add(target);
        _pending[target] = timeout;
    }

    /// <summary>Ends a request that was out (answered or timed out); false when none was.</summary>
    public bool EndRequest(NodeAddress target, out TimerId timeout) => _pending.Remove(target, out timeout);
}
