using GossipSim.Engine.Core;

namespace GossipSim.Engine.Simulation;

/// <summary>
/// A simulated node's output: the writer <see cref="SimNetwork.LogProvider"/> chose for it, and
/// the network's switch for detailed lines.
/// </summary>
internal sealed class SimNodeLog(SimNetwork network, SimNetwork.NodeLog write) : INodeLog
{
    public readonly SimNetwork.NodeLog Write = write;
    public bool Detailed => network.DetailedLogs;
    public void Line(NodeAddress node, TimeSpan now, string line) => Write(node, now, line);
}
