using System.CommandLine;
using GossipSim.Analysis.PowerLaw;

namespace GossipSim.Analysis.Cli;

/// <summary><c>fit FILE [--json] [--bootstrap N] [--seed S] [--xmin X] [--threads T]</c>.</summary>
public static class FitCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE")
        {
            Description = "One integer per line (blank lines and # comments allowed), or a run's trace (trace.jsonl, trace.jsonl.gz, "
                + "or the results folder holding it): then the final degrees of the live peers are fitted.",
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
            var (values, kind) = DegreeInput.Read(path, Progress.Line);
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
