using System.Globalization;
using GossipSim.Analysis.Summary;

namespace GossipSim.Analysis.Checks;

/// <summary>A figure of summary.json a run should reproduce: its dotted key, the value, the tolerance and where the value comes from.</summary>
public sealed record ExpectedFigure(string Figure, double Value, double Within, string Source);

/// <summary>
/// A scenario's expected figures (a paper's results) as checks: each passes when the run's figure is within its tolerance of the
/// value, fails otherwise, with the measured value either way; a figure the run does not have was not exercised. Nothing is tuned:
/// the check reports the gap.
/// </summary>
public static class ExpectedFigures
{
    public static string NameOf(ExpectedFigure e) => $"expected {e.Figure}";

    public static List<CheckResult> Check(IReadOnlyList<ExpectedFigure> expected, RunSummary summary)
    {
        if (expected.Count == 0) return [];
        var figures = SummaryJson.Flatten(summary.ToJson()).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value);
        var results = new List<CheckResult>();
        foreach (var e in expected)
        {
            string name = NameOf(e), target = $"{F(e.Value)} ± {F(e.Within)} ({e.Source})";
            if (!figures.TryGetValue(e.Figure, out var text)
                || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double measured))
            {
                results.Add(CheckResult.NotExercised(name, $"the run has no figure {e.Figure} to compare with {target}"));
                continue;
            }
            results.Add(Math.Abs(measured - e.Value) <= e.Within
                ? CheckResult.Pass(name, $"measured {F(measured)} against {target}")
                : CheckResult.Fail(name, $"{e.Figure} within {F(e.Within)} of {F(e.Value)} ({e.Source})", $"measured {F(measured)}"));
        }
        return results;
    }

    private static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
