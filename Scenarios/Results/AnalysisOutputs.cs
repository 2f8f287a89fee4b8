using GossipSim.Analysis.PowerLaw;
using GossipSim.Analysis.Report;
using GossipSim.Analysis.Summary;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;

namespace GossipSim.Scenarios.Results;

/// <summary>
/// The analysis of a finished run (R15): the power-law fit of the final degrees into
/// summary.json, and the degree, latency and failure plots with report.html (Analysis draws them).
/// Fed from the run's own statistics, so it works the same for a 30-peer real run and a
/// million-peer simulation that kept no trace file.
/// </summary>
public static class AnalysisOutputs
{
    /// <summary>Bootstrap samples for the run's fit: enough for a p-value to two digits.</summary>
    public const int BootstrapSamples = 1000;

    public static PowerLawFit? Fit(RunResult result, Action<string> say)
    {
        var degrees = result.Statistics.FinalDegrees().Select(d => (long)d).ToArray();
        var (fit, note) = RunReport.FitDegrees(degrees, new PowerLawFitOptions
            { BootstrapSamples = BootstrapSamples, Seed = result.Summary.Seed });
        var d = result.Summary.Degree;
        if (fit == null)
        {
            say("power-law fit: " + note);
            return null;
        }
        d.Alpha = Math.Round(fit.Alpha, 4);
        d.AlphaStdErr = Math.Round(fit.AlphaStdErr, 4);
        d.Xmin = (int)fit.Xmin;
        d.Ntail = (int)fit.NTail;
        d.Ks = Math.Round(fit.Ks, 5);
        d.P = double.IsNaN(fit.P) ? null : Math.Round(fit.P, 4);
        d.VsLognormal = new Analysis.Summary.LikelihoodRatio { R = Math.Round(fit.VsLognormal.R, 4), P = Math.Round(fit.VsLognormal.P, 5) };
        d.VsExponential = new Analysis.Summary.LikelihoodRatio
            { R = Math.Round(fit.VsExponential.R, 4), P = Math.Round(fit.VsExponential.P, 5) };
        say($"power-law fit of {degrees.Length:N0} degrees: alpha {fit.Alpha:F3} ± {fit.AlphaStdErr:F3}, xmin {fit.Xmin}, "
            + $"ntail {fit.NTail}, KS {fit.Ks:F4}, p {fit.P:F3} ({BootstrapSamples} bootstrap samples); "
            + $"vs log-normal R {fit.VsLognormal.R:F2} (p {fit.VsLognormal.P:F3}), vs exponential R {fit.VsExponential.R:F2} "
            + $"(p {fit.VsExponential.P:F3})");
        if (FitInterpretation.Caveat(fit) is { } caveat) say("  " + caveat);
        return fit;
    }

    public static void Write(RunResult result, Scenario scenario, string reproCommand, PowerLawFit? fit, Action<string> say)
    {
        var trace = RunTrace.Of(result.Statistics);
        Analysis.Cli.DegreeHistogramFile.Write(result.OutDir, trace.PeerDegrees);
        // A plot that cannot be drawn is left out of the report with a line saying why (RunReport): it never fails the run.
        var output = RunReport.Write(result.OutDir, new RunReportInput
        {
            Scenario = result.Summary.Scenario,
            ReproduceCommand = reproCommand,
            Description = scenario.Description ?? "",
            Degrees = trace.PeerDegrees,
            Latency = trace.Latency,
            Failures = trace.Failures,
            Seeds = trace.Seeds,
            NetworkWindows = trace.NetworkWindows,
            Restarts = trace.Restarts,
            Summary = SummaryJson.Flatten(result.Summary.ToJson()),
            Checks = result.Summary.Checks ?? [],
            Fit = fit,
            Wan = trace.Wan,
        });
        foreach (var line in output.LeftOut) say("report: " + line);
    }
}
