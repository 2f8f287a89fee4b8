using GossipSim.Engine.Vocabulary;
using GossipSim.Analysis.Fitting;

namespace GossipSim.Analysis.Tests.Fitting;

public class SlotFitTests
{
    private static readonly double[] Table = [0, 1, 2, 3, 4];

    private static double[] Uniform(double from, double to, int n) => Enumerable.Range(0, n).Select(i => from + (to - from) * (i + 0.5) / n).ToArray();

    [Test]
    public void ARunThatGivesTheRealLatencies_LeavesTheTable()
    {
        double[] real = Uniform(0, 4, 4000);
        Assert.That(SlotFit.Update(Table, real, real), Is.EqualTo(Table).Within(1e-9));
    }

    // Simulated latencies slower than the real ones (uniform up to 4 · factor ms, real up to 4 ms):
    // at each slot s the ratio F_real/F_sim is the factor, so the slot's CDF at s rises by its square
    // root (half a step), capped at 1, and the table is read back, linear between entries.
    // Factor 2: CDF 0, 0.354, 0.707, 1, 1 at 0 ... 4 ms; factor 4: 0, 0.5, 1, 1, 1.
    [TestCase(2.0, new[] { 0, 0.25 / 0.35355, 1 + 0.14645 / 0.35355, 2 + 0.04289 / 0.29289, 3 }, TestName = "SlowerRuns_LowerTheSlots")]
    [TestCase(4.0, new[] { 0, 0.5, 1, 1.5, 2 }, TestName = "MuchSlowerRuns_LowerThemFurther")]
    public void TheTable_MovesByHalfTheRatioOfTheCdfs(double factor, double[] expected)
    {
        double[] real = Uniform(0, 4, 40_000), sim = Uniform(0, 4 * factor, 40_000);
        Assert.That(SlotFit.Update(Table, real, sim), Is.EqualTo(expected).Within(2e-3));
    }

    [Test]
    public void TheTable_StaysOrdered_AndWithinItsRange_WhateverTheRun()
    {
        double[] real = Uniform(0, 10, 1000), sim = [0.5, 0.5, 0.6, 9, 9, 9, 12];
        double[] table = [0.2, 0.4, 3, 3, 7, 11];
        double[] next = SlotFit.Update(table, real, sim);
        Assert.That(next, Is.Ordered);
        Assert.That(next[^1], Is.LessThanOrEqualTo(11), "no slot beyond the largest entry: the CDF is 1 there");
        Assert.That(next[0], Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public void ACandidate_ScalesThePathsGossipThroughTheMessageFactor_AndLeavesThePathModelAlone()
    {
        var path = new FittedLatency([1, 2], MessageFactorMedian: 2, MessageFactorSigma: 0.3);
        var spec = SlotFit.WithSlot(path, 0.5, [0, 1.23456, 5], 0.5);
        Assert.That(spec.MessageFactorMedian, Is.EqualTo(1));
        Assert.That(spec.MessageFactorSigma, Is.EqualTo(0.3));
        Assert.That(spec.SlotQuantilesMs, Is.EqualTo(new[] { 0, 1.2346, 5 }));
        Assert.That(spec.SlotWakeWeight, Is.EqualTo(0.5));
        Assert.That(path.MessageFactorMedian, Is.EqualTo(2), "the path model is copied, not changed");
        Assert.That(path.SlotQuantilesMs, Is.Null);
        var unscaled = SlotFit.WithSlot(new FittedLatency([1, 2]), 1, [0, 1], 0);
        Assert.That(unscaled.MessageFactorMedian, Is.Null, "at level 1 no factor is added: the path's gossip as it was");
        Assert.That(unscaled.SlotWakeWeight, Is.Null, "a pure draw writes no weight");
    }

    [Test]
    public void TheScore_IsTheRealRunsDOverItsOwnRunsMedian_SoAShiftedRealRunScoresHigh()
    {
        var rng = new Rng(5);
        double[] Sample(double shift) => Enumerable.Range(0, 500).Select(_ => rng.NextDouble() + shift).ToArray();
        var runs = Enumerable.Range(0, 19).Select(_ => (IReadOnlyCollection<double>)Sample(0)).ToList();
        double alike = SlotFit.Scaled(Sample(0), runs), shifted = SlotFit.Scaled(Sample(0.2), runs);
        Assert.That(alike, Is.LessThan(3), "one more run of the model is about as far from the pool as its runs are");
        Assert.That(shifted, Is.GreaterThan(5), "a sample shifted by a fifth of its range is far beyond the runs' own scatter");
    }
}
