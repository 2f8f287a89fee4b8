using GossipSim.Dashboard.Runs;
using GossipSim.Scenarios.Run.Control;

namespace GossipSim.Scenarios.Dashboard;

/// <summary>
/// A run's manager as the dashboard takes it (<see cref="IDashboardRun"/>): the lines it sends
/// are read here by the terminal's own parser (<see cref="ManagerCommand"/>) and carried out by
/// the run; the answer goes back with the command written in that same syntax.
/// </summary>
public static class DashboardRuns
{
    public static ILiveRealRun Of(IRealRunControl run) => new RealRun(run);
    public static ILiveSimulationRun Of(LiveSimulation run) => new SimulationRun(run);

    private class ManagedRun(IRunControl run) : IDashboardRun
    {
        public async Task<ManagerAnswer> SendAsync(string line)
        {
            if (ManagerCommand.Parse(line, out string error, run.Capabilities == RunCapabilities.None ? null : run.Capabilities) is not { } command) return ManagerAnswer.NotACommand(error);
            var a = await run.SendAsync(command).ConfigureAwait(false);
            return new ManagerAnswer(ManagerCommand.Format(command), a.Done, a.Lines,
                a.Nodes.Select(n => new ListedNode(n.Address, n.Node.RoleName, n.Up)).ToList());
        }

        public IReadOnlyList<string> Commands => RunCapability.Names(run.Capabilities);
        public string ScenarioName => run.ScenarioName;
        public double PlannedSeconds => run.PlannedSeconds;
        public bool Finished => run.Finished;
    }

    private sealed class RealRun(IRealRunControl run) : ManagedRun(run), ILiveRealRun
    {
        public string NodesDirectory => run.NodesDirectory;
        public TimeSpan TimeOrigin => run.TimeOrigin;
    }

    private sealed class SimulationRun(LiveSimulation run) : ManagedRun(run), ILiveSimulationRun
    {
        public double Now => run.Now;
        public bool Started => run.Started;
        public bool Playing => run.Pace.Playing;
        public double Speed => run.Pace.Speed;
        public void Play() => run.Pace.Play();
        public void Pause() => run.Pace.Pause();
        public void SetSpeed(double speed) => run.Pace.SetSpeed(speed);
        public void Step(double seconds) => run.Pace.Step(seconds);
    }
}
