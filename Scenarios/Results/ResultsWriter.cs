using GossipSim.Analysis.Summary;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Run.Control;

namespace GossipSim.Scenarios.Results;

/// <summary>Writes what every run leaves behind: summary.json, repro.txt, the scenario, and (via Analysis) plots and report.</summary>
public static class ResultsWriter
{
    public static void Write(RunResult result, Scenario scenario, string scenarioPath, RunOptions options, Action<string>? say = null)
    {
        say ??= _ => { };
        string dir = result.OutDir;
        var fit = AnalysisOutputs.Fit(result, say);
        File.WriteAllText(Path.Combine(dir, "summary.json"), result.Summary.ToJson() + "\n");
        string copy = Path.Combine(dir, "scenario.json");
        if (!string.Equals(Path.GetFullPath(scenarioPath), Path.GetFullPath(copy), StringComparison.Ordinal))
            File.Copy(scenarioPath, copy, overwrite: true);
        File.WriteAllText(Path.Combine(dir, "repro.txt"), Repro(result.Summary, scenarioPath, dir, options));
        AnalysisOutputs.Write(result, scenario, File.ReadAllText(Path.Combine(dir, "repro.txt")).Split('\n')[1], fit, say);
    }

    private static string Repro(RunSummary s, string scenarioPath, string dir, RunOptions o)
    {
        string rel = ScenarioLoader.AsNamed(scenarioPath);
        string outRel = Path.GetRelativePath(Environment.CurrentDirectory, dir);
        var cmd = o.ReproCommand ?? $"{Host.HostProgram.RunCommand} -c Release -- {rel} --seed {s.Seed} "
            + $"--out {outRel} --runtime {s.Runtime}";
        if (o.ReproCommand == null && o.SeedsOverride is { } seeds) cmd += $" --seeds {seeds}";
        if (o.ReproCommand == null && o.PeersOverride is { } peers) cmd += $" --peers {peers}";
        if (o.ReproCommand == null) foreach (var (role, name) in o.RoleOverrides) cmd += $" {role.Option} {name}";
        // A command of its own (up, collect, soak) takes its own options: the scenario run's are not appended to it.
        if (o.ReproCommand == null && o.Logs is { } l) cmd += l ? " --logs on" : " --logs off";
        if (o.ReproCommand == null && o.TraceFile is { } t) cmd += t ? " --trace on" : " --trace off";
        // A live simulation's manager commands are part of the run: they are applied again at their virtual times.
        if (s.Extra?.ContainsKey(OperatorLog.SummaryField) == true) cmd += $" --operator {Path.Combine(outRel, OperatorLog.FileName)}";
        string from = Host.HostProgram.Name != null ? "the folder it ran in" : "the repository root";
        return $"# reproduce this run from {from} (same scenario + seed = same trace hash on the simulator):\n"
             + cmd + "\n"
             + $"# as invoked: {o.CommandLine}\n"
             + $"# traceHash: {s.TraceHash ?? "(none: real runtime)"}\n"
             + $"# .NET {Environment.Version}, {Environment.OSVersion}, {Environment.ProcessorCount} cores\n";
    }
}
