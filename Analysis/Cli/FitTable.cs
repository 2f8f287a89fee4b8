using System.Globalization;
using System.Text;
using GossipSim.Analysis.PowerLaw;
using GossipSim.Analysis.Report;
using GossipSim.Analysis.Summary;

namespace GossipSim.Analysis.Cli;

/// <summary>The fit as a plain-text table for the terminal.</summary>
public static class FitTable
{
    public static string Render(PowerLawFit fit, string source, ulong seed)
    {
        static string N(double x) => Readable.Number(x);
        static string Verdict(PowerLaw.LikelihoodRatio t) => FitInterpretation.Compare(t) switch
        {
            FitInterpretation.Verdict.Favoured => "power law favoured",
            FitInterpretation.Verdict.Disfavoured => "alternative favoured",
            _ => "inconclusive",
        };
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"Discrete power-law fit (Clauset, Shalizi & Newman 2009) of {source}: {fit.N:N0} values");
        Row(sb, "alpha", $"{fit.Alpha.ToString("0.0000", inv)} ± {fit.AlphaStdErr.ToString("0.0000", inv)}");
        Row(sb, "xmin", fit.Xmin.ToString(inv));
        Row(sb, "ntail", string.Create(inv, $"{fit.NTail:N0} ({100.0 * fit.NTail / fit.N:0.0}% of the data)"));
        Row(sb, "KS distance", fit.Ks.ToString("0.00000", inv));
        Row(sb, "p (bootstrap)", fit.HasPValue
            ? string.Create(inv, $"{fit.P:0.000}  ({fit.Bootstrap:N0} synthetic data sets, seed {seed})")
            : "not computed (--bootstrap 0)");
        Row(sb, "vs log-normal", $"R = {N(fit.VsLognormal.R)}, {FitInterpretation.FormatP(fit.VsLognormal.P)}: {Verdict(fit.VsLognormal)}"
            + string.Create(inv, $"  (mu = {fit.Lognormal.Mu:0.###}, sigma = {fit.Lognormal.Sigma:0.###})"));
        Row(sb, "vs exponential", $"R = {N(fit.VsExponential.R)}, {FitInterpretation.FormatP(fit.VsExponential.P)}: "
            + $"{Verdict(fit.VsExponential)}"
            + string.Create(inv, $"  (lambda = {fit.Exponential.Rate:0.####})"));
        sb.AppendLine();
        sb.AppendLine(FitInterpretation.Sentence(fit));
        if (FitInterpretation.Caveat(fit) is { } caveat) sb.AppendLine(caveat);
        sb.AppendLine("R is the normalised log-likelihood ratio (positive favours the power law); its p is two-sided.");
        return sb.ToString();
    }

    private static void Row(StringBuilder sb, string key, string value) => sb.Append("  ").Append(key.PadRight(16)).AppendLine(value);
}
