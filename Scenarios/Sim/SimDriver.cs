using GossipSim.Engine.Simulation;

namespace GossipSim.Scenarios.Sim;

/// <summary>
/// Runs a simulation to its end, stopping between events only where manager commands are
/// carried out: after every event up to a command's virtual time. The simulator keeps its
/// total order of events whether it runs in one go or in pieces, so a live run and the same
/// run repeated from its record of commands (<see cref="OperatorLog"/>) are one run.
/// </summary>
public static class SimDriver
{
    public const long ProgressEveryEvents = 250_000;

    /// <summary>In one go, or stopping at each recorded command.</summary>
    public static void Run(SimNetwork net, TimeSpan end, SimManager manager, IReadOnlyList<(double At, Real.RunCommand Command)> recorded, Action<SimNetwork> progress)
    {
        foreach (var (at, command) in recorded)
        {
            var when = TimeSpan.FromMilliseconds(Math.Round(at * 1000));
            if (when > end) break;
            net.RunUntil(when, progress, ProgressEveryEvents);
            manager.Carry(command);
            if (manager.Quit) return;
        }
        net.RunUntil(end, progress, ProgressEveryEvents);
    }

    /// <summary>Paced by <paramref name="live"/>: runs to where the pace allows, carrying out commands in between, until the end or a quit.</summary>
    public static void RunLive(SimNetwork net, TimeSpan end, SimManager manager, LiveSimulation live, Action<SimNetwork> progress)
    {
        try
        {
            // Every event at time zero first, as a command recorded at 0 s finds them when repeated.
            net.RunUntil(TimeSpan.Zero, progress, ProgressEveryEvents);
            while (true)
            {
                live.CarryQueued(manager.Carry);
                if (manager.Quit || net.Now >= end) return;
                double seconds = live.Pace.TargetNow(end.TotalSeconds);
                var target = seconds >= end.TotalSeconds ? end : TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
                if (target > net.Now)
                {
                    net.RunUntil(target, progress, ProgressEveryEvents);
                    live.Pace.Reach(net.Now.TotalSeconds);
                }
                else live.Pace.Wait();
            }
        }
        finally
        {
            live.Finish();
        }
    }
}
