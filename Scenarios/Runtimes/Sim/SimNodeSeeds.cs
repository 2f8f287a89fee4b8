using GossipSim.Engine.Core;
using GossipSim.Scenarios.Run.Faults;

namespace GossipSim.Scenarios.Runtimes.Sim;

/// <summary>
/// The simulator's side of the one rule for a node's seed (<see cref="RngStreams.NodeSeed"/>): the runner adds a scenario's
/// seeds first, then its peers in index order, so the network's index names the scenario's node, and each draws as it
/// does as a process, in the namespace bed or in a container.
/// </summary>
public static class SimNodeSeeds
{
    /// <summary>The scenario's node at the network's <paramref name="index"/>.</summary>
    public static NodeRef NodeAt(int seeds, int index) => index < seeds ? NodeRef.Seed(index) : NodeRef.Peer(index - seeds);

    /// <summary>Every node's seed by the network's index, for <see cref="Simulator.Network.SimNetwork.NodeSeeds"/>.</summary>
    public static Func<int, ulong> Of(int seeds, ulong runSeed) => index =>
    {
        var node = NodeAt(seeds, index);
        return RngStreams.NodeSeed(runSeed, node.Role, node.Index);
    };
}
