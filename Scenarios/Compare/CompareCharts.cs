using System.Globalization;
using GossipSim.Analysis.Plots;
using ScottPlot;
using GossipSim.Analysis.Fitting;
using GossipSim.Analysis.Stats;

namespace GossipSim.Scenarios.Compare;

/// <summary>
/// The comparison's plots, one per quantity, simulator and real overlaid, as Analysis's chart
/// models (drawn by its ScottPlot renderer): degrees as a log-log CCDF (as the run's own degree
/// plot), hop counts as a CDF, latencies as a CDF on a log time axis (they span milliseconds to seconds).
/// </summary>
public static class CompareCharts
{
    public const int Width = 960, Height = 620;
    private static readonly Color SimColor = OkabeIto.Blue, RealColor = OkabeIto.Vermillion;

    public static Figure Degrees(MetricComparison m, string realName)
    {
        var chart = new Chart($"Degree distribution (CCDF), KS {m.Test}",
            new ChartAxis(DegreePlot.XLabel, AxisScale.Log), new ChartAxis("P(K ≥ k)", AxisScale.Log));
        var series = new List<ChartSeries>();
        Add("simulator", m.Sim, SimColor, MarkerShape.OpenCircle);
        Add(realName, m.Real, RealColor, MarkerShape.FilledSquare);
        return new Figure(chart with { Series = series, EmptyMessage = series.Count == 0
            ? "no peer with a link at the end" : null }, Width, Height);

        void Add(string name, double[] raw, Color color, MarkerShape shape)
        {
            var positive = raw.Where(d => d > 0).Select(d => (long)d).OrderBy(d => d).ToArray();
            if (positive.Length == 0) return;
            int zeros = raw.Length - positive.Length;
            series.Add(new(DegreePlot.EmpiricalCcdf(positive), color)
            {
                Legend = $"{name} (n = {raw.Length}{(zeros > 0 ? $", {zeros} with degree 0 not on a log axis" : "")})",
                LineWidth = 1.2f,
                Marker = shape,
                MarkerSize = 8,
            });
        }
    }

    public static Figure Hops(MetricComparison m, string realName)
    {
        // Hop counts are whole numbers: a tick at each, unless there are too many to label.
        double most = m.Sim.Concat(m.Real).DefaultIfEmpty(1).Max();
        var chart = new Chart($"Hop count of each delivery (CDF), KS {m.Test}",
            new ChartAxis("hops from the origin", Min: 0, TickStep: most <= 15 ? 1 : null), LatencyPlot.FractionAxis(LatencyPlot.YLabel));
        var series = Cdf("simulator", m, m.Sim, x => x, SimColor).Concat(Cdf(realName, m, m.Real, x => x, RealColor)).ToList();
        return new Figure(chart with { Series = series, EmptyMessage = series.Count == 0 ? "no deliveries" : null }, Width, Height);
    }

    /// <summary>A latency in seconds on a log axis in milliseconds.</summary>
    public static Figure Latency(MetricComparison m, string realName, string title)
    {
        var chart = new Chart($"{title} (CDF), KS {m.Test}",
            new ChartAxis("milliseconds (log scale)", AxisScale.Log), LatencyPlot.FractionAxis(LatencyPlot.YLabel));
        var series = Cdf("simulator", m, m.Sim.Where(x => x > 0).ToArray(), x => x * 1000, SimColor)
            .Concat(Cdf(realName, m, m.Real.Where(x => x > 0).ToArray(), x => x * 1000, RealColor)).ToList();
        return new Figure(chart with { Series = series, EmptyMessage = series.Count == 0 ? "no deliveries" : null }, Width, Height);
    }

    /// <summary>The CDF staircase and its median marker; none for an empty sample.</summary>
    private static IEnumerable<ChartSeries> Cdf(string name, MetricComparison m, double[] values, Func<double, double> toAxis, Color color)
    {
        if (values.Length == 0) yield break;
        var sorted = values.Select(toAxis).OrderBy(x => x).ToArray();
        double median = Percentiles.Of(values.OrderBy(x => x).ToArray(), 0.5);
        yield return new(LatencyPlot.StepCdf(sorted), color)
        {
            Legend = string.Create(CultureInfo.InvariantCulture, $"{name} (n = {values.Length:N0}): median {m.Value(median)} (●)"),
            LineWidth = 2,
        };
        yield return new([(toAxis(median), 0.5)], color) { Marker = MarkerShape.FilledCircle, MarkerSize = 10 };
    }
}
