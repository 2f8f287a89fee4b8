using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GossipSim.Analysis.Report;
using GossipSim.Analysis.Summary;
using GossipSim.Analysis.Trace;
using GossipSim.Analysis.Wan;

namespace GossipSim.Analysis.Cli;

/// <summary><c>report RESULTS_DIR</c>: plots and report.html rebuilt from a saved trace (trace.jsonl.gz or trace.jsonl; summary.json,
/// repro.txt when present).</summary>
public static class ReportCommand
{
    /// <param name="placesOf">Where a results folder's nodes were on the measured Internet (its scenario's model with its seed, placed
    /// by the runtime that ran it), for the world map and latency by distance; null where the host cannot tell (this tool alone reads
    /// traces, not scenarios: the scenarios' program, which can, passes it).</param>
    public static Command Create(Func<string, NodePlaces?>? placesOf = null)
    {
        var dir = new Argument<string>("RESULTS_DIR")
            { Description = "A run's results folder holding trace.jsonl.gz or trace.jsonl (summary.json and "
                + "repro.txt are used when present)." };
        var options = CommonOptions.Create();
        var command = new Command("report", "Rebuild the degree, latency and failures plots (PNG and SVG) "
            + "and a self-contained report.html from a results folder's trace (trace.jsonl.gz or trace.jsonl).")
        {
            dir, options.Bootstrap, options.Seed, options.Xmin, options.Threads,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string folder = parse.GetValue(dir)!;
            string tracePath;
            try { tracePath = TraceFile.Require(folder); }
            catch (FileNotFoundException ex) { throw new InputException(ex.Message, ex); }

            Progress.Line($"reading {tracePath} ({Readable.Bytes(new FileInfo(tracePath).Length)})");
            var (scenario, description, summary, checks, origin, onWan, nodes) = ReadSummary(folder);
            var places = onWan ? placesOf?.Invoke(folder) : null;
            if (onWan && places == null)
                Progress.Line(placesOf == null
                    ? "note: a run on the measured Internet: its world map and latency by distance need its scenario's model, which "
                        + $"`dotnet run --project Scenarios -- report {folder}` reads"
                    : "note: a run on the measured Internet whose scenario.json does not place its nodes: no world map or latency by distance");
            RunTrace trace;
            try
            {
                trace = RunTrace.Read(tracePath, origin, n => Progress.Line($"  {n:N0} events"), places, nodes);
            }
            catch (FormatException ex)
            {
                throw new InputException(ex.Message, ex);
            }
            Progress.Line(string.Create(CultureInfo.InvariantCulture,
                $"{trace.Events:N0} events: {trace.PeerDegrees.Length:N0} live peers, {trace.Failures.Count} failures"));

            var input = new RunReportInput
            {
                Scenario = scenario,
                Description = description,
                ReproduceCommand = ReadRepro(folder),
                Degrees = trace.PeerDegrees,
                Latency = trace.Latency,
                Failures = trace.Failures,
                Seeds = trace.Seeds,
                NetworkWindows = trace.NetworkWindows,
                Restarts = trace.Restarts,
                Summary = summary,
                Checks = checks,
                FitOptions = options.ToFitOptions(parse),
                Wan = trace.Wan,
            };
            var output = RunReport.Write(folder, input, Progress.Line);
            if (output.FitNote != null) Progress.Line("note: " + output.FitNote);
            foreach (var line in output.LeftOut) Progress.Line("note: " + line);
            if (output.Fit != null) Console.Out.WriteLine(FitInterpretation.Sentence(output.Fit));
            foreach (var f in output.Files) Console.Out.WriteLine("wrote " + f);
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// What summary.json says of the run: its name, the flattened table, the checks the run
    /// recorded (they need the scenario's bounds, so they are not recomputed here), and a real
    /// run's time origin, whether it was on the measured Internet (a wan section), and the nodes a simulated run had (which nodes'
    /// links its map kept; 0 on real nodes, as their run did). scenario.json gives the description.
    /// </summary>
    private static (string Scenario, string Description, List<KeyValuePair<string, string>> Summary, IReadOnlyList<CheckResult> Checks,
        TimeSpan? Origin, bool OnWan, int Nodes) ReadSummary(string folder)
    {
        string name = new DirectoryInfo(folder).Name;
        string description = "";
        string summaryPath = Path.Combine(folder, "summary.json");
        var pairs = new List<KeyValuePair<string, string>>();
        IReadOnlyList<CheckResult> checks = [];
        TimeSpan? origin = null;
        (bool onWan, int nodes) = (false, 0);
        if (File.Exists(summaryPath))
        {
            string json = File.ReadAllText(summaryPath);
            try
            {
                pairs = SummaryJson.Flatten(json);
                var summary = RunSummary.FromJson(json);
                name = summary.Scenario.Length > 0 ? summary.Scenario : name;
                checks = summary.Checks ?? [];
                (onWan, nodes) = (summary.Wan != null, summary.Runtime == "sim" ? summary.Seeds + summary.Peers : 0);
                if (summary.Runtime == "sim") origin = TimeSpan.Zero;
                else if (summary.Extra?.GetValueOrDefault("timeOriginUnixSeconds") is JsonElement { ValueKind: JsonValueKind.Number } t0)
                    origin = TimeSpan.FromTicks((long)Math.Round(t0.GetDouble() * TimeSpan.TicksPerSecond));
            }
            catch (JsonException ex)
            {
                throw new InputException($"{summaryPath}: not valid JSON ({ex.Message})", ex);
            }
        }
        string scenarioPath = Path.Combine(folder, "scenario.json");
        if (File.Exists(scenarioPath))
        {
            try { description = SummaryJson.GetString(File.ReadAllText(scenarioPath), "description") ?? ""; }
            catch (JsonException) { /* a scenario that does not parse only loses its description here */ }
        }
        return (name, description, pairs, checks, origin, onWan, nodes);
    }

    /// <summary>The command from repro.txt (its first line that is not a comment), else how to rebuild this report.</summary>
    private static string ReadRepro(string folder)
    {
        string path = Path.Combine(folder, "repro.txt");
        if (File.Exists(path))
        {
            var line = File.ReadLines(path).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#'));
            if (line != null) return line;
        }
        return $"dotnet run --project Analysis -- report {folder}";
    }
}
