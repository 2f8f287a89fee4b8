using GossipSim.Engine.Trace;
using GossipSim.Dashboard.Events;
using GossipSim.Dashboard.Runs;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Dashboard;

/// <summary>
/// The dashboard of one command: started before the run, so its address is printed first,
/// then handed the run. A real run is followed live (its nodes' trace files); a simulation is
/// run live, paced by the page (1x wall time to start with, pause, speed, step) and managed
/// from it, its events recorded through the runner's live trace hook; after it ends the
/// recording is served as a replay until Ctrl-C.
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    private readonly DashboardSession _session;
    private readonly DashboardServer _server;
    private ReplayTimeline? _simTimeline;

    private DashboardHost(DashboardSession session, DashboardServer server)
    {
        _session = session;
        _server = server;
    }

    /// <summary>The page's address with its token (<see cref="DashboardToken"/>): what the command prints for the operator to open.</summary>
    public Uri Url => _server.PageUrl;
    public DashboardSession Session => _session;
    public DashboardToken Token => _server.Token;

    /// <summary>Starts the dashboard; its token goes to a file of mode 600 in <paramref name="tokenDirectory"/> (default:
    /// $XDG_RUNTIME_DIR, else the temporary directory), named on the console.</summary>
    public static async Task<DashboardHost> StartAsync(int port, string? tokenDirectory = null)
    {
        var session = new DashboardSession();
        var server = await DashboardServer.StartAsync(session, port, tokenDirectory ?? DashboardToken.DefaultDirectory).ConfigureAwait(false);
        if (!DashboardServer.HasGraphView) Console.WriteLine($"dashboard: {DashboardServer.GraphViewMissing}");
        Console.WriteLine(server.Token.File != null
            ? $"dashboard: its token (needed to watch and command the run; other users of this machine cannot read it) is in the "
                + $"address below and in {server.Token.File}"
            : $"dashboard: its token (needed to watch and command the run) is in the address below only: {server.Token.FileProblem}");
        return new DashboardHost(session, server);
    }

    /// <summary>Follows a real run once it has started.</summary>
    public void FollowRealRun(ILiveRealRun run) => _session.UseRealRun(run);

    /// <summary>A simulation run live: returns the sink its trace events go to (they are recorded and shown up to its present).</summary>
    /// <param name="regions">On the measured Internet: each node's continent, which the page can colour peers by.</param>
    public ITraceSink SimulateLive(ILiveSimulationRun run, string scenario, Func<NodeAddress, string?>? regions = null)
    {
        _simTimeline = new ReplayTimeline();
        _session.UseLiveSimulation(_simTimeline, run, scenario, regions);
        return _simTimeline;
    }

    /// <summary>The run is over: a recorded simulation is complete; the page says where the results are.</summary>
    public void RunFinished(string note)
    {
        _simTimeline?.MarkComplete();
        if (_simTimeline is { Dropped: > 0 } t)
            Console.WriteLine($"dashboard: the simulation had more than {t.MaxEvents:N0} events; the page plays "
                + $"the first {t.MaxEvents:N0}");
        _session.SetEndNote(note);
    }

    /// <summary>Blocks until Ctrl-C or SIGTERM (the dashboard keeps serving meanwhile).</summary>
    public static void WaitForInterrupt()
    {
        using var done = new ManualResetEventSlim();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; done.Set(); };
        Console.CancelKeyPress += onCancel;
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM,
            c => { c.Cancel = true; done.Set(); });
        done.Wait();
        Console.CancelKeyPress -= onCancel;
    }

    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync().ConfigureAwait(false);
        await _server.DisposeAsync().ConfigureAwait(false);
    }
}
