using GossipSim.Engine.Core;
using GossipSim.Engine.Collections;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class WeightedSamplerTests
{
    /// <summary>Weights spread over many classes, some zero, then changed (within and across classes) and some zeroed.</summary>
    private static (WeightedSampler sampler, long[] weights) Build(int slots)
    {
        var r = new Rng(7);
        var sampler = new WeightedSampler();
        var weights = new long[slots];
        for (int i = 0; i < slots; i++)
        {
            weights[i] = r.NextInt(5) == 0 ? 0 : 1 + r.NextInt(r.NextInt(2) == 0 ? 8 : 3000);
            sampler.Add(weights[i]);
        }
        for (int k = 0; k < slots; k++)
        {
            int i = r.NextInt(slots);
            weights[i] = r.NextInt(6) == 0 ? 0 : 1 + r.NextInt(r.NextInt(2) == 0 ? 8 : 3000);
            sampler.Set(i, weights[i]);
        }
        if (sampler.Total == 0) sampler.Set(0, weights[0] = 1);
        return (sampler, weights);
    }

    [Test]
    public void Totals_AndWeights_FollowEveryUpdate()
    {
        var (sampler, weights) = Build(500);
        Assert.That(sampler.Total, Is.EqualTo(weights.Sum()));
        for (int i = 0; i < weights.Length; i++) Assert.That(sampler.WeightOf(i), Is.EqualTo(weights[i]), $"slot {i}");
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Set(0, -1));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Draws_AreInProportionToWeight(bool sideBySide)
    {
        // 60 slots, 600,000 draws: a chi-square test against weight / total, and never a zero-weight slot.
        var (sampler, weights) = Build(60);
        var rng = new Rng(11);
        var counts = new long[weights.Length];
        int draws = 600_000;
        var batch = new int[24];
        for (int d = 0; d < draws; d += batch.Length)
        {
            if (sideBySide) sampler.SampleMany(rng, batch);
            else for (int k = 0; k < batch.Length; k++) batch[k] = sampler.Sample(rng);
            foreach (int s in batch) counts[s]++;
        }
        double total = weights.Sum(), chi = 0;
        int cells = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            if (weights[i] == 0) { Assert.That(counts[i], Is.Zero, $"slot {i} has no weight"); continue; }
            double expected = draws * weights[i] / total;
            chi += (counts[i] - expected) * (counts[i] - expected) / expected;
            cells++;
        }
        // Critical value of chi-square at p = 0.001 for up to 59 degrees of freedom is below 100.
        Assert.That(chi, Is.LessThan(100), $"chi-square {chi:F1} over {cells} slots");
    }

    [Test]
    public void ASingleDraw_IsABatchOfOne_SameSlotsAndTheStreamLeftInTheSamePlace()
    {
        var (sampler, _) = Build(60);
        var single = new Rng(5);
        var batched = new Rng(5);
        Span<int> one = stackalloc int[1];
        for (int d = 0; d < 1000; d++)
        {
            sampler.SampleMany(batched, one);
            Assert.That(sampler.Sample(single), Is.EqualTo(one[0]), $"draw {d}");
        }
        Assert.That(single.NextUInt64(), Is.EqualTo(batched.NextUInt64()));
    }

    [Test]
    public void AWeightSetToZero_IsNeverDrawnAgain_AndTheOthersStillAre()
    {
        var sampler = new WeightedSampler();
        for (int i = 0; i < 10; i++) sampler.Add(100);
        sampler.Set(3, 0);
        sampler.Set(7, 1);       // moved to another class
        sampler.Set(7, 100_000); // and again
        var rng = new Rng(5);
        var seen = new HashSet<int>();
        for (int d = 0; d < 20_000; d++) seen.Add(sampler.Sample(rng));
        Assert.That(seen, Does.Not.Contain(3));
        Assert.That(seen, Is.EquivalentTo(Enumerable.Range(0, 10).Where(i => i != 3)));
        for (int i = 0; i < 10; i++) sampler.Set(i, 0);
        Assert.That(sampler.Sample(rng), Is.EqualTo(-1));
    }
}
