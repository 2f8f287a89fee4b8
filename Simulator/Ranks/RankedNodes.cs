using GossipSim.Simulator.World;

namespace GossipSim.Simulator.Ranks;

/// <summary>
/// What every rank knows of every node, though each holds only its own: whether it runs, whether
/// it is a registered peer and its degree, for the faults' victim picker and triggers, which run
/// on every rank alike. Gathered from the owners in one all-reduce when first asked after the
/// nodes ran (a window), and kept up to date by the control events that change it (a crash, a
/// leave, a restart), which every rank carries out alike: so every rank asks the same questions
/// and gets the same answers.
/// </summary>
internal sealed class RankedNodes(NodeTable nodes, IRankExchange ranks, Func<int, bool> owned)
{
    private const long Alive = 1L << 40, Registered = 1L << 41, DegreeMask = uint.MaxValue;
    private long[] _states = [];
    private int _count = -1; // nodes the states cover; -1: gather again before answering

    /// <summary>The nodes ran (a window) or were added: gather again when next asked.</summary>
    public void Stale() => _count = -1;

    public bool IsAlive(int index) => (State(index) & Alive) != 0;
    public int DegreeOf(int index) => (int)(State(index) & DegreeMask);
    public bool IsRegisteredPeer(int index) => (State(index) & Registered) != 0;

    /// <summary>A control event ended this node's life (every rank says it).</summary>
    public void Ended(int index)
    {
        if (index < _count) _states[index] = 0;
    }

    /// <summary>A control event restarted this node: it runs, not yet registered, with no links.</summary>
    public void Restarted(int index)
    {
        if (index < _count) _states[index] = Alive;
    }

    private long State(int index)
    {
        if (index >= _count) Gather();
        return _states[index];
    }

    private void Gather()
    {
        int n = nodes.Count;
        if (_states.Length < n) _states = new long[n];
        var states = _states.AsSpan(0, n);
        states.Clear();
        for (int i = 0; i < n; i++)
            if (owned(i) && nodes.Lives[i].Node is { } node)
                states[i] = Alive | (node.IsRegisteredPeer ? Registered : 0) | (uint)node.OverlayDegree;
        ranks.AllReduce(states, RankReduction.Sum);
        _count = n;
    }
}
