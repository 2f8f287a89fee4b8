using System.Globalization;
using GossipSim.Analysis.Plots;
using GossipSim.Analysis.Plots.Svg;
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
    public IReadOnlyList<KeyValuePair<string, string>> Summary { get; init; } = [];
    /// <summary>A fit already made of <see cref="Degrees"/>; null: fit here with <see cref="FitOptions"/>.</summary>
    public PowerLawFit? Fit { get; init; }
    public PowerLawFitOptions FitOptions { get; init; } = new();
}

/// <param name="Fit">The degree fit, or null with the reason in <paramref name="FitNote"/>.</param>
/// <param name="Files">Every file written, report.html last.</param>
/// <param name="Notes">Things the user should know (no PNG because rsvg-convert is missing...).</param>
public sealed record RunReportOutput(PowerLawFit? Fit, string? FitNote, IReadOnlyList<string> Files, IReadOnlyList<string> Notes);

/// <summary>
/// Writes a run's analysis into its results folder: degree.svg, latency.svg, failures.svg
/// (each with a PNG when rsvg-convert is installed) and report.html with the three inline.
/// </summary>
public static class RunReport
{
    public const string DegreeFile = "degree.svg", LatencyFile = "latency.svg", FailuresFile = "failures.svg", HtmlFile = "report.html";

    public static RunReportOutput Write(string dir, RunReportInput input, Action<string>? progress = null)
    {
        Directory.CreateDirectory(dir);
        var files = new List<string>();
        var notes = new List<string>();

        var (fit, fitNote) = input.Fit is { } given ? (given, null) : FitDegrees(input.Degrees, input.FitOptions, progress);

        string degreeSvg = DegreePlot.Render(input.Degrees, fit, "Peer degrees");
        string latencySvg = LatencyPlot.Render(input.Latency);
        string failuresSvg = FailureTimelinePlot.Render(input.Failures);

        string? tool = PngConverter.FindTool();
        foreach (var (name, svg) in new[] { (DegreeFile, degreeSvg), (LatencyFile, latencySvg), (FailuresFile, failuresSvg) })
        {
            string path = Path.Combine(dir, name);
            SvgDocument.Save(svg, path);
            files.Add(path);
            if (PngConverter.TryConvert(path, tool, out string reason)) files.Add(Path.ChangeExtension(path, ".png"));
            else if (!notes.Contains(reason)) notes.Add(reason);
        }

        var content = new ReportContent
        {
            Scenario = input.Scenario,
            ReproduceCommand = input.ReproduceCommand,
            Description = input.Description,
            Summary = input.Summary,
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
                    + "removal from the peer list by the seeds' majority."),
            ],
        };
        string html = Path.Combine(dir, HtmlFile);
        HtmlReport.Write(html, content);
        files.Add(html);
        return new RunReportOutput(fit, fitNote, files, notes);
    }

    /// <summary>The fit of the positive degrees (a peer left with no link cannot sit on a power law), or why there is none.</summary>
    public static (PowerLawFit? Fit, string? Note) FitDegrees(IReadOnlyList<long> degrees, PowerLawFitOptions options, Action<string>? progress = null)
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
