using System.Globalization;
using GossipSim.Analysis.Plots;
using GossipSim.Analysis.PowerLaw;
using GossipSim.Analysis.Summary;
using GossipSim.Analysis.Trace;

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
    /// <summary>Seeds the run started; 0 when not known.</summary>
    public int Seeds { get; init; }
    /// <summary>Partitions, loss windows and latency spikes, shaded on the failure timeline.</summary>
    public IReadOnlyList<NetworkWindow> NetworkWindows { get; init; } = [];
    public IReadOnlyList<NodeRestart> Restarts { get; init; } = [];
    public IReadOnlyList<KeyValuePair<string, string>> Summary { get; init; } = [];
    /// <summary>The checkers' verdicts as the run recorded them (summary.json).</summary>
    public IReadOnlyList<CheckResult> Checks { get; init; } = [];
    /// <summary>A fit already made of <see cref="Degrees"/>; null: fit here with <see cref="FitOptions"/>.</summary>
    public PowerLawFit? Fit { get; init; }
    public PowerLawFitOptions FitOptions { get; init; } = new();
    /// <summary>On the measured Internet: the world map and latency by distance are drawn from it; null, neither is.</summary>
    public WanMap? Wan { get; init; }
}

/// <param name="Fit">The degree fit, or null with the reason in <paramref name="FitNote"/>.</param>
/// <param name="Files">Every file written, report.html last.</param>
/// <param name="LeftOut">A line for each plot that could not be drawn, saying why ("failures plot left out: ...").</param>
public sealed record RunReportOutput(PowerLawFit? Fit, string? FitNote, IReadOnlyList<string> Files, IReadOnlyList<string> LeftOut);

/// <summary>
/// Writes a run's analysis into its results folder: degree, latency and failures plots, each as
/// PNG and SVG (and on the measured Internet the world map and latency by distance), and report.html with the SVGs inline.
/// </summary>
public static class RunReport
{
    /// <summary>The plots' file names without extension: each is written as .png and .svg.</summary>
    public const string DegreeFile = "degree", LatencyFile = "latency", FailuresFile = "failures", HtmlFile = "report.html",
        WorldFile = "world", DistanceFile = "latency-by-distance";

    /// <summary>
    /// Writes the plots and report.html. A report never fails its run: a plot that cannot be drawn is
    /// left out, with a line saying why on the page and in <see cref="RunReportOutput.LeftOut"/>.
    /// </summary>
    public static RunReportOutput Write(string dir, RunReportInput input, Action<string>? progress = null)
        => Write(dir, input, progress, ChartRenderer.Save);

    /// <param name="save">Draws a figure to PATH.png and PATH.svg and returns the SVG (tests give one that fails).</param>
    internal static RunReportOutput Write(string dir, RunReportInput input, Action<string>? progress, Func<Figure, string, string> save)
    {
        Directory.CreateDirectory(dir);
        var files = new List<string>();

        var (fit, fitNote) = input.Fit is { } given ? (given, null) : FitDegrees(input.Degrees, input.FitOptions, progress);

        // Each plot with its section's title and caption; the degree plot first (the fit's verdict stands under it).
        var figures = new List<(string Name, Func<Figure> Figure, string Title, string Caption)>
        {
            (DegreeFile, () => DegreePlot.Figure(input.Degrees, fit, "Peer degrees"), "Degree distribution",
                "Left: complementary CDF of the final peer degrees on log-log axes, with the fitted discrete power law from xmin "
                + "(scaled by the tail's share of peers). Right: the same degrees in logarithmic bins."),
            (LatencyFile, () => LatencyPlot.Figure(input.Latency), "Gossip propagation latency",
                "CDF over (message, peer) deliveries of the time from a message's creation to its first receipt at the peer, "
                + "grouped by when the message was created relative to the crash; p50, p90 and p99 are marked."),
        };
        if (input.Wan is { } wan)
        {
            figures.Add((WorldFile, () => WorldPlot.Figure(wan), "Where the nodes are",
                "Every node at its country's place (the mean of its time zones' principal cities), a little apart so a country's nodes "
                + $"show as a cloud, coloured by continent; faint lines: up to {Wan.WanFigures.MostLinks} of the overlay's links at the "
                + "end, between nodes still up. summary.json's wan section counts the nodes by country and continent."));
            figures.Add((DistanceFile, () => DistanceLatencyPlot.Figure(wan), "Gossip latency by distance",
                "Each dot a first receipt (a uniform sample): the great-circle distance between its message's origin's country and its "
                + "receiver's, against the time from creation to first receipt. Lines: the median and 99th percentile of every "
                + "receipt in each distance band. summary.json's wan section gives the same figures by continent pair."));
        }
        figures.Add((FailuresFile, () => FailureTimelinePlot.Figure(input.Failures, input.NetworkWindows, input.Restarts), "Failure timeline",
            "Each injected crash and how the network reacted: first suspicion by a neighbour, dead-node report to the seeds, "
            + "removal from the peer list by the seeds' majority, each also written beside its row in seconds after that node's "
            + $"crash (+ s); past {FailureTimelinePlot.MostRows} crashes, the number of nodes that had reached each stage over "
            + "time instead. Partitions, loss windows, latency spikes and churn shaded, and restarts marked, where the run had "
            + "them."));
        var svgs = new string?[figures.Count];
        var leftOutBecause = new string?[figures.Count];
        var leftOut = new List<string>();
        for (int i = 0; i < figures.Count; i++)
        {
            string path = Path.Combine(dir, figures[i].Name);
            try
            {
                svgs[i] = save(figures[i].Figure(), path);
                files.Add(path + ".png");
                files.Add(path + ".svg");
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Whatever the plotting library threw: the run's summary and trace are written, and its checks, not its pictures,
                // decide how it went.
                foreach (var half in new[] { path + ".png", path + ".svg" }) File.Delete(half); // an older run's, or half written
                leftOutBecause[i] = $"it could not be drawn ({ex.Message.TrimEnd('.')})";
                leftOut.Add($"{figures[i].Name} plot left out: {leftOutBecause[i]}");
                progress?.Invoke(leftOut[^1]);
            }
        }

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
            Seeds = input.Seeds,
            Figures = figures.Select((f, i) => new ReportFigure(f.Title, svgs[i], LeftOutBecause: leftOutBecause[i], Caption: f.Caption))
                .ToList(),
        };
        string html = Path.Combine(dir, HtmlFile);
        HtmlReport.Write(html, content);
        files.Add(html);
        return new RunReportOutput(fit, fitNote, files, leftOut);
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
