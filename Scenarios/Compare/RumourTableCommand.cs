using System.CommandLine;
using System.Globalization;
using System.Text;
using GossipSim.Protocols.Rumour;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Results;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;

namespace GossipSim.Scenarios.Compare;

/// <summary>
/// `rumour-table SCENARIO`: Demers et al.'s Table 1 (PODC 1987: rumour mongering, push, feedback and counter) measured on the
/// simulator. The scenario (a rumour broadcast, papers/demers-rumour.json) runs once per counter k and seed; each run's trace gives
/// each rumour's residue and convergence and the run's traffic (<see cref="RumourFigures"/>); the table gives, per k, their means
/// over every rumour (traffic over every run) with the standard error of each mean. docs/rumour.md has the paper's beside it.
/// </summary>
public static class RumourTableCommand
{
    public static Command Create()
    {
        var scenarioArg = new Argument<string>("scenario") { Description = "A scenario whose broadcast is rumour (papers/demers-rumour.json)" };
        var counters = new Option<string>("--counter")
        {
            Description = "The counters k to run, comma-separated", DefaultValueFactory = _ => "1,2,3,4,5",
        };
        var runs = new Option<int>("--runs") { Description = "Runs (seeds) per counter", DefaultValueFactory = _ => 10 };
        var seed = new Option<ulong>("--seed") { Description = "The first run's seed; run i has seed + i", DefaultValueFactory = _ => 1 };
        var outDir = new Option<string?>("--out") { Description = "Output directory (default: results/<scenario name>/rumour-table)" };
        var cmd = new Command("rumour-table", "Measure Demers et al.'s Table 1 (PODC 1987: rumour mongering with feedback and a "
            + "counter k; residue, traffic, t_ave and t_last in cycles) on the simulator: the scenario once per k and seed, the means over "
            + "every rumour with their standard errors (docs/rumour.md)")
        {
            scenarioArg, counters, runs, seed, outDir,
        };
        cmd.SetAction(r => Run(r.GetValue(scenarioArg)!, r.GetValue(counters)!, r.GetValue(runs), r.GetValue(seed), r.GetValue(outDir)));
        return cmd;
    }

    /// <summary>One counter's figures: means over rumours (traffic: over runs) and their standard errors.</summary>
    public sealed record Row(int K, int Rumours, int Runs, Mean Residue, Mean Traffic, Mean TAve, Mean TLast);

    /// <summary>A mean and its standard error (the sample's standard deviation over the square root of its size).</summary>
    public readonly record struct Mean(double Value, double StdErr)
    {
        public static Mean Of(IReadOnlyList<double> xs)
        {
            if (xs.Count == 0) return new Mean(double.NaN, double.NaN);
            double mean = xs.Average();
            double var = xs.Count < 2 ? 0 : xs.Sum(x => (x - mean) * (x - mean)) / (xs.Count - 1);
            return new Mean(mean, Math.Sqrt(var / xs.Count));
        }

        public string Text(string format) =>
            Value.ToString(format, CultureInfo.InvariantCulture) + " ± " + StdErr.ToString(format, CultureInfo.InvariantCulture);
    }

    public static int Run(string scenarioName, string counters, int runs, ulong firstSeed, string? outDir) => RunExits.Of(() =>
    {
        string path = ScenarioLoader.Resolve(scenarioName);
        var scenario = ScenarioLoader.Load(path);
        var config = ScenarioConfig.PeerConfigOf(scenario);
        if (Engine.Peer.BroadcastMenu.NameOf(config.Broadcast) != "rumour")
            throw new ScenarioException($"rumour-table: {scenario.Name}'s broadcast is {Engine.Peer.BroadcastMenu.NameOf(config.Broadcast)}, "
                + "not rumour (\"protocol\": {\"broadcast\": \"rumour\"})");
        if (runs < 1) throw new ScenarioException("--runs: at least 1");
        var ks = counters.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(k =>
            int.TryParse(k, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= 1 ? v
                : throw new ScenarioException($"--counter: '{k}' is not a whole number of at least 1")).ToArray();
        var cycle = TimeSpan.FromSeconds(config.Setting(RumourMongering.CycleField));
        string dir = Path.GetFullPath(outDir ?? ResultsFolders.Default(scenario.Name!, "rumour-table"));
        Directory.CreateDirectory(dir);
        string command = $"dotnet run --project Scenarios -c Release -- rumour-table {Path.GetRelativePath(Environment.CurrentDirectory, path)} "
            + $"--counter {string.Join(",", ks)} --runs {runs} --seed {firstSeed}";
        var rows = new List<Row>();
        foreach (int k in ks)
        {
            var rumours = new List<RumourEpidemic>();
            var traffic = new List<double>();
            for (int i = 0; i < runs; i++)
            {
                ulong seed = firstSeed + (ulong)i;
                var s = CompareCommand.Copy(scenario);
                s.Runtime = RuntimeDrivers.Simulator.Name;
                s.Protocol[RumourMongering.CounterField] = k;
                string runDir = Path.Combine(dir, $"k{k}", $"seed{seed}");
                Directory.CreateDirectory(runDir);
                var options = new RunOptions { SeedOverride = seed, OutDir = runDir, TraceFile = true, Logs = false, Quiet = true, CommandLine = command };
                var result = RunDoor.Run(s, options, runDir, _ => { });
                var figures = RumourFigures.Of(Analysis.Trace.TraceFile.Read(Analysis.Trace.TraceFile.Require(result.OutDir)), s.Peers, cycle);
                rumours.AddRange(figures.Rumours);
                traffic.Add(figures.Traffic);
                File.Delete(Analysis.Trace.TraceFile.Require(result.OutDir)); // 10 MiB a run: the figures are what is kept
                Console.WriteLine($"k={k} seed {seed}: {figures.Rumours.Count} rumours, residue {figures.Rumours.Average(r => r.Residue):0.####}, "
                    + $"traffic {figures.Traffic:0.###}, t_ave {figures.Rumours.Average(r => r.TAve):0.##}, t_last {figures.Rumours.Average(r => r.TLast):0.##}");
            }
            rows.Add(new Row(k, rumours.Count, runs, Mean.Of([.. rumours.Select(r => r.Residue)]), Mean.Of(traffic),
                Mean.Of([.. rumours.Select(r => r.TAve)]), Mean.Of([.. rumours.Select(r => (double)r.TLast)])));
        }
        string table = Markdown(scenario, rows, command);
        File.WriteAllText(Path.Combine(dir, "rumour-table.md"), table);
        Console.Write(table);
        Console.WriteLine($"table: {Path.GetRelativePath(Environment.CurrentDirectory, dir)}/rumour-table.md");
        return 0;
    });

    /// <summary>The table, with what it measured and how to measure it again.</summary>
    public static string Markdown(Scenario s, IReadOnlyList<Row> rows, string command)
    {
        var md = new StringBuilder();
        md.AppendLine($"# Rumour mongering, push, feedback and counter: {s.Name}, {s.Peers:N0} peers");
        md.AppendLine();
        md.AppendLine("Means over every rumour (traffic: over every run), ± their standard errors. Residue: the share of the peers that never "
            + "received the rumour; traffic: rumour pushes sent per peer per rumour; t_ave and t_last: the mean and the last cycle of a first receipt.");
        md.AppendLine();
        md.AppendLine("| k | rumours (runs) | residue s | traffic m | t_ave | t_last |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in rows)
            md.AppendLine($"| {r.K} | {r.Rumours} ({r.Runs}) | {r.Residue.Text("0.0000")} | {r.Traffic.Text("0.00")} | {r.TAve.Text("0.00")} | {r.TLast.Text("0.00")} |");
        md.AppendLine();
        md.AppendLine("Measure it again from the repository root:");
        md.AppendLine();
        md.AppendLine("    " + command);
        return md.ToString();
    }
}
