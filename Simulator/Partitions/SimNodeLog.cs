using GossipSim.Engine.Core;
using GossipSim.Simulator.World;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Partitions;

/// <summary>
/// A simulated node's output: the writer <see cref="RunOutput.LogProvider"/> chose for it,
/// through its partition's output (so lines keep one order on any number of threads), and the
/// network's switch for detailed lines.
/// </summary>
internal sealed class SimNodeLog(RunOutput run, PartitionOutput output, NodeLog writer) : INodeLog
{
    public readonly NodeLog Writer = writer;
    public bool Detailed => run.DetailedLogs;
    public void Line(NodeAddress node, TimeSpan now, string line) => output.Log(Writer, node, now, line);
}
