using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Dashboard.Events;
using GossipSim.Scenarios.Dashboard.Model;

namespace GossipSim.Scenarios.Dashboard;

/// <summary><c>replay results/&lt;name&gt;</c>: the dashboard over a saved trace, with play, pause, speed and a time slider.</summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("results") { Description = "A results folder (its trace.jsonl.gz or trace.jsonl is played) or a trace file" };
        var port = new Option<int>("--dashboard-port") { Description = "Port on 127.0.0.1 (default: one the OS chooses; printed)", DefaultValueFactory = _ => 0 };
        var speed = new Option<double>("--speed") { Description = "Playback speed to start with (run seconds per wall second)", DefaultValueFactory = _ => 1 };
        var at = new Option<double>("--at") { Description = "Start at this run time (seconds), paused", DefaultValueFactory = _ => -1 };
        var cmd = new Command("replay", "Serve the dashboard over a saved run's trace (real or simulated): the overlay, gossip, failures and plots, with play, pause, speed and a time slider. Ctrl-C stops it.")
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
            var (timeline, origin, name) = Load(path);
            var host = DashboardHost.StartAsync(port).GetAwaiter().GetResult();
            host.Session.UseTimeline(timeline, origin, "replay", name, playing: at < 0, speed: speed);
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

    /// <summary>The events of a results folder or trace file in time order, the run's time origin and its name.</summary>
    public static (ReplayTimeline timeline, TimeSpan origin, string name) Load(string path)
    {
        string trace = Directory.Exists(path) ? Analysis.Trace.TraceFile.Require(path) : path;
        string dir = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!File.Exists(trace)) throw new FileNotFoundException($"{path}: no such results folder or trace file");
        var wall = Stopwatch.StartNew();
        Console.WriteLine($"loading {trace} ...");
        var events = Analysis.Trace.TraceFile.Read(trace, progress: n => Console.WriteLine($"  {n:N0} lines")).ToList();
        // A real run's merged trace is in time order already; make sure, stably.
        bool ordered = true;
        for (int i = 1; i < events.Count && ordered; i++) ordered = events[i - 1].Time <= events[i].Time;
        if (!ordered) events = events.OrderBy(e => e.Time).ToList();

        string name = Path.GetFileName(Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar));
        TimeSpan origin = TimeSpan.Zero;
        bool simulated = false;
        string summary = Path.Combine(dir, "summary.json");
        if (File.Exists(summary))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(summary));
                var root = doc.RootElement;
                if (root.TryGetProperty("scenario", out var s) && s.ValueKind == JsonValueKind.String) name = s.GetString()!;
                simulated = root.TryGetProperty("runtime", out var rt) && rt.GetString() == "sim";
                if (root.TryGetProperty("extra", out var extra) && extra.ValueKind == JsonValueKind.Object
                    && extra.TryGetProperty("timeOriginUnixSeconds", out var t0) && t0.ValueKind == JsonValueKind.Number)
                    origin = TimeSpan.FromTicks((long)Math.Round(t0.GetDouble() * TimeSpan.TicksPerSecond));
            }
            catch (JsonException) { }
        }
        // A real trace without a recorded origin starts at its first event (Unix time is no run time).
        if (origin == TimeSpan.Zero && !simulated && events.Count > 0 && events[0].Time > TimeSpan.FromDays(365))
            origin = events[0].Time;
        var timeline = new ReplayTimeline(events);
        double span = events.Count > 0 ? (events[^1].Time - origin).TotalSeconds : 0;
        Console.WriteLine($"loaded {events.Count:N0} events, {span.ToString("0.0", CultureInfo.InvariantCulture)} s of run time, in {wall.Elapsed.TotalSeconds:0.0} s");
        return (timeline, origin, name);
    }
}
