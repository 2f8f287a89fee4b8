using GossipSim.Dashboard;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Places;
using GossipSim.Scenarios.Results;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Run.Control;

namespace GossipSim.Scenarios.Dashboard;

/// <summary>How the scenario command runs with <c>--dashboard</c>, and the terminal manager of every real run.</summary>
public static class DashboardRun
{
    /// <summary>A real run without the dashboard still takes manager commands typed at the terminal.</summary>
    public static RunOptions WithPrompt(RunOptions options) => options with
    {
        OnRealRunStarted = control => ManagerPrompt.Start(control, control.SendAsync, Console.In, Console.Out,
            announce: !Console.IsInputRedirected),
    };

    /// <summary>Runs the scenario with the dashboard serving it; returns the scenario command's exit code.</summary>
    public static int Run(string scenarioName, RunOptions options, int port, Func<string, RunOptions, int> runScenario)
    {
        Scenario scenario;
        try { scenario = ScenarioLoader.Load(ScenarioLoader.Resolve(scenarioName)); }
        catch (ScenarioException) { return runScenario(scenarioName, options); } // it reports the error
        var runtime = Runtimes.RuntimeDrivers.Of(options.RuntimeOverride ?? scenario.Runtime);
        if (!runtime.DashboardFollows(scenario))
        {
            Console.WriteLine("note: the dashboard follows simulated runs and real runs of node processes; a netns or in-process real run "
                + "goes ahead without it, its manager at the terminal (replay its results afterwards with the replay command)");
            return runScenario(scenarioName, WithPrompt(options));
        }
        DashboardHost host;
        try { host = DashboardHost.StartAsync(port).GetAwaiter().GetResult(); }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message} (choose another with --dashboard-port, or 0 for any free port)");
            return 2;
        }
        Console.WriteLine($"dashboard: {host.Url}");
        string outDir = Path.GetRelativePath(Environment.CurrentDirectory,
            Path.GetFullPath(options.OutDir ?? ResultsFolders.Default(scenario.Name!)));
        // Through the dashboard, so the page logs the terminal's commands too.
        void Prompt(IRunControl control) => ManagerPrompt.Start(control, async c =>
        {
            var answer = await host.Session.CommandAsync(ManagerCommand.Format(c), "terminal").ConfigureAwait(false);
            return new RunAnswer(answer.Done, answer.Lines, Array.Empty<NodeInfo>());
        }, Console.In, Console.Out, announce: !Console.IsInputRedirected);
        var withDashboard = options with
        {
            OnRealRunStarted = control =>
            {
                host.FollowRealRun(DashboardRuns.Of(control));
                Prompt(control);
            },
        };
        if (runtime.Simulates)
        {
            var live = new LiveSimulation();
            // On the measured Internet the page can colour peers by continent: placed as the run places them (its model and seed).
            var regions = RunPlaces.Continents(runtime.PlacesOf(ScenarioConfig.LatencyOf(scenario),
                options.SeedOverride ?? scenario.Seed, options.SeedsOverride ?? scenario.Seeds));
            var trace = host.SimulateLive(DashboardRuns.Of(live), scenario.Name!, regions);
            withDashboard = withDashboard with { LiveTrace = trace, Live = live };
            Prompt(live);
        }
        int code;
        try
        {
            code = runScenario(scenarioName, withDashboard);
            host.RunFinished(code == 0 ? $"results in {outDir}/ (replay: dotnet run --project Scenarios -- "
                + $"replay {outDir})" : "the run failed");
            if (runtime.Simulates && code == 0)
            {
                Console.WriteLine($"dashboard: the simulation is done; its replay is still served at {host.Url} (Ctrl-C stops)");
                DashboardHost.WaitForInterrupt();
            }
        }
        finally
        {
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        return code;
    }
}
