using System.CommandLine;

namespace GossipSim.Analysis.Cli;

/// <summary>The command line of the Analysis tool: fit, report, sample, degrees-compare.</summary>
public static class AnalysisCli
{
    /// <param name="placesOf">Where a results folder's nodes were on the measured Internet, for <c>report</c>'s world map (see
    /// <see cref="ReportCommand.Create"/>); null: this tool alone, which reads traces, not scenarios.</param>
    public static RootCommand Build(Func<string, Wan.NodePlaces?>? placesOf = null) => new(
        "GossipSim analysis: fit the overlay's degree distribution to a discrete power law "
        + "(Clauset, Shalizi & Newman 2009), compare two degree samples, and rebuild a run's plots and report.html.\n\n"
        + "Examples:\n"
        + "  dotnet run --project Analysis -- fit degrees.txt\n"
        + "  dotnet run --project Analysis -- fit results/crash-hub/trace.jsonl.gz --json --bootstrap 2000 --seed 7\n"
        + "  dotnet run --project Analysis -- report results/crash-hub\n"
        + "  dotnet run --project Analysis -- sample powerlaw --alpha 2.5 --xmin 5 --n 10000 -o pl.txt\n"
        + "  dotnet run --project Analysis -- sample ba --n 10000 --m 3 -o ba.txt\n"
        + "  dotnet run --project Analysis -- degrees-compare results/my-run ba.txt --tail-at 100,500,1000 --out results/my-run\n\n"
        + Engine.Core.ExitCodes.Help)
    {
        FitCommand.Create(),
        ReportCommand.Create(placesOf),
        SampleCommand.Create(),
        DegreesCompareCommand.Create(),
    };

    public static int Run(string[] args) => UsageErrors.Invoke(Build().Parse(args), Console.Error);
}
