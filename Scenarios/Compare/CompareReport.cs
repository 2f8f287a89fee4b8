using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

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

    /// <summary>One line: what agrees and what differs, and which way.</summary>
    public string VerdictLine
    {
        get
        {
            var same = Metrics.Where(m => !m.Differs).Select(m => m.Name).ToList();
            var differ = Metrics.Where(m => m.Differs).ToList();
            if (differ.Count == 0) return $"verdict: the simulator and {RealName} agree on {Join(same)} (no KS test rejects at α = {Alpha.ToString(CultureInfo.InvariantCulture)})";
            string diffs = string.Join("; ", differ.Select(m =>
                $"{m.Name}: real is {(m.Direction > 0 ? "higher" : m.Direction < 0 ? "lower" : "differently spread")}, {m.Centres} (D = {m.Ks.D.ToString("0.000", CultureInfo.InvariantCulture)})"));
            return same.Count == 0
                ? $"verdict: the simulator and {RealName} differ on every quantity: {diffs}"
                : $"verdict: the simulator and {RealName} agree on {Join(same)}; they differ on {diffs}";
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
            ["verdict"] = VerdictLine,
            ["metrics"] = Metrics.ToDictionary(m => m.Key, m => (object)new Dictionary<string, object>
            {
                ["name"] = m.Name,
                ["unit"] = m.Unit,
                ["ks"] = new Dictionary<string, object> { ["D"] = R(m.Ks.D), ["p"] = m.Ks.PValue, ["lambda"] = R(m.Ks.Lambda), ["nSim"] = m.Ks.N1, ["nReal"] = m.Ks.N2 },
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
                ["metrics"] = before.Metrics.ToDictionary(m => m.Key, m => (object)new Dictionary<string, object> { ["D"] = R(m.Ks.D), ["p"] = m.Ks.PValue, ["differs"] = m.Differs }),
            };
        return JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }) + "\n";
    }

    private static double R(double v) => double.IsFinite(v) ? Math.Round(v, 6) : double.NaN;

    private const string Caveats =
        "How to read this: the KS test asks whether two samples could come from one distribution. " +
        "Deliveries of one message are not independent draws (they share the message's path), and the samples " +
        "are large, so small, harmless differences reach significance: read D (the largest gap between the two CDFs, " +
        "0 to 1) as the size of the difference. With ties (degrees, hop counts) the asymptotic p-value is conservative.";

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.Append($"# Simulator vs {RealName}: {Scenario}\n\n");
        sb.Append($"**{VerdictLine}**\n\n");
        sb.Append($"- seed {Seed}; real side: {Bed}\n");
        sb.Append($"- latency model, simulator: {SimLatencyModel}; real side: {RealLatencyModel}\n");
        sb.Append($"- {LatencyNote}\n");
        foreach (var key in new[] { "calibration", "otherSeeds", "loadAverage" })
            if (Extra.GetValueOrDefault(key) is string line) sb.Append($"- {line}\n");
        sb.Append('\n');
        sb.Append("| quantity | n sim | n real | median sim | median real | mean sim | mean real | KS D | p | at α = ").Append(Alpha.ToString(CultureInfo.InvariantCulture)).Append(" |\n");
        sb.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        foreach (var m in Metrics)
            sb.Append($"| {m.Name} | {m.Ks.N1} | {m.Ks.N2} | {m.Value(m.SimMedian)} | {m.Value(m.RealMedian)} | {m.Value(m.SimMean)} | {m.Value(m.RealMean)} | {m.Ks.D.ToString("0.000", CultureInfo.InvariantCulture)} | {MetricComparison.P(m.Ks.PValue)} | {(m.Differs ? (m.Direction > 0 ? "differ: real higher" : m.Direction < 0 ? "differ: real lower" : "differ: spread") : "consistent")} |\n");
        sb.Append('\n');
        foreach (var m in Metrics) sb.Append($"- {m.Verdict}\n");
        if (Before is { } before)
        {
            sb.Append($"\nBefore calibration (simulator latency {before.SimLatencyModel}; the full comparison is in [before/](before/compare.md)):\n\n");
            sb.Append("| quantity | KS D before | p before | KS D after | p after |\n|---|---:|---:|---:|---:|\n");
            foreach (var (b, a) in before.Metrics.Zip(Metrics))
                sb.Append($"| {a.Name} | {b.Ks.D.ToString("0.000", CultureInfo.InvariantCulture)} | {MetricComparison.P(b.Ks.PValue)} | {a.Ks.D.ToString("0.000", CultureInfo.InvariantCulture)} | {MetricComparison.P(a.Ks.PValue)} |\n");
        }
        sb.Append('\n').Append(Caveats).Append("\n\n");
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
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E($"Simulator vs {RealName}: {Scenario}")).Append("</title>\n");
        sb.Append("<style>body{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;max-width:960px;margin:2em auto;color:#222}" +
                  "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}" +
                  ".verdict{font-weight:bold;padding:8px;background:#f3f3f3}</style></head><body>\n");
        sb.Append("<h1>").Append(E($"Simulator vs {RealName}: {Scenario}")).Append("</h1>\n");
        sb.Append("<p class=\"verdict\">").Append(E(VerdictLine)).Append("</p>\n<ul>");
        sb.Append("<li>").Append(E($"seed {Seed}; real side: {Bed}")).Append("</li>");
        sb.Append("<li>").Append(E($"latency model, simulator: {SimLatencyModel}; real side: {RealLatencyModel}")).Append("</li>");
        sb.Append("<li>").Append(E(LatencyNote)).Append("</li></ul>\n");
        sb.Append("<table><tr><th>quantity</th><th>n sim</th><th>n real</th><th>median sim</th><th>median real</th><th>KS D</th><th>p</th><th>verdict</th></tr>\n");
        foreach (var m in Metrics)
            sb.Append("<tr><td>").Append(E(m.Name)).Append("</td><td>").Append(m.Ks.N1).Append("</td><td>").Append(m.Ks.N2)
              .Append("</td><td>").Append(E(m.Value(m.SimMedian))).Append("</td><td>").Append(E(m.Value(m.RealMedian)))
              .Append("</td><td>").Append(m.Ks.D.ToString("0.000", CultureInfo.InvariantCulture)).Append("</td><td>").Append(E(MetricComparison.P(m.Ks.PValue)))
              .Append("</td><td>").Append(m.Differs ? (m.Direction > 0 ? "differ: real higher" : m.Direction < 0 ? "differ: real lower" : "differ: spread") : "consistent").Append("</td></tr>\n");
        sb.Append("</table>\n<ul>");
        foreach (var m in Metrics) sb.Append("<li>").Append(E(m.Verdict)).Append("</li>");
        sb.Append("</ul>\n");
        if (Before is { } before)
        {
            sb.Append("<p>").Append(E($"Before calibration (simulator latency {before.SimLatencyModel}; the full comparison is in before/compare.html):")).Append("</p>\n");
            sb.Append("<table><tr><th>quantity</th><th>KS D before</th><th>p before</th><th>KS D after</th><th>p after</th></tr>\n");
            foreach (var (b, a) in before.Metrics.Zip(Metrics))
                sb.Append("<tr><td>").Append(E(a.Name)).Append("</td><td>").Append(b.Ks.D.ToString("0.000", CultureInfo.InvariantCulture)).Append("</td><td>").Append(E(MetricComparison.P(b.Ks.PValue)))
                  .Append("</td><td>").Append(a.Ks.D.ToString("0.000", CultureInfo.InvariantCulture)).Append("</td><td>").Append(E(MetricComparison.P(a.Ks.PValue))).Append("</td></tr>\n");
            sb.Append("</table>\n");
        }
        sb.Append("<p>").Append(E(Caveats)).Append("</p>\n");
        foreach (var m in Metrics)
            if (svgByKey.TryGetValue(m.Key, out var svg)) sb.Append("<figure>").Append(svg).Append("</figure>\n");
        sb.Append("</body></html>\n");
        return sb.ToString();
    }
}
