using System.Diagnostics;

namespace GossipSim.Scenarios.Run.Control;

/// <summary>
/// How far a live simulation may run: virtual time follows wall time times a speed, or stands
/// still while paused and moves on by steps. Only the pace reads the wall clock; the simulator
/// is handed virtual times to run to, so its events are the same whatever the pace.
/// Thread-safe: the page sets the pace, the simulation's thread reads it.
/// </summary>
public sealed class SimPacer
{
    /// <summary>The page's speed range: the same as a replay's.</summary>
    public const double MinSpeed = GossipSim.Dashboard.Events.ReplayPlayer.MinSpeed,
        MaxSpeed = GossipSim.Dashboard.Events.ReplayPlayer.MaxSpeed;

    /// <summary>The simulation stops between events (where commands are carried out) at least every this much wall time's worth of virtual
    /// time at the current speed.</summary>
    public static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(100);

    private readonly object _lock = new();
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly SemaphoreSlim _poke = new(0);
    private double _anchorVirtual, _anchorWall, _speed = 1, _reached;
    private bool _playing = true;

    public bool Playing { get { lock (_lock) return _playing; } }
    public double Speed { get { lock (_lock) return _speed; } }

    /// <summary>Virtual seconds the simulation has run to: every event up to this time has happened.</summary>
    public double Reached { get { lock (_lock) return _reached; } }

    /// <summary>
    /// The virtual time to run to (seconds): from the anchor, wall time times the speed while
    /// playing; never past <paramref name="end"/>, nor more than a slice of wall time ahead of
    /// <paramref name="reached"/>; whole milliseconds, so a command's time is written exactly. The floor
    /// allows a millionth of a millisecond, so a whole-millisecond sum that binary floating point
    /// holds just under its value (9.635 + 8 = 17.634999…) is not cut a millisecond short.
    /// </summary>
    public static double Target(double anchorVirtual, double anchorWall, double wall, double speed,
        bool playing, double reached, double end)
    {
        double target = playing ? anchorVirtual + (wall - anchorWall) * speed : anchorVirtual;
        target = Math.Min(target, reached + Math.Max(0.001, Slice.TotalSeconds * speed));
        return Math.Min(end, Math.Floor(target * 1000 + 1e-6) / 1000);
    }

    public double TargetNow(double end)
    {
        lock (_lock) return Target(_anchorVirtual, _anchorWall, _wall.Elapsed.TotalSeconds, _speed, _playing, _reached, end);
    }

    /// <summary>The simulation's thread: it has run to <paramref name="seconds"/>.</summary>
    public void Reach(double seconds)
    {
        lock (_lock) _reached = seconds;
    }

    public void Play() => Change(() => _playing = true);
    public void Pause() => Change(() => _playing = false);
    public void SetSpeed(double speed) => Change(() => _speed = Math.Clamp(speed, MinSpeed, MaxSpeed));

    /// <summary>Runs <paramref name="seconds"/> more of virtual time (paused: then stands again).</summary>
    public void Step(double seconds) => Change(() => _anchorVirtual += seconds);

    /// <summary>
    /// A pace change counts from where the simulation is when playing (one that fell behind does
    /// not race to catch up), and from the anchor when paused (steps not yet run are kept).
    /// </summary>
    private void Change(Action change)
    {
        lock (_lock)
        {
            if (_playing) _anchorVirtual = _reached;
            _anchorWall = _wall.Elapsed.TotalSeconds;
            change();
        }
        Poke();
    }

    /// <summary>Wakes the simulation's thread (a command came, or the pace changed).</summary>
    public void Poke()
    {
        if (_poke.CurrentCount == 0) _poke.Release();
    }

    /// <summary>The simulation's thread, with nothing to run yet: waits for a poke or a little wall time.</summary>
    public void Wait() => _poke.Wait(TimeSpan.FromMilliseconds(20));
}
