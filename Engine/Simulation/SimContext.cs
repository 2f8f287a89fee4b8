using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;

namespace GossipSim.Engine.Simulation;

/// <summary>A node's window on the simulated world: everything goes through the network.</summary>
internal sealed class SimContext(SimNetwork network, int index, NodeAddress self, Rng rng) : INodeContext
{
    public NodeAddress Self { get; } = self;
    public int Index { get; } = index;
    public TimeSpan Now => network.Now;
    public Rng Random { get; } = rng;
    public bool LogEnabled => network.DetailedLogs && network.LogFor(Index) != null;

    public void Send(NodeAddress to, Message message) => network.Send(Index, Self, to, message);
    public TimerId SetTimer(TimeSpan after, TimerTag tag) => network.SetTimer(Index, after, tag);
    public void CancelTimer(TimerId id) => network.CancelTimer(id);
    public void Trace(in TraceEvent e) => network.TraceSink.Write(e);
    public void Log(string line) => network.LogFor(Index)?.Invoke(Self, network.Now, line);
}
