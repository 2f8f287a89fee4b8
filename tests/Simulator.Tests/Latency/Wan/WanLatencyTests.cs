using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Latency.Wan;

namespace GossipSim.Simulator.Tests.Latency.Wan;

public class WanLatencyTests
{
    private static WanAtlas Atlas => WanAtlas.Shipped;
    private static readonly Engine.Messages.Gossip AMessage = new(new MessageId(new NodeAddress(0x0a000001, 7000), 1), TimeSpan.Zero, 1, false);

    private static WanLatency Atlas_(int nodes, ulong seed, params byte[] pinned) =>
        (WanLatency)new WanLatency(CountryMix.OfName("atlas", Atlas), pinned, nodes).ForRun(seed);

    [Test]
    public void APairsBase_IsTheSameBothWays_AndForEveryMessage_ThePerMessageJitterOnlyAdds()
    {
        var model = Atlas_(100, 42);
        var rng = new Rng(5);
        for (int a = 0; a < 20; a++)
            for (int b = 20; b < 40; b++)
            {
                double rtt = model.BaseRttMs(a, b);
                Assert.That(model.BaseRttMs(b, a), Is.EqualTo(rtt));
                for (int k = 0; k < 5; k++)
                    Assert.That(model.SampleTicks(rng, a, b, AMessage, 0), Is.GreaterThanOrEqualTo(LatencyModel.TicksOfMs(rtt / 2)));
            }
    }

    [Test]
    public void AMessagesDelay_IsTheAtlasPairsBaseAndJitter_ToTheLastBit()
    {
        // The draw reads its pair's numbers from a table of its own (a cache line a pair); they are the atlas's, so every trace is
        // the one the atlas's records give. Pinned nodes in countries outside the mix take part too.
        byte far = Atlas.TryIndex("NZ", out byte nz) ? nz : throw new InvalidOperationException("NZ in the atlas");
        byte near = Atlas.TryIndex("IS", out byte @is) ? @is : throw new InvalidOperationException("IS in the atlas");
        var model = (WanLatency)new WanLatency(CountryMix.OfWeights(new Dictionary<string, double> { ["DE"] = 3, ["US"] = 2, ["JP"] = 1 },
            Atlas), [far, near], 3_000).ForRun(7);
        Rng drawn = new(11), expected = new(11);
        int differentCountries = 0;
        for (int i = 0; i < 5_000; i++)
        {
            int a = (i * 7919) % 3_000, b = (i * 104_729 + 1) % 3_000;
            var pair = Atlas.Pair(model.CountryOf(a), model.CountryOf(b));
            double jitter = -pair.JitterMeanMs * Math.Log(1 - expected.NextDouble());
            Assert.That(model.SampleTicks(drawn, a, b, AMessage, 0), Is.EqualTo(LatencyModel.TicksOfMs((model.BaseRttMs(a, b) + jitter) / 2)),
                $"nodes {a} and {b}");
            if (model.CountryOf(a) != model.CountryOf(b)) differentCountries++;
        }
        Assert.That(differentCountries, Is.GreaterThan(1_000), "pairs across countries were drawn");
        Assert.That(Enumerable.Range(0, 2).Select(model.CountryOf), Is.EqualTo(new[] { far, near }));
    }

    [Test]
    public void TheJitter_IsSmallBesideTheBase()
    {
        var model = Atlas_(2, 42);
        var rng = new Rng(9);
        double baseMs = model.BaseRttMs(0, 1) / 2;
        var ms = Enumerable.Range(0, 10_000).Select(_ => model.SampleTicks(rng, 0, 1, AMessage, 0) / (double)TimeSpan.TicksPerMillisecond - baseMs).ToArray();
        var pair = Atlas.Pair(model.CountryOf(0), model.CountryOf(1));
        Assert.That(ms.Average(), Is.EqualTo(pair.JitterMeanMs / 2).Within(10).Percent.Or.LessThan(0.01), "half the round trip's jitter");
        Assert.That(pair.JitterMeanMs, Is.LessThanOrEqualTo(WanAtlas.JitterShare * Atlas.Row(model.CountryOf(0), model.CountryOf(1))?.MeanMs ?? double.MaxValue));
    }

    [Test]
    public void ANodesCountry_IsAFunctionOfTheRunAndTheNode()
    {
        var one = Atlas_(1000, 42);
        var again = Atlas_(1000, 42);
        var other = Atlas_(1000, 43);
        var placed = Enumerable.Range(0, 1000).Select(one.CountryOf).ToArray();
        Assert.That(Enumerable.Range(0, 1000).Select(again.CountryOf), Is.EqualTo(placed));
        Assert.That(Enumerable.Range(0, 1000).Select(other.CountryOf), Is.Not.EqualTo(placed), "another seed places nodes afresh");
        // A node added after the start (past the table filled at the start) is placed by the same function.
        var fewer = Atlas_(10, 42);
        Assert.That(Enumerable.Range(0, 1000).Select(fewer.CountryOf), Is.EqualTo(placed));
        Assert.That(Enumerable.Range(0, 1000).Select(i => fewer.BaseRttMs(i, 999 - i)),
            Is.EqualTo(Enumerable.Range(0, 1000).Select(i => one.BaseRttMs(i, 999 - i))));
    }

    [Test]
    public void PinnedSeeds_AreWhereTheyArePinned()
    {
        Atlas.TryIndex("SG", out byte sg);
        Atlas.TryIndex("BR", out byte br);
        var model = Atlas_(50, 42, sg, br);
        Assert.That(model.CountryOf(0), Is.EqualTo(sg));
        Assert.That(model.CountryOf(1), Is.EqualTo(br));
    }

    [Test]
    public void ManyNodes_FollowTheMixsShares()
    {
        var model = Atlas_(200_000, 3);
        var counts = new int[Atlas.Count];
        for (int i = 0; i < 200_000; i++) counts[model.CountryOf(i)]++;
        var mix = CountryMix.OfName("atlas", Atlas);
        foreach (string code in new[] { "US", "DE", "FR", "JP", "BR" })
        {
            Atlas.TryIndex(code, out byte c);
            Assert.That(counts[c] / 200_000.0, Is.EqualTo(mix.ShareOf(c)).Within(0.004), code);
        }
    }

    [Test]
    public void TheFloor_IsHalfTheSmallestRoundTrip_AndNoDrawIsUnderIt()
    {
        var model = Atlas_(1000, 42);
        Assert.That(model.MinTicks, Is.EqualTo(LatencyModel.TicksOfMs(WanAtlas.FloorRttMs / 2)), "the atlas mix holds rows at the floor");
        var rng = new Rng(1);
        for (int i = 0; i < 100_000; i++) Assert.That(model.SampleTicks(rng), Is.GreaterThanOrEqualTo(model.MinTicks));
        for (int i = 0; i < 1000; i++)
            Assert.That(model.SampleTicks(rng, i, (i * 7 + 1) % 1000, AMessage, 0), Is.GreaterThanOrEqualTo(model.MinTicks));
    }

    [Test]
    public void AMixOfFarCountries_HasAHigherFloor()
    {
        var far = (WanLatency)new WanLatency(CountryMix.OfWeights(new Dictionary<string, double> { ["AU"] = 0, ["DE"] = 1 }, Atlas), [], 10)
            .ForRun(1);
        Atlas.TryIndex("DE", out byte de);
        Assert.That(far.MinTicks, Is.EqualTo(LatencyModel.TicksOfMs(Atlas.Pair(de, de).Base.Lo / 2)));
    }

    // (weights A, B; u) → which: the first whose cumulative share is above u.
    [TestCase(1.0, 3.0, 0.0, "A")]
    [TestCase(1.0, 3.0, 0.2499, "A")]
    [TestCase(1.0, 3.0, 0.25, "B")]
    [TestCase(1.0, 3.0, 0.9999999, "B")]
    [TestCase(0.0, 3.0, 0.0, "B")]
    public void AMix_PlacesANodeByItsCumulativeShares(double a, double b, double u, string expected)
    {
        var mix = CountryMix.OfWeights(new Dictionary<string, double> { ["AT"] = a, ["BE"] = b }, Atlas);
        Atlas.TryIndex("AT", out byte at);
        Atlas.TryIndex("BE", out byte be);
        Assert.That(mix.At(u), Is.EqualTo(expected == "A" ? at : be));
    }

    [TestCase(new[] { 1.0, 2.0 }, null)]
    [TestCase(new[] { 0.0, 0.5 }, null)]
    [TestCase(new[] { 0.0, 0.0 }, "weights that sum to a positive number (they sum to 0)")]
    [TestCase(new double[0], "weights that sum to a positive number (they sum to 0)")]
    [TestCase(new[] { -1.0, 2.0 }, "weights of 0 or more")]
    [TestCase(new[] { double.NaN }, "weights of 0 or more")]
    [TestCase(new[] { double.PositiveInfinity }, "weights of 0 or more")]
    public void AMixsWeights_AreRefusedWhenTheyMakeNoMix(double[] weights, string? problem)
    {
        Assert.That(CountryMix.Problem(weights), Is.EqualTo(problem));
    }

    // (mean, std, lo, hi): the fit's mean exact, its spread the asked one where the shape holds it.
    [TestCase(113.6, 40.0, 20.0, 3000.0)]
    [TestCase(26.8, 54.3, 2.0, 3000.0)]
    [TestCase(183.05, 0.41, 181.08, 197.83)]
    [TestCase(22.36, 3.0, 20.32, 53.33)]
    public void TheFit_HasTheMeanAndSpreadAskedFor(double mean, double std, double lo, double hi)
    {
        var m = ShiftedLogNormal.Fit(mean, std, lo, hi).Moments()!.Value;
        Assert.That(m.Mean, Is.EqualTo(mean).Within(1e-6).Percent);
        Assert.That(m.Std, Is.EqualTo(std).Within(1).Percent);
    }

    [TestCase(0.0)]
    [TestCase(0.3)]
    [TestCase(0.999999)]
    public void TheShape_DrawsInsideItsRange_RisingWithU(double u)
    {
        var d = ShiftedLogNormal.Fit(50, 30, 10, 400);
        Assert.That(d.At(u), Is.InRange(10.0, 400.0));
        Assert.That(d.At(Math.Min(u + 0.1, 0.9999999)), Is.GreaterThanOrEqualTo(d.At(u)));
    }

    // zone.tab's ISO 6709 coordinates → degrees.
    [TestCase("+5230+01322", 52.5, 13.366667)]
    [TestCase("-3352+15113", -33.866667, 151.216667)]
    [TestCase("+404251-0740023", 40.714167, -74.006389)]
    public void AZoneCoordinate_ReadsAsDegrees(string text, double lat, double lon)
    {
        var (la, lo) = WanData.Iso6709(text);
        Assert.That(la, Is.EqualTo(lat).Within(1e-5));
        Assert.That(lo, Is.EqualTo(lon).Within(1e-5));
    }

    [TestCase(52.5, 13.37, 48.87, 2.33, 878, TestName = "BerlinToParis")]
    [TestCase(52.5, 13.37, 52.5, 13.37, 0, TestName = "APlaceToItself")]
    [TestCase(0, 0, 0, 180, 20015, TestName = "HalfTheEquator")]
    public void TheGreatCircleDistance(double lat1, double lon1, double lat2, double lon2, double km)
    {
        Assert.That(DistanceFit.Km((lat1, lon1), (lat2, lon2)), Is.EqualTo(km).Within(0.5).Percent.Or.EqualTo(0).Within(1e-9));
    }
}
