using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Support;

/// <summary>Keeps every trace event of several nodes (each writes from its own loop thread).</summary>
public sealed class CollectingTraceSink : ITraceSink
{
    private readonly object _gate = new();
    private readonly List<TraceEvent> _events = new();

    public void Write(in TraceEvent e)
    {
        lock (_gate) _events.Add(e);
    }

    public TraceEvent[] Snapshot()
    {
        lock (_gate) return _events.ToArray();
    }
}
