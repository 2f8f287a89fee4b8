using System.Globalization;
using System.Text.Json.Serialization;

namespace GossipSim.Analysis.Cli;

/// <summary>The tail at x as the rule sees it: the ratio of mean shares (A's over B's) and B's mean count at or above x.</summary>
public sealed record TailCheck(long X, double? Ratio, double ReferenceMeanCount);

/// <summary>
/// Whether sample A is B's distribution by the acceptance rule (docs/analysis.md), applied to expectations:
/// pooled KS p above 0.05; at every x where the reference B has on average at least one node at
/// or above x (below that a ratio is a count of zero or one), mean P_A(K ≥ x) within 1.5 times
/// mean P_B(K ≥ x) either way; A's mean max degree at most 1.5 times B's.
/// </summary>
public sealed record Acceptance(
    [property: JsonPropertyName("met")] bool Met,
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("failures")] IReadOnlyList<string> Failures,
    [property: JsonPropertyName("tailsNotJudged")] IReadOnlyList<long> TailsNotJudged)
{
    public const double KsAlpha = 0.05, TailFactor = 1.5, MaxFactor = 1.5, MinReferenceCount = 1;

    public const string RuleText = "pooled KS p > 0.05; at each x where B's mean count at or above x is ≥ 1, "
        + "mean P_A(K ≥ x) / mean P_B(K ≥ x) from 1/1.5 to 1.5; mean max degree A ≤ 1.5 × B's";

    public static Acceptance Of(double ksP, IReadOnlyList<TailCheck> tails, double? maxRatio)
    {
        var inv = CultureInfo.InvariantCulture;
        var failures = new List<string>();
        if (!(ksP > KsAlpha)) failures.Add(string.Create(inv, $"KS p {ksP:0.0000} ≤ {KsAlpha}"));
        var notJudged = new List<long>();
        foreach (var t in tails)
        {
            if (t.ReferenceMeanCount < MinReferenceCount) { notJudged.Add(t.X); continue; }
            double r = t.Ratio ?? 0;
            if (r < 1 / TailFactor || r > TailFactor) failures.Add(string.Create(inv, $"tail ratio at {t.X} is {r:0.000}"));
        }
        if (maxRatio is double m && m > MaxFactor) failures.Add(string.Create(inv, $"max degree ratio {m:0.000} > {MaxFactor}"));
        return new Acceptance(failures.Count == 0, RuleText, failures, notJudged);
    }

    /// <summary>The verdict in one line, with the rule it applied.</summary>
    public string Line()
    {
        string notJudged = TailsNotJudged.Count == 0 ? "" : $"; not judged at {string.Join(", ", TailsNotJudged)} (B's mean count below 1)";
        return (Met ? "verdict: meets" : $"verdict: does NOT meet ({string.Join("; ", Failures)})")
            + $" the rule: {Rule}{notJudged}";
    }
}
