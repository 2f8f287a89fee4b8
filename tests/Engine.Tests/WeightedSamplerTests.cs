using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;

namespace GossipSim.Engine.Tests;

public class WeightedSamplerTests
{
        [TestCase(1, 1)]
    [TestCase(9, 24)]
    [TestCase(5000, 24)]
    [TestCase(70000, 100)]
    public void SampleMany_DrawsWhatOneAtATimeDraws(int slots, int draws)
    {
        var weights = new Rng(7);
        var sampler = new WeightedSampler();
        for (int i = 0; i < slots; i++) sampler.Add(weights.NextInt(4) == 0 ? 0 : 1 + weights.NextInt(1000));
        if (sampler.Total == 0) sampler.Set(0, 1);
        for (int round = 0; round < 20; round++)
        {
            var one = new Rng((ulong)round);
            var many = new Rng((ulong)round);
            var expected = new int[draws];
            for (int d = 0; d < draws; d++) expected[d] = sampler.Sample(one);
            var got = new int[draws];
            sampler.SampleMany(many, got, new long[draws]);
            Assert.That(got, Is.EqualTo(expected));
            Assert.That(many.NextUInt64(), Is.EqualTo(one.NextUInt64())); // the same numbers were taken from the stream
            foreach (int s in got) Assert.That(sampler.WeightOf(s), Is.GreaterThan(0), $"slot {s} has no weight");
        }
    }
}
