using GossipSim.Engine.Vocabulary;
using GossipSim.Analysis.Fitting;
using GossipSim.Scenarios.Compare;

namespace GossipSim.Multihost.Tests;

/// <summary>The comparison's report: its verdict line, notes, Markdown and JSON over the metrics compared.</summary>
public class CompareReportTests
{
    [Test]
    public void Report_VerdictLine_ListsWhatAgreesAndWhatDiffers()
    {
        var same = MetricComparison.Of("degree", "degree", "", 1, new double[] { 1, 2, 3, 4 }, new double[] { 1, 2, 3, 4 }, 0.01);
        var slower = MetricComparison.Of("latency", "latency", "ms", 1000,
            Enumerable.Repeat(0.001, 100).ToArray(), Enumerable.Repeat(0.004, 100).ToArray(), 0.01);
        var report = new CompareReport
        {
            Scenario = "x", Bed = "b", RealName = "real nodes", Seed = 1, SimLatencyModel = "m", RealLatencyModel = "m",
            LatencyNote = "n", Metrics = new[] { same, slower }, Alpha = 0.01,
        };
        Assert.That(report.VerdictLine, Is.EqualTo("verdict (naive KS test, which counts every delivery as an independent draw, α = 0.01): the simulator and real nodes agree on degree; they differ on latency: real is higher, median 4 ms vs 1 ms (D = 1.000)"));
        Assert.That(report.ToJson(), Does.Contain("\"D\": 1"));
        Assert.That(report.ToMarkdown(), Does.Contain("| latency | 100 | 100 | 1 ms | 4 ms |"));
    }

    /// <summary>Runs of a clustered model: each message's deliveries share one factor, the dependence real deliveries have.</summary>
    private static double[] ClusteredRun(Rng rng, int messages, int copies, double level = 1) =>
        Enumerable.Range(0, messages).SelectMany(_ =>
        {
            double factor = Math.Exp(0.5 * rng.NextGaussian());
            return Enumerable.Range(0, copies).Select(_ => level * factor * Math.Exp(0.3 * rng.NextGaussian())).ToArray();
        }).ToArray();

    private static CompareReport ReportOf(params MetricComparison[] metrics) => new()
    {
        Scenario = "x", Bed = "b", RealName = "real nodes", Seed = 42, SimLatencyModel = "m", RealLatencyModel = "m",
        LatencyNote = "n", Metrics = metrics, Alpha = 0.01,
    };

    [Test]
    public void WithModelRuns_TheReport_SaysTheMonteCarloTestDecides()
    {
        var rng = new Rng(21);
        var real = ClusteredRun(rng, 30, 20);
        var runs = Enumerable.Range(0, 99).Select(_ => (IReadOnlyCollection<double>)ClusteredRun(rng, 30, 20)).ToList();
        var sim = ClusteredRun(rng, 30, 20);
        var mc = MetricComparison.Of("latency", "latency", "ms", 1000, sim, real, 0.01, runs);
        var report = ReportOf(mc);
        Assert.That(report.VerdictLine, Does.StartWith("verdict (Monte Carlo KS test: the real run ranked among 99 runs of the simulator's model at other seeds, α = 0.01): the simulator and real nodes agree on latency"));
        Assert.That(report.ReadingNote(), Does.Contain($"the naive KS test at α = 0.01 calls this many different: latency {mc.RunToRun!.NaiveRejections}"));
        Assert.That(report.ToMarkdown(), Does.Contain("| Monte Carlo p |"));
        Assert.That(report.ToJson(), Does.Contain("\"modelRuns\": 99"));
    }

    [Test]
    public void WithoutModelRuns_TheReportSaysTheVerdictIsTheNaiveTests()
    {
        var report = ReportOf(MetricComparison.Of("degree", "degree", "", 1, new double[] { 1, 2, 3 }, new double[] { 1, 2, 3 }, 0.01));
        Assert.That(report.ModelRuns, Is.Null);
        Assert.That(report.ReadingNote(), Does.Contain("so the verdict is the naive test's"));
        Assert.That(report.ToMarkdown(), Does.Not.Contain("Monte Carlo p"));
    }
}
