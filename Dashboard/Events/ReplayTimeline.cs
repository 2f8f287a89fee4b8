using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Dashboard.Events;

/// <summary>
/// A run's trace events in time order, held in memory for replay: loaded from a saved trace,
/// or recorded from a simulation as it runs (it is then a trace sink, written on the
/// simulator's thread while the dashboard reads it). Bounded: beyond
/// <see cref="MaxEvents"/> further events are counted, not kept.
/// </summary>
public sealed class ReplayTimeline : ITraceSink
{
    /// <summary>About 70 bytes an event: 3 million is some 200 MB.</summary>
    public const int DefaultMaxEvents = 3_000_000;

    private readonly List<TraceEvent> _events;
    private readonly object _lock = new();
    private bool _complete;

    public ReplayTimeline(int maxEvents = DefaultMaxEvents)
    {
        MaxEvents = maxEvents;
        _events = new List<TraceEvent>();
    }

    /// <summary>A finished timeline over events already in time order.</summary>
    public ReplayTimeline(IEnumerable<TraceEvent> events)
    {
        _events = events.ToList();
        MaxEvents = Math.Max(_events.Count, 1);
        _complete = true;
    }

    public int MaxEvents { get; }
    public long Dropped { get; private set; }

    public int Count { get { lock (_lock) return _events.Count; } }

    /// <summary>No more events will come (the run is over, or the trace was read whole).</summary>
    public bool Complete { get { lock (_lock) return _complete; } }

    /// <summary>Time of the last event held, or null when there is none yet.</summary>
    public TimeSpan? LastTime { get { lock (_lock) return _events.Count > 0 ? _events[^1].Time : null; } }
    public TimeSpan? FirstTime { get { lock (_lock) return _events.Count > 0 ? _events[0].Time : null; } }

    public void Write(in TraceEvent e)
    {
        lock (_lock)
        {
            if (_complete) return;
            if (_events.Count < MaxEvents) _events.Add(e);
            else Dropped++;
        }
    }

    public void MarkComplete()
    {
        lock (_lock) _complete = true;
    }

    /// <summary>Copies events from index <paramref name="from"/> on whose time is at most <paramref name="upTo"/>; returns the next
    /// index.</summary>
    public int CopyUpTo(int from, TimeSpan upTo, List<TraceEvent> into)
    {
        lock (_lock)
        {
            int i = from;
            while (i < _events.Count && _events[i].Time <= upTo) into.Add(_events[i++]);
            return i;
        }
    }
}
