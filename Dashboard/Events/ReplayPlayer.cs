using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Dashboard.Events;

/// <summary>What the view must do with one step of a replay.</summary>
/// <param name="Reset">Start again from an empty network (a seek backwards) before applying <paramref name="Events"/>.</param>
/// <param name="Jumped">The step skipped ahead (a seek): its crossings are not worth animating.</param>
public sealed record ReplayStep(bool Reset, bool Jumped, List<TraceEvent> Events);

/// <summary>
/// A cursor over a <see cref="ReplayTimeline"/> moved by wall time: play, pause, speed and seek.
/// Times are run seconds from <see cref="Origin"/>. While the timeline is still being recorded
/// the cursor waits at its last event; on a complete timeline it pauses at the end.
/// Not thread-safe: the dashboard calls it under its own lock.
/// </summary>
public sealed class ReplayPlayer
{
    public const double MinSpeed = 0.05, MaxSpeed = 500;

    private readonly ReplayTimeline _timeline;
    private int _next;
    private double? _seekTo;

    public ReplayPlayer(ReplayTimeline timeline, TimeSpan origin, bool playing = true, double speed = 1)
    {
        _timeline = timeline;
        Origin = origin;
        Playing = playing;
        Speed = Math.Clamp(speed, MinSpeed, MaxSpeed);
    }

    public TimeSpan Origin { get; }
    public bool Playing { get; private set; }
    public double Speed { get; private set; }
    /// <summary>Run seconds up to which events have been handed out.</summary>
    public double Position { get; private set; }

    /// <summary>The end of what can be played now (run seconds): the last event held.</summary>
    public double End => _timeline.LastTime is { } last ? Math.Max(0, (last - Origin).TotalSeconds) : 0;
    public bool AtEnd => _timeline.Complete && Position >= End && _next >= _timeline.Count;

    public void Play()
    {
        if (AtEnd) _seekTo = 0; // play again from the start
        Playing = true;
    }

    public void Pause() => Playing = false;
    public void SetSpeed(double speed) => Speed = Math.Clamp(speed, MinSpeed, MaxSpeed);
    public void Seek(double seconds) => _seekTo = Math.Max(0, seconds);

    /// <summary>
    /// A simulation run live: the cursor follows the simulator's present, <paramref name="seconds"/>
    /// (every event up to it is already in the timeline), and hands out the events passed.
    /// </summary>
    public ReplayStep Follow(double seconds)
    {
        var events = new List<TraceEvent>();
        Position = Math.Max(Position, seconds);
        _next = _timeline.CopyUpTo(_next, Origin + TimeSpan.FromTicks((long)Math.Round(Position * TimeSpan.TicksPerSecond)), events);
        return new ReplayStep(false, false, events);
    }

    /// <summary>Moves the cursor by <paramref name="wallElapsed"/> times the speed (or to a pending seek) and hands out the events
    /// passed.</summary>
    public ReplayStep Advance(TimeSpan wallElapsed)
    {
        var events = new List<TraceEvent>();
        bool reset = false, jumped = false;
        if (_seekTo is { } target)
        {
            _seekTo = null;
            target = Math.Min(target, End);
            if (target < Position) { reset = true; _next = 0; }
            jumped = true;
            Position = target;
        }
        else if (Playing)
        {
            Position += wallElapsed.TotalSeconds * Speed;
            if (Position >= End)
            {
                Position = End;
                if (_timeline.Complete) Playing = false;
            }
        }
        var upTo = Position >= End ? TimeSpan.MaxValue : Origin + TimeSpan.FromTicks((long)Math.Round(Position * TimeSpan.TicksPerSecond));
        _next = _timeline.CopyUpTo(_next, upTo, events);
        return new ReplayStep(reset, jumped, events);
    }
}
