using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GossipSim.Analysis.Summary;

namespace GossipSim.Dashboard.Events;

/// <summary>A saved run (its results folder, or a trace file) as a timeline the dashboard replays.</summary>
public static class SavedRun
{
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
                // Read through the type that writes it, so a renamed field breaks the build, not the replay.
                var written = RunSummary.FromJson(File.ReadAllText(summary));
                if (written.Scenario.Length > 0) name = written.Scenario;
                simulated = written.Runtime == "sim";
                if (written.Extra?.GetValueOrDefault("timeOriginUnixSeconds") is JsonElement { ValueKind: JsonValueKind.Number } t0)
                    origin = TimeSpan.FromTicks((long)Math.Round(t0.GetDouble() * TimeSpan.TicksPerSecond));
            }
            catch (JsonException) { } // a damaged summary: the replay goes on with the folder's name
        }
        // A real trace without a recorded origin starts at its first event (Unix time is no run time).
        if (origin == TimeSpan.Zero && !simulated && events.Count > 0 && events[0].Time > TimeSpan.FromDays(365))
            origin = events[0].Time;
        var timeline = new ReplayTimeline(events);
        double span = events.Count > 0 ? (events[^1].Time - origin).TotalSeconds : 0;
        Console.WriteLine($"loaded {events.Count:N0} events, {span.ToString("0.0", CultureInfo.InvariantCulture)} s of run time, "
            + $"in {wall.Elapsed.TotalSeconds:0.0} s");
        return (timeline, origin, name);
    }
}
