using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.RealNet.Transport;

namespace GossipSim.RealNet.Host;

/// <summary>A node's window on the real world. Called only from the node's loop (the INodeContext contract).</summary>
internal sealed class RealNodeContext(NodeHost host, ITransport transport, RealClock clock, Rng rng, ITraceSink trace, NodeLog? log) : INodeContext
{
    public NodeAddress Self => transport.LocalAddress;
    public TimeSpan Now => clock.Now;
    public Rng Random => rng;
    public bool LogEnabled => log != null;

    public void Send(NodeAddress to, Message message) => transport.Send(to, message);
    public TimerId SetTimer(TimeSpan after, TimerTag tag) => host.SetTimer(after, tag);
    public void CancelTimer(TimerId id) => host.CancelTimer(id);
    public void Trace(in TraceEvent e) => trace.Write(e);
    public void Log(string line) => log?.Line(line);
}
