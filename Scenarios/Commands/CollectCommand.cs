using System.CommandLine;
using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Results;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Commands;

/// <summary>
/// <c>collect FOLDER... --out RESULTS</c>: a network started by hand (seeds and peers of the
/// RealNet executable, on one machine or several) becomes a run's results, as a scenario run's
/// are (summary.json, the checks, the plots, report.html). The real runtime gathers them.
/// </summary>
public static class CollectCommand
{
    /// <param name="args">The command line as typed, for the results' repro line.</param>
    public static Command Create(string[] args)
    {
        var folders = new Argument<string[]>("folders")
        {
            Description = "Node folders (each with the trace.jsonl, log and status.json a seed or peer writes under --out), or folders "
                + "holding them, e.g. one copied from each host",
            Arity = ArgumentArity.OneOrMore,
        };
        var outOpt = new Option<string>("--out")
            { Description = "Results folder to write", DefaultValueFactory = _ => ResultsFolders.Default("collected") };
        var cmd = new Command("collect", "Gather the folders of nodes started by hand (seed/peer of the RealNet executable, on one or "
            + "several machines) into one run's results: outputfile.txt (every node's lines by time), trace.jsonl, summary.json with the "
            + "checks, plots and report.html. A peer whose trace ends without a clean stop and that the seeds removed is shown as a crash.")
        {
            folders, outOpt,
        };
        cmd.SetAction(parse => Run(parse.GetValue(folders)!, parse.GetValue(outOpt)!, Console.WriteLine,
            Host.HostProgram.RunCommand + " -- " + string.Join(' ', args)));
        return cmd;
    }

    /// <summary>Writes the results; exit code per <see cref="ExitCodes"/>.</summary>
    public static int Run(IReadOnlyList<string> folders, string outDir, Action<string> say, string commandLine)
    {
        try
        {
            ScenariosCli.PrintSummary(RuntimeDrivers.CollectByHand(folders, outDir, say, commandLine));
            return ExitCodes.Ok;
        }
        catch (ScenarioException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }
    }
}
