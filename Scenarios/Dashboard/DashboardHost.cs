using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Dashboard.Events;
using GossipSim.Scenarios.Dashboard.Model;
using GossipSim.Scenarios.Real;

namespace GossipSim.Scenarios.Dashboard;

/// <summary>
/// The dashboard of one command: started before the run, so its address is printed first,
/// then handed the run. A real run is followed live (its nodes' trace files); a simulation is
/// recorded through the runner's live trace hook and played back paced to wall time (at 1x,
/// with pause, speed and seek) while it is still being computed, and served until Ctrl-C
/// after it ends.
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

    public static async Task<DashboardHost> StartAsync(int port, int maxPeers = DrawnSet.DefaultMaxPeers)
    {
        var session = new DashboardSession(maxPeers);
        var server = await DashboardServer.StartAsync(session, port).ConfigureAwait(false);
        return new DashboardHost(session, server);
    }

    /// <summary>For <c>RunOptions.OnRealRunStarted</c>.</summary>
    public void FollowRealRun(IRunControl control) => _session.UseRealRun(control);

    /// <summary>For <c>RunOptions.LiveTrace</c>: records a simulation for the page to play as it is computed.</summary>
    public ITraceSink RecordSimulation(string scenario)
    {
        _simTimeline = new ReplayTimeline();
        _session.UseTimeline(_simTimeline, TimeSpan.Zero, "sim", scenario);
        return _simTimeline;
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
