using GossipSim.Analysis.Trace;
using GossipSim.Analysis.Fitting;

using GossipSim.TestSupport;

namespace GossipSim.Analysis.Tests.Fitting;

public class CalibrationTests
{
    private static string CommittedRealTrace() => RepositoryFiles.Path("tests", "fixtures", "crash-hub", "trace.jsonl.gz");

    /// <summary>
    /// A stand-in simulator whose mean hop count is 2 + the link's share and whose latencies are the
    /// real ones over 1.25 at level 1 (and scale with the level): the fit must find share 0.5 and level 1.25.
    /// </summary>
    [Test]
    public void TheFit_FindsTheLinkShareThatGivesTheRealHops_AndTheLevelThatGivesItsLatencies()
    {
        string trace = CommittedRealTrace();
        var real = TraceSamples.Read(trace);
        // Every 8th delivery: the fit tries some 60 stand-in runs, each against every sigma and level.
        real = new TraceSamples
        {
            Hops = Enumerable.Repeat(2.5, 100).ToArray(),
            LatencySeconds = real.LatencySeconds.Where((_, i) => i % 8 == 0).ToArray(),
            Messages = real.Messages.Where((_, i) => i % 8 == 0).ToArray(),
        };
        var fit = Analysis.Stats.HopDelayFit.Of(TraceFile.Read(trace));
        int mid = fit.QuantilesMs.Length / 2;
        var runs = new List<FittedLatency>();
        TraceSamples Simulate(FittedLatency latency)
        {
            runs.Add(latency);
            double level = latency.ReceiverQuantilesMs![mid] / fit.FirstQuantilesMs[mid];
            double share = latency.QuantilesMs![mid] / fit.QuantilesMs[mid] / level;
            return new TraceSamples
            {
                Hops = Enumerable.Repeat(2 + share, 100).ToArray(),
                LatencySeconds = real.LatencySeconds.Select(x => x / 1.25 * level).ToArray(),
                Messages = real.Messages,
            };
        }
        var lines = new List<string>();
        var c = Calibration.Of(trace, "the committed run", real, 42, Simulate, lines.Add);

        Assert.That(c.LinkShare, Is.EqualTo(0.5).Within(1.0 / 128));
        Assert.That(c.Level * c.MessageMedian, Is.EqualTo(1.25).Within(0.01), "the level, its last correction in the message factor's median");
        Assert.That(c.MessageSigma, Is.EqualTo(0), "the stand-in's latencies are the real ones scaled: no spread to add");
        Assert.That(runs, Has.Count.EqualTo((1 + Calibration.Spreads.Length) * (1 + Calibration.ShareSteps + 1)), "each round (the first, then one per spread): share 1, the bisection, the share chosen");
        Assert.That(c.Spread, Is.EqualTo(1), "the stand-in's latencies do not depend on the spread: the tables stay as measured");
        Assert.That(c.Latency.ReceiverQuantilesMs![mid], Is.EqualTo(fit.FirstQuantilesMs[mid] * c.Level).Within(1e-3), "the receiver's part is the first-arrived copies' delays times the level");
        Assert.That(c.Latency.MessageFactorMedian ?? 1, Is.EqualTo(c.MessageMedian), "the scenario carries the median (absent: 1)");
        Assert.That(c.Line, Does.StartWith("calibrated model: empirical latency measured from the committed run"));
        Assert.That(lines, Has.All.StartWith("  calibrating: spread"));
        Assert.That(lines.Count(l => l.Contains("message sigma")), Is.EqualTo(1 + Calibration.Spreads.Length), "each round says the level and message sigma it found");
    }

    [TestCase(1.0)]
    [TestCase(1.3)]
    [TestCase(0.7)]
    public void TheSpread_KeepsTheMedianAndOrder_AndPowersEachRatioToIt(double power)
    {
        double[] table = [0, 1, 2, 4, 16];
        double[] spread = Calibration.WithSpread(table, power);
        Assert.That(spread[2], Is.EqualTo(2), "the median stays");
        Assert.That(spread, Is.Ordered, "the order stays");
        Assert.That(spread[4] / spread[2], Is.EqualTo(Math.Pow(8, power)).Within(1e-9));
        Assert.That(spread[1] / spread[2], Is.EqualTo(Math.Pow(0.5, power)).Within(1e-9));
    }
}
