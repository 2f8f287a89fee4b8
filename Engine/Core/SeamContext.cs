using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Core;

/// <summary>
/// A node's context composed from separate seams: a transport, a clock with timers, a trace sink
/// and an optional log. What a real node (RealNet's host) and tests give a node; the simulator's
/// per-node attachment is a context of its own.
/// </summary>
public sealed class SeamContext(
    NodeAddress self, ITransport transport, IClock clock, Rng random, ITraceSink trace, INodeLog? log) : NodeContext(self, random)
{
    public override TimeSpan Now => clock.Now;
    public override void Send(NodeAddress to, Message message) => transport.Send(to, message);
    public override TimerId SetTimer(TimeSpan after, TimerTag tag) => clock.SetTimer(after, tag);
    public override void CancelTimer(TimerId id) => clock.CancelTimer(id);
    public override void Trace(in TraceEvent e) => trace.Write(e);
    public override bool LogEnabled => log is { Detailed: true };
    public override void Log(string line) => log?.Line(Self, clock.Now, line);
}
