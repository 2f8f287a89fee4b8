using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Trace;

/// <summary>Where trace events go: a JSONL file, a hash, live statistics. Called on the node's thread.</summary>
public interface ITraceSink
{
    void Write(in TraceEvent e);
}

/// <summary>Fans one event out to several sinks, in order.</summary>
public sealed class TraceFanout : ITraceSink
{
    private readonly ITraceSink[] _sinks;
    public TraceFanout(params ITraceSink[] sinks) => _sinks = sinks;

    public void Write(in TraceEvent e)
    {
        foreach (var s in _sinks) s.Write(e);
    }
}

public sealed class NullTraceSink : ITraceSink
{
    public static readonly NullTraceSink Instance = new();
    public void Write(in TraceEvent e) { }
}
