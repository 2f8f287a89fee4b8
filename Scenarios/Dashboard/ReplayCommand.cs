using System.CommandLine;
using GossipSim.Dashboard;
using GossipSim.Dashboard.Events;
using GossipSim.Scenarios.Places;
using GossipSim.Scenarios.Runtimes;

namespace GossipSim.Scenarios.Dashboard;

/// <summary><c>replay results/&lt;name&gt;</c>: the dashboard over a saved trace, with play, pause, speed and a time slider.</summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("results")
            { Description = "A results folder (its trace.jsonl.gz or trace.jsonl is played) or a trace file" };
        var port = new Option<int>("--dashboard-port")
            { Description = "Port on 127.0.0.1 (default: one the OS chooses; printed)", DefaultValueFactory = _ => 0 };
        var speed = new Option<double>("--speed")
            { Description = "Playback speed to start with (run seconds per wall second)", DefaultValueFactory = _ => 1 };
        var at = new Option<double>("--at") { Description = "Start at this run time (seconds), paused", DefaultValueFactory = _ => -1 };
        var cmd = new Command("replay", "Serve the dashboard over a saved run's trace (real or simulated): the overlay, gossip, failures "
            + "and plots, with play, pause, speed and a time slider. Ctrl-C stops it.")
        {
            path, port, speed, at,
        };
        cmd.SetAction(r => Run(r.GetValue(path)!, r.GetValue(port), r.GetValue(speed), r.GetValue(at)));
        return cmd;
    }

    public static int Run(string path, int port, double speed, double at)
    {
        try
        {
            var (timeline, origin, name) = SavedRun.Load(path);
            var host = DashboardHost.StartAsync(port).GetAwaiter().GetResult();
            // A run on the measured Internet: its peers' continents, from its own scenario and seed, for the page's colours.
            var regions = Directory.Exists(path) ? RunPlaces.Continents(RunPlaces.OfResults(path, RuntimeDrivers.Of)) : null;
            host.Session.UseTimeline(timeline, origin, "replay", name, playing: at < 0, speed: speed, regions: regions);
            if (at >= 0) host.Session.Control("seek", at);
            Console.WriteLine($"dashboard: {host.Url}");
            Console.WriteLine("replaying; Ctrl-C stops the server");
            DashboardHost.WaitForInterrupt();
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return 0;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or FormatException or IOException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 2;
        }
    }
}
