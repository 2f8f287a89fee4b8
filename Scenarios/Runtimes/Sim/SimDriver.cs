using GossipSim.Scenarios.Run.Control;
using GossipSim.Simulator.Network;

namespace GossipSim.Scenarios.Runtimes.Sim;

/// <summary>
/// Runs a simulation to its end, stopping between events only where manager commands are
/// carried out: after every event up to the command's virtual time. The simulator keeps its
/// total order of events (time, then who made them: <see cref="Simulator.Events.EventKey"/>)
/// whether it runs in one go or in pieces, so a live run and the same run repeated from its
/// record of commands (<see cref="OperatorLog"/>) are one run.
/// </summary>
public static class SimDriver
{
    public const long ProgressEveryEvents = 250_000;

    /// <param name="recorded">Commands to carry out at their virtual times (a live run's record).</param>
    /// <param name="live">Paces the run to wall time and brings the page's commands; null runs as fast as it can.</param>
    public static void Run(SimNetwork net, TimeSpan end, SimManager manager, IReadOnlyList<(double At, RunCommand Command)> recorded,
        LiveSimulation? live, Action<SimNetwork> progress)
    {
        int next = 0;
        try
        {
            // Every event at time zero first, as a command at 0 s finds them whichever way it comes.
            net.RunUntil(TimeSpan.Zero, progress, ProgressEveryEvents);
            while (true)
            {
                for (; next < recorded.Count && When(recorded[next].At) <= net.Now && !manager.Quit; next++)
                    manager.Carry(recorded[next].Command);
                live?.CarryQueued(manager.Carry);
                if (manager.Quit || net.Now >= end) return;
                var target = live == null ? end : Paced(live.Pace, end);
                if (next < recorded.Count && When(recorded[next].At) < target) target = When(recorded[next].At);
                if (target > net.Now)
                {
                    net.RunUntil(target, progress, ProgressEveryEvents);
                    live?.Pace.Reach(net.Now.TotalSeconds);
                }
                else live?.Pace.Wait();
            }
        }
        finally
        {
            live?.Finish();
        }
    }

    private static TimeSpan When(double seconds) => TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));

    private static TimeSpan Paced(SimPacer pace, TimeSpan end)
    {
        double seconds = pace.TargetNow(end.TotalSeconds);
        return seconds >= end.TotalSeconds ? end : When(seconds);
    }
}
