using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Dashboard.Events;
using GossipSim.Scenarios.Dashboard.Model;
using GossipSim.Scenarios.Run.Control;

namespace GossipSim.Scenarios.Dashboard;

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

    public Uri Url => _server.Url;
    public DashboardSession Session => _session;

    public static async Task<DashboardHost> StartAsync(int port)
    {
        var session = new DashboardSession();
        var server = await DashboardServer.StartAsync(session, port).ConfigureAwait(false);
        return new DashboardHost(session, server);
    }

    /// <summary>For <c>RunOptions.OnRealRunStarted</c>.</summary>
    public void FollowRealRun(IRealRunControl control) => _session.UseRealRun(control);

    /// <summary>A simulation run live: for <c>RunOptions.LiveTrace</c> and <c>RunOptions.Live</c>.</summary>
    public (ITraceSink Trace, LiveSimulation Live) SimulateLive(string scenario)
    {
        _simTimeline = new ReplayTimeline();
        var live = new LiveSimulation();
        _session.UseLiveSimulation(_simTimeline, live, scenario);
        return (_simTimeline, live);
    }

    /// <summary>The run is over: a recorded simulation is complete; the page says where the results are.</summary>
    public void RunFinished(string note)
    {
        _simTimeline?.MarkComplete();
        if (_simTimeline is { Dropped: > 0 } t)
            Console.WriteLine($"dashboard: the simulation had more than {t.MaxEvents:N0} events; the page plays the first {t.MaxEvents:N0}");
        _session.SetEndNote(note);
    }

    /// <summary>Blocks until Ctrl-C or SIGTERM (the dashboard keeps serving meanwhile).</summary>
    public static void WaitForInterrupt()
    {
        using var done = new ManualResetEventSlim();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; done.Set(); };
        Console.CancelKeyPress += onCancel;
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; done.Set(); });
        done.Wait();
        Console.CancelKeyPress -= onCancel;
    }

    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync().ConfigureAwait(false);
        await _server.DisposeAsync().ConfigureAwait(false);
    }
}
