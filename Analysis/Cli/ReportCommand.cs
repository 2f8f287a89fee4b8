using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GossipSim.Analysis.Plots;
using GossipSim.Analysis.Report;
using GossipSim.Engine.Trace;

namespace GossipSim.Analysis.Cli;

/// <summary><c>report RESULTS_DIR</c>: plots and report.html rebuilt from a saved trace.jsonl (and summary.json, repro.txt when present).</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("RESULTS_DIR") { Description = "A run's results folder holding trace.jsonl (summary.json and repro.txt are used when present)." };
        var options = CommonOptions.Create();
        var command = new Command("report", "Rebuild the degree, latency and failures plots (PNG and SVG) "
            + "and a self-contained report.html from a results folder's trace.jsonl.")
        {
            dir, options.Bootstrap, options.Seed, options.Xmin, options.Threads,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string folder = parse.GetValue(dir)!;
            if (!Directory.Exists(folder)) throw new InputException($"{folder}: no such folder");
            string tracePath = Path.Combine(folder, "trace.jsonl");
            if (!File.Exists(tracePath)) throw new InputException($"{tracePath}: no such file (the report is built from the run's trace)");

            Progress.Line($"reading {tracePath} ({new FileInfo(tracePath).Length / 1e6:0.#} MB)");
            RunTrace trace;
            var network = new NetworkEvents();
            try
            {
                // One pass over the file: the network faults are picked up as the events go by.
                var events = TraceJson.ReadFile(tracePath).Select(e => { network.Write(e); return e; });
                trace = RunTrace.From(events, n => Progress.Line($"  {n:N0} events"));
            }
            catch (FormatException ex)
            {
                throw new InputException(ex.Message, ex);
            }
            Progress.Line(string.Create(CultureInfo.InvariantCulture,
                $"{trace.Events:N0} events: {trace.PeerDegrees.Length:N0} live peers, {trace.Latency.Sum(s => s.Seconds.Length):N0} deliveries, {trace.Failures.Count} failures"));

            var (scenario, description, summary) = ReadSummary(folder);
            var input = new RunReportInput
            {
                Scenario = scenario,
                Description = description,
                ReproduceCommand = ReadRepro(folder),
                Degrees = trace.PeerDegrees,
                Latency = trace.Latency,
                Failures = trace.Failures,
                NetworkWindows = network.Windows,
                Restarts = network.Restarts,
                Summary = summary,
                FitOptions = options.ToFitOptions(parse),
            };
            var output = RunReport.Write(folder, input, Progress.Line);
            if (output.FitNote != null) Progress.Line("note: " + output.FitNote);
            if (output.Fit != null) Console.Out.WriteLine(FitInterpretation.Sentence(output.Fit));
            foreach (var f in output.Files) Console.Out.WriteLine("wrote " + f);
            return 0;
        }));
        return command;
    }

    private static (string Scenario, string Description, List<KeyValuePair<string, string>> Summary) ReadSummary(string folder)
    {
        string name = new DirectoryInfo(folder).Name;
        string description = "";
        string summaryPath = Path.Combine(folder, "summary.json");
        var pairs = new List<KeyValuePair<string, string>>();
        if (File.Exists(summaryPath))
        {
            string json = File.ReadAllText(summaryPath);
            try
            {
                pairs = SummaryJson.Flatten(json);
                name = SummaryJson.GetString(json, "scenario") ?? name;
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
        return (name, description, pairs);
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
