using System.CommandLine;
using GossipSim.Analysis.PowerLaw;

namespace GossipSim.Analysis.Cli;

/// <summary><c>fit FILE [--json] [--bootstrap N] [--seed S] [--xmin X] [--threads T]</c>.</summary>
public static class FitCommand
{
    /// <summary>What a list given to fit holds: a discrete power law lives on x ≥ 1.</summary>
    private const string ListHolds = "positive whole numbers (degrees, sizes, counts: a power law is fitted to values of 1 or more)";

    public static Command Create()
    {
        var file = new Argument<string>("FILE")
        {
            Description = "What to fit: a text file of positive whole numbers, one a line, or \"value count\" for a value that occurs "
                + "count times (blank lines and # comments allowed); or a run's trace, compressed as runs write it (trace.jsonl.gz) "
                + "or not (trace.jsonl), or the results folder holding it: then the final degrees of the live peers are fitted.",
        };
        var json = new Option<bool>("--json")
            { Description = "Print one JSON object (the fields of summary.json's \"degree\") instead of a table." };
        var options = CommonOptions.Create();
        var command = new Command("fit", "Fit a discrete power law to integer data: xmin by KS distance, alpha by MLE, "
            + "bootstrap goodness-of-fit p, likelihood-ratio tests against log-normal and exponential.")
        {
            file, json, options.Bootstrap, options.Seed, options.Xmin, options.Threads,
        };
        command.SetAction(parse => CliErrors.Run(() =>
        {
            string path = parse.GetValue(file)!;
            var (values, kind) = DegreeInput.Read(path, Progress.Line, least: 1, expected: ListHolds);
            if (values.Length == 0)
                throw new InputException(kind == DegreeInput.Kind.Trace
                    ? $"{path}: the trace has no live peer, so no degree to fit"
                    : $"{path}: no values: expected {ListHolds}, one a line (or \"value count\")");
            if (kind == DegreeInput.Kind.Trace)
            {
                Progress.Line($"{path}: trace with {values.Length:N0} live peers");
                // A peer left with no link is real but has no place on a power law (x ≥ 1).
                int isolated = values.Count(v => v == 0);
                if (isolated > 0)
                {
                    Progress.Line($"left out {isolated:N0} peers with degree 0");
                    values = values.Where(v => v > 0).ToArray();
                }
            }
            var fitOptions = options.ToFitOptions(parse);
            var fit = PowerLawFitter.Fit(values, fitOptions);
            Console.Out.Write(parse.GetValue(json)
                ? PowerLawFitJson.From(fit).ToJson() + Environment.NewLine
                : FitTable.Render(fit, kind == DegreeInput.Kind.Trace ? $"peer degrees in {path}" : path, fitOptions.Seed));
            return 0;
        }));
        return command;
    }
}
