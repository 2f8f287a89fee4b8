using GossipSim.Dashboard.Events;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Run.Narration;

/// <summary>
/// The narration of a real run as it happens: the nodes' own trace files, followed as the
/// dashboard follows them (<see cref="NodeTraceTailer"/>), and the runtime's events (a crash
/// leaves no line in the killed node's trace), in time order through one <see cref="RunNarrator"/>;
/// each line it gives is said with its time on the scenario's clock. Called on the run's loop.
/// </summary>
public sealed class LiveNarration
{
    /// <summary>How often the run's loop reads the traces.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly NodeTraceTailer _tailer;
    private readonly RunNarrator _narrator = new();
    private readonly TimeSpan _origin;
    private readonly Action<string> _say;
    private int _runtimeEventsRead;

    /// <param name="origin">The scenario's time zero on the traces' clock (Unix time): lines say t= from it.</param>
    public LiveNarration(string nodesDirectory, TimeSpan origin, Action<string> say)
    {
        _tailer = new NodeTraceTailer(nodesDirectory, LiveRunSource.HoldBack);
        _origin = origin;
        _say = say;
    }

    /// <summary>Tells what happened up to <paramref name="now"/> (Unix time) less the tailer's hold-back.</summary>
    /// <param name="runtimeEvents">The runtime's own events so far, in time order (only those past the last call are new).</param>
    public void Poll(TimeSpan now, IReadOnlyList<TraceEvent> runtimeEvents)
    {
        var until = now - _tailer.HoldBack;
        var events = _tailer.Poll(now);
        int read = _runtimeEventsRead;
        while (read < runtimeEvents.Count && runtimeEvents[read].Time <= until) events.Add(runtimeEvents[read++]);
        _runtimeEventsRead = read;
        foreach (var e in events.OrderBy(e => e.Time))
            foreach (var line in _narrator.Apply(e)) Say(line);
        foreach (var line in _narrator.Tick(until)) Say(line);
    }

    private void Say(NarrationLine line) =>
        _say(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"t={(line.At - _origin).TotalSeconds:F1}s {line.Text}"));
}
