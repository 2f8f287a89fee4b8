using System.Globalization;
using GossipSim.Analysis.PowerLaw;
using GossipSim.Analysis.Summary;

namespace GossipSim.Analysis.Report;

/// <summary>
/// The fit in words, derived from the numbers only: plausible when the bootstrap p ≥ 0.1
/// (Clauset et al.'s threshold), and for each alternative favoured / disfavoured by the sign of
/// R when its p &lt; 0.1, otherwise inconclusive.
/// </summary>
public static class FitInterpretation
{
    public const double Threshold = 0.1;

    /// <summary>
    /// Below this many values in the tail a verdict is weak: with fewer than about 50, the
    /// bootstrap p rarely rules out a power law even for data that are not one, and the
    /// likelihood-ratio tests cannot tell it from a log-normal (Clauset, Shalizi &amp; Newman 2009, §4).
    /// </summary>
    public const int MinTail = 50;

    /// <summary>A plain warning when the tail is too small to support the verdict, else null.</summary>
    public static string? Caveat(PowerLawFit fit) => fit.NTail >= MinTail ? null
        : $"Caution: the tail has only {fit.NTail} values (fewer than {MinTail}). With so few, the goodness-of-fit test "
          + "rarely rules a power law out even when the data are not one, and the comparisons with log-normal and "
          + "exponential have little power: treat this verdict as weak.";

    public enum Verdict { Favoured, Disfavoured, Inconclusive }

    public static Verdict Compare(PowerLaw.LikelihoodRatio test) =>
        test.P < Threshold && test.R != 0 ? (test.R > 0 ? Verdict.Favoured : Verdict.Disfavoured) : Verdict.Inconclusive;

    /// <summary>e.g. "A power law is plausible (p = 0.41) and favoured over exponential (R = 12.3, p &lt; 0.001); against log-normal the
    /// test is inconclusive (R = -0.52, p = 0.6)."</summary>
    public static string Sentence(PowerLawFit fit)
    {
        string head;
        if (!fit.HasPValue) head = "A power law was fitted without a goodness-of-fit test (no bootstrap)";
        else if (fit.P >= Threshold) head = $"A power law is plausible ({FormatP(fit.P, fit.Bootstrap)})";
        else head = $"A power law is ruled out ({FormatP(fit.P, fit.Bootstrap)})";

        var favoured = new List<string>();
        var disfavoured = new List<string>();
        var inconclusive = new List<string>();
        foreach (var (name, test) in new[] { ("exponential", fit.VsExponential), ("log-normal", fit.VsLognormal) })
        {
            string numbers = $"(R = {Readable.Number(test.R)}, {FormatP(test.P)})";
            switch (Compare(test))
            {
                case Verdict.Favoured: favoured.Add($"{name} {numbers}"); break;
                case Verdict.Disfavoured: disfavoured.Add($"{name} {numbers}"); break;
                default: inconclusive.Add($"{name} {numbers}"); break;
            }
        }

        var parts = new List<string>();
        if (favoured.Count > 0) parts.Add("favoured over " + string.Join(" and ", favoured));
        if (disfavoured.Count > 0) parts.Add("disfavoured against " + string.Join(" and ", disfavoured));
        string sentence = head;
        if (parts.Count > 0) sentence += (fit.HasPValue ? " and " : "; it is ") + string.Join(" but ", parts);
        if (inconclusive.Count > 0)
            sentence += "; the comparison with " + string.Join(" and with ", inconclusive) + " is inconclusive";
        return sentence + ".";
    }

    /// <summary>"p = 0.41", "p &lt; 0.001", or for a bootstrap with no exceedance "p &lt; 1/B".</summary>
    public static string FormatP(double p, int bootstrap = 0)
    {
        if (double.IsNaN(p)) return "p not computed";
        if (bootstrap > 0 && p == 0) return "p < " + Readable.Number(1.0 / bootstrap);
        if (p < 0.001) return "p < 0.001";
        return "p = " + Readable.Number(p);
    }
}
