using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GossipSim.Analysis.Summary;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Results;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;

namespace GossipSim.Scenarios.Compare;

/// <summary>
/// `papers`: every paper's scenario (Scenarios/scenarios/papers/) on the simulator, on the seeds asked for, and one table of each
/// expected figure — the paper's value and tolerance, what each seed measured, the verdict — beside the runs' own checks. It tunes
/// nothing: a figure missed is printed with the value measured, and the command ends with exit code 1. Demers et al.'s table has its
/// own command (`rumour-table`), named here.
/// </summary>
public static class PapersCommand
{
    /// <summary>Scenarios larger than this are left out by --quick (swim-load-100k: about three minutes).</summary>
    public const int QuickMaxPeers = 10_000;

    public static Command Create()
    {
        var seeds = new Option<string?>("--seeds")
        {
            Description = "Seeds to run each scenario on, comma-separated (default: each scenario's own seed)",
        };
        var only = new Option<string?>("--only") { Description = "Only these scenarios, by name, comma-separated (e.g. swim-first-detection)" };
        var quick = new Option<bool>("--quick") { Description = $"Leave out the scenarios of more than {QuickMaxPeers:N0} peers" };
        var outDir = new Option<string?>("--out") { Description = "Output directory (default: results/papers)" };
        var cmd = new Command("papers", "Run the papers' scenarios (Scenarios/scenarios/papers/) on the simulator and print each expected "
            + "figure beside the paper's: SWIM's first detection and load, Plumtree's redundancy and reliability, HyParView's reliability "
            + "after a mass failure (docs/protocol.md); exit code 1 when a figure is missed")
        {
            seeds, only, quick, outDir,
        };
        cmd.SetAction(r => Run(r.GetValue(seeds), r.GetValue(only), r.GetValue(quick), r.GetValue(outDir)));
        return cmd;
    }

    /// <summary>One expected figure on one seed: what the run measured (null: it had no such figure) and the check's verdict.</summary>
    public sealed record Measured(ulong Seed, double? Value, CheckVerdict Verdict);

    /// <summary>One expected figure of one scenario, over the seeds run.</summary>
    public sealed record Row(string Scenario, int Peers, string Figure, double Value, double Within, string Source,
        IReadOnlyList<Measured> Seeds, IReadOnlyList<string> OtherChecksFailed);

    public static int Run(string? seedList, string? onlyList, bool quick, string? outDir) => RunExits.Of(() =>
    {
        var wanted = Names(onlyList);
        var seeds = seedList == null ? null : ParseSeeds(seedList);
        var names = ScenarioLoader.Papers();
        if (wanted != null)
        {
            var unknown = wanted.Where(w => !names.Any(n => NameOf(n) == w)).ToList();
            if (unknown.Count > 0)
                throw new ScenarioException($"--only: no paper scenario {string.Join(", ", unknown)}; the papers' scenarios: "
                    + string.Join(", ", names.Select(NameOf)));
        }
        string dir = Path.GetFullPath(outDir ?? ResultsFolders.Default("papers"));
        Directory.CreateDirectory(dir);
        var rows = new List<Row>();
        var skipped = new List<string>();
        foreach (string name in names)
        {
            if (wanted != null && !wanted.Contains(NameOf(name))) continue;
            var scenario = ScenarioLoader.Load(ScenarioLoader.Resolve(name));
            if (scenario.Expected is not { Count: > 0 })
            {
                skipped.Add($"{NameOf(name)}: no expected figures (Demers et al.'s table: `rumour-table {name}`, docs/rumour.md)");
                continue;
            }
            if (quick && scenario.Peers > QuickMaxPeers)
            {
                skipped.Add($"{NameOf(name)}: {scenario.Peers:N0} peers, left out by --quick");
                continue;
            }
            rows.AddRange(RunOne(name, scenario, seeds ?? [scenario.Seed], dir));
        }
        string again = "dotnet run --project Scenarios -c Release -- papers" + (onlyList != null ? $" --only {onlyList}" : "")
            + (seedList != null ? $" --seeds {seedList}" : "") + (quick ? " --quick" : "");
        string table = Markdown(rows, skipped, again);
        File.WriteAllText(Path.Combine(dir, "papers.md"), table);
        File.WriteAllText(Path.Combine(dir, "papers.json"), JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine();
        Console.Write(table);
        Console.WriteLine($"table: {Path.GetRelativePath(Environment.CurrentDirectory, dir)}/papers.md");
        if (rows.Count == 0)
        {
            Console.WriteLine("nothing was measured: no paper scenario with expected figures was run");
            return 1;
        }
        int missed = rows.Sum(r => r.Seeds.Count(m => m.Verdict != CheckVerdict.Passed)) + rows.Sum(r => r.OtherChecksFailed.Count);
        if (missed > 0) Console.WriteLine($"{missed} figure(s) or check(s) missed: see the table");
        return missed > 0 ? 1 : 0;
    });

    private static IEnumerable<Row> RunOne(string name, Scenario scenario, IReadOnlyList<ulong> seeds, string dir)
    {
        var perSeed = new List<(ulong Seed, Dictionary<string, string> Figures, List<CheckResult> Checks)>();
        foreach (ulong seed in seeds)
        {
            var s = CompareCommand.Copy(scenario);
            s.Runtime = RuntimeDrivers.Simulator.Name;
            string runDir = Path.Combine(dir, NameOf(name), $"seed{seed}");
            Directory.CreateDirectory(runDir);
            Console.Write($"{NameOf(name)} ({scenario.Peers:N0} peers), seed {seed}: ");
            var options = new RunOptions
            {
                SeedOverride = seed, OutDir = runDir, TraceFile = false, Logs = false, Quiet = true,
                CommandLine = $"dotnet run --project Scenarios -c Release -- papers --only {NameOf(name)} --seeds {seed}",
            };
            var started = DateTime.UtcNow;
            // Each seed's run is kept as any run is (summary, report, the command that repeats it), for the figure's detail.
            string scenarioPath = ScenarioLoader.Resolve(name);
            var result = RunDoor.Run(s, options, runDir, _ => { }, r => ResultsWriter.Write(r, s, scenarioPath, options));
            var checks = result.Summary.Checks!;
            var figures = SummaryJson.Flatten(result.Summary.ToJson()).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value);
            perSeed.Add((seed, figures, checks));
            Console.WriteLine($"{checks.Count(c => c.Verdict == CheckVerdict.Passed)} of {checks.Count} checks passed "
                + $"({(DateTime.UtcNow - started).TotalSeconds:0} s)");
        }
        foreach (var e in scenario.Expected!)
        {
            string check = $"expected {e.Figure}";
            var measured = perSeed.Select(p => new Measured(p.Seed,
                p.Figures.TryGetValue(e.Figure, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
                    ? v : null,
                p.Checks.FirstOrDefault(c => c.Name == check)?.Verdict ?? CheckVerdict.NotExercised)).ToList();
            var others = perSeed.SelectMany(p => p.Checks.Where(c => c.Failed && !c.Name.StartsWith("expected ", StringComparison.Ordinal))
                .Select(c => $"seed {p.Seed}: {c.Name}")).Distinct().ToList();
            yield return new Row(NameOf(name), scenario.Peers, e.Figure, e.Value, e.Within, e.Source, measured, others);
        }
    }

    /// <summary>The table: each figure, the paper's value, what each seed measured and the verdict; then what was left out.</summary>
    public static string Markdown(IReadOnlyList<Row> rows, IReadOnlyList<string> skipped, string again)
    {
        var md = new StringBuilder();
        md.AppendLine("# The papers' figures, measured on the simulator");
        md.AppendLine();
        md.AppendLine("Each scenario's expected figures (Scenarios/scenarios/papers/, their sources in the last column) against what each "
            + "seed measured; a verdict passes when every seed is within the tolerance. docs/protocol.md explains each difference.");
        md.AppendLine();
        md.AppendLine("| scenario | peers | figure | paper | measured (seed: value) | verdict | other checks failed | source |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            string measured = string.Join(", ", r.Seeds.Select(m => $"{m.Seed}: {(m.Value is { } v ? F(v) : "none")}"));
            string verdict = r.Seeds.All(m => m.Verdict == CheckVerdict.Passed) ? "PASS"
                : r.Seeds.Any(m => m.Verdict == CheckVerdict.Failed) ? "FAIL" : "NOT EXERCISED";
            string others = r.OtherChecksFailed.Count == 0 ? "none" : string.Join("; ", r.OtherChecksFailed);
            md.AppendLine($"| {r.Scenario} | {r.Peers:N0} | `{r.Figure}` | {F(r.Value)} ± {F(r.Within)} | {measured} | {verdict} | {others} | "
                + $"{r.Source.Replace("|", "/")} |");
        }
        if (skipped.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Not run here:");
            foreach (var s in skipped) md.AppendLine($"- {s}");
        }
        md.AppendLine();
        md.AppendLine($"Again: `{again}`");
        return md.ToString();
    }

    private static string NameOf(string shipped) => Path.GetFileNameWithoutExtension(shipped);

    private static HashSet<string>? Names(string? list) => list == null ? null
        : list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(n => Path.GetFileNameWithoutExtension(n)).ToHashSet(StringComparer.Ordinal);

    private static List<ulong> ParseSeeds(string list)
    {
        var seeds = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(t =>
            ulong.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong v) ? v
                : throw new ScenarioException($"--seeds: '{t}' is not a whole number of at least 0")).ToList();
        return seeds.Count > 0 ? seeds : throw new ScenarioException("--seeds: give at least one seed (e.g. --seeds 42,1,2,3)");
    }

    private static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
