using System.Globalization;
using GossipSim.Analysis.Checks;
using GossipSim.Analysis.Plots;
using GossipSim.Analysis.PowerLaw;

namespace GossipSim.Analysis.Report;

/// <summary>What a run's report is made from: plain data, whoever gathered it (the live run or a saved trace).</summary>
public sealed record RunReportInput
{
    public required string Scenario { get; init; }
    public required string ReproduceCommand { get; init; }
    public string Description { get; init; } = "";
    public required IReadOnlyList<long> Degrees { get; init; }
    public IReadOnlyList<LatencySeries> Latency { get; init; } = [];
    public IReadOnlyList<FailureRow> Failures { get; init; } = [];
    /// <summary>Partitions, loss windows and latency spikes, shaded on the failure timeline.</summary>
    public IReadOnlyList<NetworkWindow> NetworkWindows { get; init; } = [];
    public IReadOnlyList<NodeRestart> Restarts { get; init; } = [];
    public IReadOnlyList<KeyValuePair<string, string>> Summary { get; init; } = [];
    /// <summary>The checkers' verdicts as the run recorded them (summary.json).</summary>
    public IReadOnlyList<CheckResult> Checks { get; init; } = [];
    /// <summary>A fit already made of <see cref="Degrees"/>; null: fit here with <see cref="FitOptions"/>.</summary>
    public PowerLawFit? Fit { get; init; }
    public PowerLawFitOptions FitOptions { get; init; } = new();
}

/// <param name="Fit">The degree fit, or null with the reason in <paramref name="FitNote"/>.</param>
/// <param name="Files">Every file written, report.html last.</param>
public sealed record RunReportOutput(PowerLawFit? Fit, string? FitNote, IReadOnlyList<string> Files);

/// <summary>
/// Writes a run's analysis into its results folder: degree, latency and failures plots, each as
/// PNG and SVG, and report.html with the three SVGs inline.
/// </summary>
public static class RunReport
{
    /// <summary>The plots' file names without extension: each is written as .png and .svg.</summary>
    public const string DegreeFile = "degree", LatencyFile = "latency", FailuresFile = "failures", HtmlFile = "report.html";

    public static RunReportOutput Write(string dir, RunReportInput input, Action<string>? progress = null)
    {
        Directory.CreateDirectory(dir);
        var files = new List<string>();

        var (fit, fitNote) = input.Fit is { } given ? (given, null) : FitDegrees(input.Degrees, input.FitOptions, progress);

        var figures = new[]
        {
            (DegreeFile, DegreePlot.Figure(input.Degrees, fit, "Peer degrees")),
            (LatencyFile, LatencyPlot.Figure(input.Latency)),
            (FailuresFile, FailureTimelinePlot.Figure(input.Failures, input.NetworkWindows, input.Restarts)),
        };
        var svgs = new List<string>();
        foreach (var (name, figure) in figures)
        {
            string path = Path.Combine(dir, name);
            svgs.Add(ChartRenderer.Save(figure, path));
            files.Add(path + ".png");
            files.Add(path + ".svg");
        }
        string degreeSvg = svgs[0], latencySvg = svgs[1], failuresSvg = svgs[2];

        var content = new ReportContent
        {
            Scenario = input.Scenario,
            ReproduceCommand = input.ReproduceCommand,
            Description = input.Description,
            Summary = input.Summary,
            Checks = input.Checks,
            Fit = fit,
            FitNote = fitNote,
            Failures = input.Failures,
            Figures =
            [
                new ReportFigure("Degree distribution", degreeSvg,
                    "Left: complementary CDF of the final peer degrees on log-log axes, with the fitted discrete power law from xmin "
                    + "(scaled by the tail's share of peers). Right: the same degrees in logarithmic bins."),
                new ReportFigure("Gossip propagation latency", latencySvg,
                    "CDF over (message, peer) deliveries of the time from a message's creation to its first receipt at the peer, "
                    + "grouped by when the message was created relative to the crash; p50, p90 and p99 are marked."),
                new ReportFigure("Failure timeline", failuresSvg,
                    "Each injected crash and how the network reacted: first suspicion by a neighbour, dead-node report to the seeds, "
                    + "removal from the peer list by the seeds' majority; partitions, loss windows, latency spikes and churn shaded, "
                    + "and restarts marked, where the run had them."),
            ],
        };
        string html = Path.Combine(dir, HtmlFile);
        HtmlReport.Write(html, content);
        files.Add(html);
        return new RunReportOutput(fit, fitNote, files);
    }

    /// <summary>The fit of the positive degrees (a peer left with no link cannot sit on a power law), or why there is none.</summary>
    public static (PowerLawFit? Fit, string? Note) FitDegrees(IReadOnlyList<long> degrees, PowerLawFitOptions options,
        Action<string>? progress = null)
    {
        var positive = degrees.Where(d => d > 0).ToArray();
        try
        {
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"fitting {positive.Length:N0} degrees ({options.BootstrapSamples:N0} bootstrap samples)"));
            return (PowerLawFitter.Fit(positive, options), null);
        }
        catch (PowerLawFitException ex)
        {
            return (null, $"No power law could be fitted to the {positive.Length:N0} positive degrees: {ex.Message}");
        }
    }
}
