using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using GossipSim.Analysis.Fitting;

namespace GossipSim.Scenarios.Compare;

/// <summary>What one comparison found, and how it is written: compare.json, compare.md, compare.html.</summary>
public sealed class CompareReport
{
    public required string Scenario { get; init; }
    public required string Bed { get; init; }
    public required string RealName { get; init; }
    public required ulong Seed { get; init; }
    public required string SimLatencyModel { get; init; }
    public required string RealLatencyModel { get; init; }
    /// <summary>Why the simulator's latency model is what it is, in a sentence.</summary>
    public required string LatencyNote { get; init; }
    public required IReadOnlyList<MetricComparison> Metrics { get; init; }
    public required double Alpha { get; init; }
    public Dictionary<string, object> Extra { get; init; } = new();
    /// <summary>Plot file names by metric key.</summary>
    public Dictionary<string, string> Plots { get; init; } = new();
    /// <summary>A calibrated comparison's uncalibrated one (in before/), shown beside it.</summary>
    public CompareReport? Before { get; init; }

    /// <summary>How many runs of the model at other seeds the Monte Carlo test ranks the real run among; null when there are none (before
    /// calibration).</summary>
    public int? ModelRuns => Metrics.Select(m => m.RunToRun?.Runs).FirstOrDefault(r => r != null);

    /// <summary>Which test the verdicts are, in words.</summary>
    public string TestName => ModelRuns is { } runs
        ? $"Monte Carlo KS test: the real run ranked among {runs} runs of the simulator's model at other seeds"
        : "naive KS test, which counts every delivery as an independent draw";

    /// <summary>One line: which test, what agrees and what differs, and which way.</summary>
    public string VerdictLine
    {
        get
        {
            var same = Metrics.Where(m => !m.Differs).Select(m => m.Name).ToList();
            var differ = Metrics.Where(m => m.Differs).ToList();
            string head = $"verdict ({TestName}, α = {Alpha.ToString(CultureInfo.InvariantCulture)}): the simulator and {RealName}";
            if (differ.Count == 0) return $"{head} agree on {Join(same)}";
            string diffs = string.Join("; ", differ.Select(m =>
                $"{m.Name}: real is {m.Way}, {m.Centres} (D = {MetricComparison.D(m.Ks.D)})"));
            return same.Count == 0
                ? $"{head} differ on every quantity: {diffs}"
                : $"{head} agree on {Join(same)}; they differ on {diffs}";
        }
    }

    private static string Join(List<string> names) => names.Count switch
    {
        0 => "nothing",
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
    };

    public string ToJson()
    {
        var doc = new Dictionary<string, object>
        {
            ["scenario"] = Scenario,
            ["bed"] = Bed,
            ["seed"] = Seed,
            ["alpha"] = Alpha,
            ["simLatencyModel"] = SimLatencyModel,
            ["realLatencyModel"] = RealLatencyModel,
            ["latencyNote"] = LatencyNote,
            ["test"] = TestName,
            ["verdict"] = VerdictLine,
            ["metrics"] = Metrics.ToDictionary(m => m.Key, m => (object)new Dictionary<string, object>
            {
                ["name"] = m.Name,
                ["unit"] = m.Unit,
                ["ks"] = new Dictionary<string, object>
                    { ["D"] = R(m.Ks.D), ["p"] = m.Ks.PValue, ["lambda"] = R(m.Ks.Lambda), ["nSim"] = m.Ks.N1, ["nReal"] = m.Ks.N2 },
                ["monteCarlo"] = m.RunToRun is { } mc
                    ? new Dictionary<string, object>
                    {
                        ["p"] = R(mc.PValue), ["modelRuns"] = mc.Runs, ["D"] = R(mc.D),
                        ["modelRunsD"] = new Dictionary<string, object>
                            { ["median"] = R(mc.RunDQuantile(0.5)), ["min"] = R(mc.RunDs.Min()), ["max"] = R(mc.RunDs.Max()) },
                        ["naiveRejectionsOfModelRuns"] = mc.NaiveRejections,
                    }
                    : "none (no runs of the model at other seeds: the naive KS test decides)",
                ["differs"] = m.Differs,
                ["direction"] = m.Direction > 0 ? "real higher" : m.Direction < 0 ? "real lower" : "same centre",
                ["sim"] = new Dictionary<string, object> { ["median"] = R(m.SimMedian * m.Scale), ["mean"] = R(m.SimMean * m.Scale) },
                ["real"] = new Dictionary<string, object> { ["median"] = R(m.RealMedian * m.Scale), ["mean"] = R(m.RealMean * m.Scale) },
                ["verdict"] = m.Verdict,
                ["plot"] = Plots.GetValueOrDefault(m.Key, ""),
            }),
            ["extra"] = Extra,
        };
        if (Before is { } before)
            doc["before"] = new Dictionary<string, object>
            {
                ["folder"] = "before",
                ["simLatencyModel"] = before.SimLatencyModel,
                ["verdict"] = before.VerdictLine,
                ["metrics"] = before.Metrics.ToDictionary(m => m.Key, m => (object)new Dictionary<string, object>
                    { ["D"] = R(m.Ks.D), ["p"] = m.Ks.PValue, ["differs"] = m.Differs }),
            };
        return JsonSerializer.Serialize(doc, new JsonSerializerOptions
            { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals })
                + "\n";
    }

    private static double R(double v) => double.IsFinite(v) ? Math.Round(v, 6) : double.NaN;

    /// <summary>The lines of <see cref="Extra"/> the report shows under its header: the calibrated model, the model's runs, the machine's
    /// load.</summary>
    private IEnumerable<string> ExtraLines =>
        new[] { "hopCost", "calibration", "modelRuns", "loadAverage" }.Select(k => Extra.GetValueOrDefault(k)).OfType<string>();

    /// <summary>Why the verdict is the test it is, with the naive test's count on the model's own runs where there are some.</summary>
    public string ReadingNote()
    {
        var text = new StringBuilder(
            "How to read this: the KS test asks whether two samples could come from one distribution; D (the largest gap between the two "
            + "CDFs, 0 to 1) is the size of the difference "
            + "(\"KS D\": the real run against the simulator's run at the comparison's seed). "
            + "Its usual (naive) p-value counts every value as an independent draw. "
            + "Deliveries are not: those of one message share its path and its delays, and one run is one overlay, "
            + "so a run holds far fewer independent draws than deliveries, and the naive p is far too small.");
        if (ModelRuns is not { } runs)
        {
            text.Append(" Here there are no runs of the simulator's model at other seeds, so the verdict is the naive test's: read D as "
                + "the size of the difference, not p as its significance. "
                + "With ties (degrees, hop counts) the asymptotic p-value is conservative.");
            return text.ToString();
        }
        string a = Alpha.ToString(CultureInfo.InvariantCulture);
        var counts = Metrics.Where(m => m.RunToRun != null).Select(m => $"{m.Name} {m.RunToRun!.NaiveRejections}");
        text.Append($" Measured here: of {runs} runs of the simulator's own model at other seeds, each against the pool of the others, the "
            + $"naive KS test at α = {a} calls this many different: {string.Join(", ", counts)}. ");
        text.Append($"So the verdict is a Monte Carlo test: D between the real run and the pool of the {runs} model runs (\"D vs model "
            + $"runs\") is ranked among each model run's D against the pool of the other model runs, "
            + $"p = (1 + the number of model runs whose D is at least the real run's) / ({runs} + 1). It compares the real run with "
            + $"the model's own run-to-run scatter: "
            + $"were the real run one more run of the model, p would be uniform and the test would reject at α = {a} in a fraction "
            + $"α of cases; the least p it can give is 1/{runs + 1}. "
            + $"The calibration was fitted to this real run (at seed {Seed}, whose simulator run is not among the {runs}), so this "
            + $"agreement is in-sample; docs/calibration.md has the held-out runs.");
        return text.ToString();
    }

    /// <summary>The verdict column: consistent, or which way the real run differs.</summary>
    private static string Cell(MetricComparison m) =>
        m.Differs ? (m.Direction > 0 ? "differ: real higher" : m.Direction < 0 ? "differ: real lower" : "differ: spread") : "consistent";

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.Append($"# Simulator vs {RealName}: {Scenario}\n\n");
        sb.Append($"**{VerdictLine}**\n\n");
        sb.Append($"- seed {Seed}; real side: {Bed}\n");
        sb.Append($"- latency model, simulator: {SimLatencyModel}; real side: {RealLatencyModel}\n");
        sb.Append($"- {LatencyNote}\n");
        foreach (var line in ExtraLines) sb.Append($"- {line}\n");
        sb.Append('\n');
        bool mc = ModelRuns != null;
        sb.Append("| quantity | n sim | n real | median sim | median real | mean sim | mean real | KS D | naive p |")
          .Append(mc ? " D vs model runs | model runs' D (median) | Monte Carlo p |" : "").Append(" at α = ")
              .Append(Alpha.ToString(CultureInfo.InvariantCulture)).Append(" |\n");
        sb.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|").Append(mc ? "---:|---:|---:|" : "").Append("---|\n");
        foreach (var m in Metrics)
            sb.Append($"| {m.Name} | {m.Ks.N1} | {m.Ks.N2} | {m.Value(m.SimMedian)} | {m.Value(m.RealMedian)} | {m.Value(m.SimMean)} "
                + $"| {m.Value(m.RealMean)} | {MetricComparison.D(m.Ks.D)} | {MetricComparison.P(m.Ks.PValue)} |")
              .Append(m.RunToRun is { } r ? $" {MetricComparison.D(r.D)} | {MetricComparison.D(r.RunDQuantile(0.5))} "
                  + $"| {MetricComparison.MonteCarloP(r)} |" : mc ? " | | |" : "")
              .Append($" {Cell(m)} |\n");
        sb.Append('\n');
        foreach (var m in Metrics) sb.Append($"- {m.Verdict}\n");
        if (Before is { } before)
        {
            sb.Append($"\nBefore calibration (simulator latency {before.SimLatencyModel}; the full comparison is in "
                + $"[before/](before/compare.md)):\n\n");
            sb.Append("| quantity | KS D before | naive p before | KS D after | naive p after |").Append(mc ? " Monte Carlo p after |" : "")
                .Append("\n|---|---:|---:|---:|---:|").Append(mc ? "---:|" : "").Append('\n');
            foreach (var (b, a) in before.Metrics.Zip(Metrics))
                sb.Append($"| {a.Name} | {MetricComparison.D(b.Ks.D)} | {MetricComparison.P(b.Ks.PValue)} | {MetricComparison.D(a.Ks.D)} "
                    + $"| {MetricComparison.P(a.Ks.PValue)} |")
                  .Append(a.RunToRun is { } r ? $" {MetricComparison.MonteCarloP(r)} |" : mc ? " |" : "").Append('\n');
        }
        sb.Append('\n').Append(ReadingNote()).Append("\n\n");
        foreach (var m in Metrics)
            if (Plots.TryGetValue(m.Key, out var file)) sb.Append($"![{m.Name}]({file})\n\n");
        sb.Append(Before is null
            ? "The two runs' full results (summary.json, trace, logs) are in `sim/` and `real/`.\n"
            : "The runs' full results (summary.json, trace, logs) are in `sim/` (calibrated), `before/sim/` and `real/`.\n");
        return sb.ToString();
    }

    public string ToHtml(IReadOnlyDictionary<string, string> svgByKey)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E($"Simulator vs {RealName}: {Scenario}")).Append("</title>\n");
        sb.Append("<style>body{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;max-width:960px;margin:2em auto;color:#222}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px "
            + "8px;text-align:right}th:first-child,td:first-child{text-align:left}"
            + ".verdict{font-weight:bold;padding:8px;background:#f3f3f3}</style></head><body>\n");
        sb.Append("<h1>").Append(E($"Simulator vs {RealName}: {Scenario}")).Append("</h1>\n");
        sb.Append("<p class=\"verdict\">").Append(E(VerdictLine)).Append("</p>\n<ul>");
        sb.Append("<li>").Append(E($"seed {Seed}; real side: {Bed}")).Append("</li>");
        sb.Append("<li>").Append(E($"latency model, simulator: {SimLatencyModel}; real side: {RealLatencyModel}")).Append("</li>");
        sb.Append("<li>").Append(E(LatencyNote)).Append("</li>");
        foreach (var line in ExtraLines) sb.Append("<li>").Append(E(line)).Append("</li>");
        sb.Append("</ul>\n");
        bool mc = ModelRuns != null;
        sb.Append("<table><tr><th>quantity</th><th>n sim</th><th>n real</th><th>median sim</th><th>median "
            + "real</th><th>KS D</th><th>naive p</th>")
          .Append(mc ? "<th>D vs model runs</th><th>model runs' D (median)</th><th>Monte Carlo p</th>" : "")
              .Append("<th>verdict</th></tr>\n");
        foreach (var m in Metrics)
            sb.Append("<tr><td>").Append(E(m.Name)).Append("</td><td>").Append(m.Ks.N1).Append("</td><td>").Append(m.Ks.N2)
              .Append("</td><td>").Append(E(m.Value(m.SimMedian))).Append("</td><td>").Append(E(m.Value(m.RealMedian)))
              .Append("</td><td>").Append(MetricComparison.D(m.Ks.D)).Append("</td><td>").Append(E(MetricComparison.P(m.Ks.PValue)))
              .Append(m.RunToRun is { } r ? $"</td><td>{MetricComparison.D(r.D)}</td><td>{MetricComparison.D(r.RunDQuantile(0.5))}</td><td>"
                  + $"{MetricComparison.MonteCarloP(r)}" : mc ? "</td><td></td><td></td><td>" : "")
              .Append("</td><td>").Append(E(Cell(m))).Append("</td></tr>\n");
        sb.Append("</table>\n<ul>");
        foreach (var m in Metrics) sb.Append("<li>").Append(E(m.Verdict)).Append("</li>");
        sb.Append("</ul>\n");
        if (Before is { } before)
        {
            sb.Append("<p>").Append(E($"Before calibration (simulator latency {before.SimLatencyModel}; the full comparison is in "
                + $"before/compare.html):")).Append("</p>\n");
            sb.Append("<table><tr><th>quantity</th><th>KS D before</th><th>naive p before</th><th>KS D after</th><th>naive p after</th>")
                .Append(mc ? "<th>Monte Carlo p after</th>" : "").Append("</tr>\n");
            foreach (var (b, a) in before.Metrics.Zip(Metrics))
                sb.Append("<tr><td>").Append(E(a.Name)).Append("</td><td>").Append(MetricComparison.D(b.Ks.D)).Append("</td><td>")
                    .Append(E(MetricComparison.P(b.Ks.PValue)))
                  .Append("</td><td>").Append(MetricComparison.D(a.Ks.D)).Append("</td><td>").Append(E(MetricComparison.P(a.Ks.PValue)))
                  .Append(a.RunToRun is { } r ? $"</td><td>{MetricComparison.MonteCarloP(r)}"
                      : mc ? "</td><td>" : "").Append("</td></tr>\n");
            sb.Append("</table>\n");
        }
        sb.Append("<p>").Append(E(ReadingNote())).Append("</p>\n");
        foreach (var m in Metrics)
            if (svgByKey.TryGetValue(m.Key, out var svg)) sb.Append("<figure>").Append(svg).Append("</figure>\n");
        sb.Append("</body></html>\n");
        return sb.ToString();
    }
}
