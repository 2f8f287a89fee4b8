using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Results;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Simulator.Ranks;
using GossipSim.Simulator.Ranks.Mpi;

namespace GossipSim.Scenarios.Commands;

/// <summary>The scenario command's run: a scenario file through the run door, under its manager, on each rank of an mpirun.</summary>
public static class RunCommand
{
    /// <summary>A run with its manager (the terminal prompt, and the dashboard when asked for); input typed for the manager and left over
    /// is dropped at the end.</summary>
    internal static int RunWithManager(string scenario, RunOptions options, bool dashboard, int dashboardPort)
    {
        options = options with { Narrate = true }; // a run its operator manages: the manager tells what the network does
        var terminal = new ManagedTerminal();
        try
        {
            return dashboard
                ? Dashboard.DashboardRun.Run(scenario, options, dashboardPort, (name, o) => RunScenario(name, o, terminal))
                : RunScenario(scenario, Dashboard.DashboardRun.WithPrompt(options), terminal);
        }
        finally
        {
            // A simulation without the dashboard has no manager: what was typed meanwhile is the
            // next shell command, typed ahead. With the dashboard its manager read the terminal.
            if (terminal.ReadByManager || dashboard) Terminal.DiscardTypedInput();
        }
    }

    /// <summary>
    /// Runs a scenario. Under mpirun each process is a rank of one simulation (docs/ranks.md): every
    /// rank runs it, rank 0 alone takes the results folder and writes it; a rank that fails ends
    /// them all, since the others may be waiting for it in an exchange.
    /// </summary>
    public static int RunScenario(string scenarioName, RunOptions options) => RunScenario(scenarioName, options, new ManagedTerminal());

    private static int RunScenario(string scenarioName, RunOptions options, ManagedTerminal terminal)
    {
        IRankExchange ranks;
        try { ranks = MpiLaunch.OpenRanks(); }
        catch (RankExchangeException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failed;
        }
        using (ranks)
        {
            if (ranks.Ranks == 1) return RunExits.Of(() => RunOnRank(scenarioName, options, terminal));
            int code;
            try { code = RunExits.Of(() => RunOnRank(scenarioName, options with { Ranks = ranks }, terminal), rank: ranks.Rank); }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"error: rank {ranks.Rank} of {ranks.Ranks} failed: {ex.Message}");
                code = ExitCodes.Failed;
            }
            if (code != ExitCodes.Ok) ranks.Abort(code);
            return code;
        }
    }

    private static int RunOnRank(string scenarioName, RunOptions options, ManagedTerminal terminal)
    {
        string path = ScenarioLoader.Resolve(scenarioName);
        var scenario = ScenarioLoader.Load(path);
        var plan = RuntimeDrivers.Plan(scenario, options, Path.GetFullPath(options.OutDir ?? ResultsFolders.Default(scenario.Name!)), path);
        void Say(string line) => Console.WriteLine(line);
        terminal.ReadByManager |= plan.ManagerReadsTerminal;
        try
        {
            RunDoor.Run(plan, Say, result =>
            {
                terminal.RunEnded(); // before the results' lines, as a run that failed does in its finally
                ResultsWriter.Write(result, plan.Scenario, path, plan.Options, Say);
                ScenariosCli.PrintSummary(result);
            });
        }
        finally { terminal.RunEnded(); }
        return ExitCodes.Ok;
    }

    /// <summary>Whether a real run's manager has read this command's terminal: what it left unread is not the shell's.</summary>
    private sealed class ManagedTerminal
    {
        public bool ReadByManager { get; set; }

        /// <summary>The run has ended: a half-typed manager command goes nowhere, now and at exit.</summary>
        public void RunEnded()
        {
            if (ReadByManager) Terminal.DiscardTypedInput();
        }
    }
}
