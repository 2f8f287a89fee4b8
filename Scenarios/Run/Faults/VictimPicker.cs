using GossipSim.Scenarios.Definition;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Run.Faults;

/// <summary>A seed or peer by its index in the scenario (peer 3 is the fourth peer to start), the same on every runtime.</summary>
public readonly record struct NodeRef(NodeRole Role, int Index)
{
    public static NodeRef Seed(int index) => new(NodeRole.Seed, index);
    public static NodeRef Peer(int index) => new(NodeRole.Peer, index);
    public bool IsSeed => Role == NodeRole.Seed;
    public string RoleName => IsSeed ? "seed" : "peer";
    public override string ToString() => $"{RoleName}:{Index}";
}

/// <summary>
/// Who a crash takes, as a pure function of the run seed, the fault's position in the schedule
/// and the live peers with their degrees, so the same scenario and seed crash the same peers
/// (by index) on the simulator, in one process and on node processes.
/// </summary>
public static class VictimPicker
{
    /// <param name="livePeers">Indices of the peers running now, in any order.</param>
    /// <param name="degreeOf">A live peer's degree now (by index).</param>
    /// <param name="leavers">The churn's leavers stream, for <see cref="VictimKind.ChurnLeaver"/> (it runs on from leave to leave).</param>
    public static IReadOnlyList<NodeRef> Pick(VictimSelector victims, ulong runSeed, int position, IReadOnlyCollection<int> livePeers,
        Func<int, int> degreeOf, Rng? leavers = null) => victims.Kind switch
    {
        VictimKind.ChurnLeaver => ChurnLeaver(leavers ?? throw new ArgumentNullException(nameof(leavers)), livePeers),
        VictimKind.Hub => Hub(livePeers, degreeOf) is int hub and >= 0 ? new[] { NodeRef.Peer(hub) } : Array.Empty<NodeRef>(),
        VictimKind.RandomPeers => RandomPeers(victims.Count, runSeed, position, livePeers),
        VictimKind.Peer => new[] { NodeRef.Peer(victims.Index) },
        VictimKind.Host => OnHost(victims.Index, victims.Count, victims.Seeds, livePeers),
        _ => new[] { NodeRef.Seed(victims.Index) },
    };

    /// <summary>How many seed lives a schedule's moves start at most (each move one, each drain one for each seed on its host): the
    /// simulator keeps a place for each.</summary>
    public static int SeedMovesOf(IEnumerable<Fault> schedule) => schedule.Sum(f => f switch
    {
        MoveFault => 1,
        DrainFault d => OnHost(d.Host.Index, d.Host.Count, d.Host.Seeds, []).Count,
        _ => 0,
    });

    /// <summary>Every seed and live peer on host <paramref name="host"/> of <paramref name="hosts"/> (<see cref="HostOf"/>): seeds
    /// first, then peers, each in index order (a node not running is skipped when the crash comes).</summary>
    public static IReadOnlyList<NodeRef> OnHost(int host, int hosts, int seeds, IReadOnlyCollection<int> livePeers) =>
        Enumerable.Range(0, seeds).Select(NodeRef.Seed).Concat(livePeers.Order().Select(NodeRef.Peer))
            .Where(n => HostOf(n, hosts) == host).ToList();

    /// <summary>The host a node is on when a run's nodes are spread over <paramref name="hosts"/> in turn: seed i on host i mod
    /// hosts, peer j on host j mod hosts. The docker runtime spreads its containers over several engines so (a seed its label
    /// places elsewhere apart), so a host's crash takes the same nodes on every runtime.</summary>
    public static int HostOf(NodeRef node, int hosts) =>
        hosts >= 1 ? node.Index % hosts : throw new ArgumentOutOfRangeException(nameof(hosts), hosts, "at least one host");

    /// <summary>The live peer of highest degree; ties go to the lowest index. -1 when none is live.</summary>
    public static int Hub(IReadOnlyCollection<int> livePeers, Func<int, int> degreeOf)
    {
        int best = -1, bestDegree = -1;
        foreach (int i in livePeers.Order())
        {
            int d = degreeOf(i);
            if (d > bestDegree) { best = i; bestDegree = d; }
        }
        return best;
    }

    /// <summary><paramref name="count"/> live peers drawn from the run's victims stream, in draw order.</summary>
    public static IReadOnlyList<NodeRef> RandomPeers(int count, ulong runSeed, int position, IReadOnlyCollection<int> livePeers)
    {
        var live = livePeers.Order().ToArray();
        FaultStreams.Victims(runSeed, position).Shuffle(live.AsSpan());
        return live.Take(count).Select(NodeRef.Peer).ToList();
    }

    /// <summary>
    /// The next churn leaver: one live peer (in index order) drawn from <paramref name="leavers"/>; none while one or fewer are
    /// live, and then nothing is drawn, so the churn never empties the network.
    /// </summary>
    public static IReadOnlyList<NodeRef> ChurnLeaver(Rng leavers, IReadOnlyCollection<int> livePeers)
    {
        if (livePeers.Count <= 1) return Array.Empty<NodeRef>();
        var live = livePeers.Order().ToArray();
        return new[] { NodeRef.Peer(live[leavers.NextInt(live.Length)]) };
    }
}
