using GossipSim.Engine.Core;
using GossipSim.Simulator.Partitions;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Network;

/// <summary>
/// A simulated node's output: the writer <see cref="SimNetwork.LogProvider"/> chose for it,
/// through its partition's output (so lines keep one order on any number of threads), and the
/// network's switch for detailed lines.
/// </summary>
internal sealed class SimNodeLog(SimNetwork network, PartitionOutput output, SimNetwork.NodeLog writer) : INodeLog
{
    public readonly SimNetwork.NodeLog Writer = writer;
    public bool Detailed => network.DetailedLogs;
    public void Line(NodeAddress node, TimeSpan now, string line) => output.Log(Writer, node, now, line);
}
