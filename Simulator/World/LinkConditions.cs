using GossipSim.Simulator.Latency;

namespace GossipSim.Simulator.World;

/// <summary>
/// What a message meets on its way, as the faults last set it: the latency model, loss,
/// duplication, reordering, a latency spike and a cut into groups. The network changes it only
/// between windows; during a window the partitions read it side by side.
/// </summary>
internal sealed class LinkConditions(ulong seed, LatencyModel latency)
{
    private LatencyModel _latency = latency.ForRun(seed);
    // Per node, only while the network is cut (0: "everyone else", which a node added after the cut is in too).
    private int[] _groups = [];
    /// <summary>Directed (from group, to group) pairs that cannot talk; empty when nothing is partitioned.</summary>
    private readonly HashSet<(int from, int to)> _blocked = new();

    /// <summary>The model for this run: each draw keyed by the run's seed.</summary>
    public LatencyModel Latency { get => _latency; set => _latency = value.ForRun(seed); }
    public double LossRate;
    public double DuplicationRate;
    public double ReorderRate;
    public TimeSpan ReorderMaxDelay = TimeSpan.FromMilliseconds(200);
    public double LatencyFactor = 1;
    public TimeSpan ExtraLatency;
    /// <summary>How long a sender waits before a message a partition dropped is reported to it as failed: TCP's connect timeout, the
    /// real transport's default (<see cref="Engine.Core.TransportTimeouts.Connect"/>).</summary>
    public TimeSpan SendTimeout = Engine.Core.TransportTimeouts.Connect;

    /// <summary>A drawn delay under the latency spike now in force (the identity when there is none).</summary>
    public long Spiked(long ticks) =>
        LatencyFactor != 1 || ExtraLatency != TimeSpan.Zero ? (long)(ticks * LatencyFactor) + ExtraLatency.Ticks : ticks;

    /// <summary>The smallest delay any message can have now: the window's width when partitions run side by side.</summary>
    public long Lookahead => Math.Max(1, Spiked(_latency.MinTicks));

    public bool IsPartitioned => _blocked.Count > 0;
    public bool Blocked(int from, int to) => _blocked.Contains((GroupOf(from), GroupOf(to)));
    private int GroupOf(int node) => (uint)node < (uint)_groups.Length ? _groups[node] : 0;

    /// <summary>Cuts the first <paramref name="nodes"/> nodes into groups: two-way, or from group 1 to group 2 only.</summary>
    public void Cut(IReadOnlyDictionary<int, int> groupOfNode, int nodes, bool oneWay)
    {
        if (_groups.Length < nodes) _groups = new int[nodes];
        for (int i = 0; i < _groups.Length; i++) _groups[i] = i < nodes && groupOfNode.TryGetValue(i, out int g) ? g : 0;
        _blocked.Clear();
        int groups = groupOfNode.Values.DefaultIfEmpty(0).Max();
        if (oneWay) _blocked.Add((1, 2));
        else
            for (int a = 0; a <= groups; a++)
                for (int b = 0; b <= groups; b++)
                    if (a != b) _blocked.Add((a, b));
    }

    public void Heal()
    {
        Array.Clear(_groups);
        _blocked.Clear();
    }
}
