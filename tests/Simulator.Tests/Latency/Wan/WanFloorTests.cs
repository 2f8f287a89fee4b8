using GossipSim.Simulator.Latency.Wan;

namespace GossipSim.Simulator.Tests.Latency.Wan;

/// <summary>
/// Light's floor on every pair's base round trip (<see cref="WanAtlas.FloorMs"/>): no pair of nodes draws a round trip faster than
/// light in fibre between the two countries' nearest points, neighbours are not held apart, and rows whose very mean is faster than
/// that draw the distance fit. The printed figures are docs/wan.md's.
/// </summary>
public class WanFloorTests
{
    private static WanAtlas Atlas => WanAtlas.Shipped;

    private static byte Code(string code) => Atlas.TryIndex(code, out byte c) ? c : throw new ArgumentException(code);

    [Test]
    public void NoPair_DrawsFasterThanLightBetweenItsCountries()
    {
        for (int a = 0; a < Atlas.Count; a++)
            for (int b = 0; b < Atlas.Count; b++)
            {
                Assert.That(Atlas.FloorMs(a, b), Is.GreaterThanOrEqualTo(WanAtlas.FloorRttMs));
                Assert.That(Atlas.Pair(a, b).Base.At(0), Is.GreaterThanOrEqualTo(Atlas.FloorMs(a, b)), $"{Atlas.Codes[a]}-{Atlas.Codes[b]}");
            }
    }

    /// <summary>Countries that share a border, or a strait a few km wide, have no floor but the 2 ms one: the boxes only err wide.</summary>
    [TestCase("US", "CA")]
    [TestCase("US", "MX")]
    [TestCase("DE", "NL")]
    [TestCase("DE", "FR")]
    [TestCase("ES", "MA")]
    [TestCase("RU", "US")] // across the Bering Strait
    [TestCase("GB", "IE")]
    [TestCase("SG", "MY")]
    public void Neighbours_AreNotHeldApart(string first, string second) =>
        Assert.That(Atlas.FloorMs(Code(first), Code(second)), Is.EqualTo(WanAtlas.FloorRttMs));

    /// <summary>Countries an ocean or a continent apart: light's floor is their boxes' nearest corners' distance, less than their
    /// nearest coasts' (the United States' box reaches New Brunswick at 49.4° N 67° W, Australia's the Coral Sea), and far less than
    /// their centres'.</summary>
    [TestCase("DE", "US", 4500)]
    [TestCase("GB", "US", 3500)]
    [TestCase("DE", "JP", 7000)]
    [TestCase("GB", "SG", 10000)]
    [TestCase("US", "AU", 5500)]
    [TestCase("DE", "AU", 11000)]
    public void CountriesFarApart_AreFlooredByTheirNearestPoints(string first, string second, double atLeastKm)
    {
        byte a = Code(first), b = Code(second);
        double floor = Atlas.FloorMs(a, b);
        TestContext.Out.WriteLine($"{first}-{second}: floor {floor:F1} ms, {floor * DistanceFit.KmPerMsRoundTrip:N0} km at the nearest, "
            + $"{Atlas.KmBetween(a, b):N0} km between centres");
        Assert.That(floor * DistanceFit.KmPerMsRoundTrip, Is.InRange(atLeastKm, Atlas.KmBetween(a, b)));
    }

    /// <summary>
    /// A row whose mean is faster than light between its countries measured other places (probes placed in the wrong country, anycast
    /// copies): its pairs draw the distance fit, above the floor. Prints how many rows have their minimum, and their mean, under it.
    /// </summary>
    [Test]
    public void ARowWhoseMeanIsFasterThanLight_DrawsTheDistanceFit()
    {
        int underLight = 0;
        foreach (long atLeast in new[] { WanAtlas.ThinBelow, 1000L })
        {
            int rows = 0, minUnder = 0, meanUnder = 0;
            var names = new List<string>();
            for (int a = 0; a < Atlas.Count; a++)
                for (int b = a + 1; b < Atlas.Count; b++)
                {
                    if (Atlas.Row(a, b) is not { } row || row.Count < atLeast) continue;
                    double floor = Atlas.FloorMs(a, b);
                    rows++;
                    if (floor <= WanAtlas.FloorRttMs) continue;
                    if (row.MinMs < floor) minUnder++;
                    if (row.MeanMs > floor) continue;
                    meanUnder++;
                    names.Add($"{Atlas.Codes[a]}-{Atlas.Codes[b]} ({row.Count:N0} pings, mean {row.MeanMs:F1} ms, floor {floor:F1} ms)");
                    var pair = Atlas.Pair(a, b);
                    var fitted = Atlas.Fit.RowAt(Atlas.KmBetween(a, b), floor);
                    Assert.That(pair.Source, Is.EqualTo(RttSource.UnderLight));
                    Assert.That(pair.Base.At(0), Is.GreaterThanOrEqualTo(floor));
                    Assert.That(pair.Base.Moments()!.Value.Mean, Is.EqualTo(fitted.MeanMs).Within(1e-6).Percent);
                    underLight++;
                }
            TestContext.Out.WriteLine($"rows between two countries of {atLeast:N0} pings or more: {rows:N0}; minimum under light's floor "
                + $"{minUnder:N0}, mean under it {meanUnder:N0}: {string.Join("; ", names)}");
        }
        Assert.That(underLight, Is.GreaterThan(0), "the table has rows faster than light (the review's finding)");
    }

    /// <summary>How many pairs of nodes draw from the distance fit under each named mix (the mix's share of each pair of countries):
    /// under atlas, a small part (the mix is where the measurements are), more under even; a row faster than light counts here too.</summary>
    [TestCase("atlas", 0.01)]
    [TestCase("even", 0.75)]
    public void UnderANamedMix_FewPairsDrawTheDistanceFit(string name, double atMost)
    {
        var mix = CountryMix.OfName(name, Atlas);
        double fit = 0, underLight = 0;
        foreach (byte a in mix.Countries)
            foreach (byte b in mix.Countries)
            {
                double share = mix.ShareOf(a) * mix.ShareOf(b);
                var source = Atlas.Pair(a, b).Source;
                if (source is RttSource.Distance or RttSource.UnderLight) fit += share;
                if (source == RttSource.UnderLight) underLight += share;
            }
        TestContext.Out.WriteLine($"{name}: {fit:P2} of pairs of nodes draw the distance fit, {underLight:P2} for a row faster than light");
        Assert.That(fit, Is.GreaterThan(0).And.LessThan(atMost));
    }

    /// <summary>
    /// Long pairs' base round trip before the floor (the row's minimum, at least 2 ms) and after (at least light's): quantiles of the
    /// pair's distribution, exact (<see cref="ShiftedLogNormal.At"/> is its quantile function). Every quantile now clears light, and the
    /// mean is still the row's.
    /// </summary>
    [TestCase("DE", "US")]
    [TestCase("NL", "US")]
    [TestCase("GB", "US")]
    [TestCase("DE", "JP")]
    [TestCase("GB", "SG")]
    [TestCase("US", "AU")]
    [TestCase("DE", "BR")]
    public void ALongPairsBase_ClearsLight_AndKeepsItsRowsMean(string first, string second)
    {
        byte a = Code(first), b = Code(second);
        var row = Atlas.Row(a, b)!.Value;
        var before = WanAtlas.PairOf(row, RttSource.Measured, WanAtlas.FloorRttMs).Base;
        var after = Atlas.Pair(a, b).Base;
        double[] at = [0, 0.01, 0.1, 0.5, 0.9, 0.99];
        string Quantiles(ShiftedLogNormal d) => string.Join(" / ", at.Select(u => $"{d.At(u):F1}"));
        TestContext.Out.WriteLine($"{first}-{second} ({row.Count:N0} pings, min {row.MinMs:F1}, mean {row.MeanMs:F1} ms; floor "
            + $"{Atlas.FloorMs(a, b):F1} ms) min / p1 / p10 / p50 / p90 / p99: before {Quantiles(before)}, after {Quantiles(after)} ms; "
            + $"mean {before.Moments()!.Value.Mean:F1} → {after.Moments()!.Value.Mean:F1} ms");
        Assert.That(Atlas.Pair(a, b).Source, Is.EqualTo(RttSource.Measured));
        Assert.That(after.At(0), Is.GreaterThanOrEqualTo(Atlas.FloorMs(a, b)));
        Assert.That(after.Moments()!.Value.Mean, Is.EqualTo(row.MeanMs).Within(5).Percent);
    }
}
