using GossipSim.Engine.Trace;

namespace GossipSim.Simulator.World;

/// <summary>
/// Where what the nodes write goes: the run's trace, whether they build their high-volume lines,
/// and which node's human output is kept. The partitions write through it and the ranks find a
/// line's writer in it, so neither needs the network that holds it.
/// </summary>
internal sealed class RunOutput(ITraceSink trace)
{
    public ITraceSink Trace { get; } = trace;
    /// <summary>Whether nodes build their high-volume output lines (see <see cref="Engine.Core.INodeLog.Detailed"/>).</summary>
    public bool DetailedLogs;
    /// <summary>Which node's human output is kept (null: none). Asked once per node life, when the node starts.</summary>
    public Func<int, NodeLog?> LogProvider = _ => null;
}
