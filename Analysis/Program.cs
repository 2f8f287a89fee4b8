using System.CommandLine;
using GossipSim.Analysis.Cli;

var root = new RootCommand(
    "GossipSim analysis: fit the overlay's degree distribution to a discrete power law "
    + "(Clauset, Shalizi & Newman 2009) and rebuild a run's plots and report.html.\n\n"
    + "Examples:\n"
    + "  dotnet run --project Analysis -- fit degrees.txt\n"
    + "  dotnet run --project Analysis -- fit results/crash-hub/trace.jsonl --json --bootstrap 2000 --seed 7\n"
    + "  dotnet run --project Analysis -- report results/crash-hub")
{
    FitCommand.Create(),
    ReportCommand.Create(),
    SampleCommand.Create(),
};
return root.Parse(args).Invoke();
