using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;

namespace GossipSim.Engine.Peer;

/// <summary>
/// A peer's search for links while it is linking or re-attaching: the candidates the seeds
/// gave (the union of their lists, R7), the peers already tried from them, and the link
/// requests still out. Made when links are wanted and dropped once they are settled: a
/// million settled peers keep none.
/// </summary>
internal sealed class LinkSearch
{
    private readonly List<PeerListEntry> _candidates = new();
    private readonly HashSet<NodeAddress> _tried = new();
    private readonly Dictionary<NodeAddress, TimerId> _pending = new();

    /// <summary>Every list in the pool was a seed's whole list (false: degree-proportional draws).</summary>
    public bool Complete { get; private set; } = true;

    public IReadOnlyList<PeerListEntry> Candidates => _candidates;
    public int PendingCount => _pending.Count;
    public bool IsPending(NodeAddress a) => _pending.ContainsKey(a);
    public bool WasTried(NodeAddress a) => _tried.Contains(a);

    /// <summary>Adds a seed's list to the pool (R7: later lists add to the union, they do not replace it).</summary>
    public void AddList(PeerListReply list, int expectedLists)
    {
        if (!list.Complete) Complete = false;
        _candidates.EnsureCapacity(list.Entries.Length * expectedLists);
        _candidates.AddRange(list.Entries);
    }

    /// <summary>A fresh list replaces the pool: the candidates and the peers tried go; the requests out stay.</summary>
    public void Restart()
    {
        _candidates.Clear();
        _tried.Clear();
        Complete = true;
    }

    public void Requested(NodeAddress target, TimerId timeout)
    {
        _tried.Add(target);
        _pending[target] = timeout;
    }

    /// <summary>Ends a request that was out (answered or timed out); false when none was.</summary>
    public bool EndRequest(NodeAddress target, out TimerId timeout) => _pending.Remove(target, out timeout);
}
