using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Latency.Wan;

namespace GossipSim.Simulator.Tests.Latency.Wan;

/// <summary>The measured table as the model reads it: each well-measured row's mean and spread reproduced by the pairs drawn from it,
/// the distance fallback inside its stated bounds, and no draw under the floor.</summary>
public class WanAtlasTests
{
    private static WanAtlas Atlas => WanAtlas.Shipped;

    /// <summary>Rows behind at least this many pings are well measured: the issue's bar for the mean within 5 %.</summary>
    private const long WellMeasured = 1000;

    private static IEnumerable<(int A, int B, RttRow Row, PairRtt Pair)> Rows(long atLeast)
    {
        for (int a = 0; a < Atlas.Count; a++)
            for (int b = a; b < Atlas.Count; b++)
                if (Atlas.Row(a, b) is { } row && row.Count >= atLeast) yield return (a, b, row, Atlas.Pair(a, b));
    }

    private static string Name(int a, int b) => $"{Atlas.Codes[a]}-{Atlas.Codes[b]}";

    [Test]
    public void TheShippedTables_HoldCountriesOnly_EachNamedByIso3166()
    {
        var named = WanData.Rows().SelectMany(r => new[] { r.A, r.B }).Distinct().ToArray();
        Assert.That(Atlas.Count, Is.EqualTo(named.Length));
        Assert.That(named, Has.None.AnyOf("None", "Unknown", "EU"), "codes for no country (unplaced addresses, Europe) are no country");
        Assert.That(Atlas.Codes, Has.All.Matches<string>(c => Atlas.Names.ContainsKey(c)));
    }

    /// <summary>
    /// Every row of 1,000 pings or more whose mean is above the floor: the pairs' mean is the row's within 5 %. A few rows crowd at
    /// their maximum (mean above three quarters of the way from min to max): a shape skewed to the right reaches them within 10 %.
    /// </summary>
    [Test]
    public void EveryWellMeasuredRow_ItsPairsMean_IsTheRowsWithin5Percent()
    {
        var off = new List<string>();
        int leftSkewed = 0, rows = 0;
        foreach (var (a, b, row, pair) in Rows(WellMeasured).Where(r => r.Pair.Source == RttSource.Measured))
        {
            rows++;
            double mean = pair.Base.Moments()!.Value.Mean, error = Math.Abs(mean / row.MeanMs - 1);
            bool crowdsAtItsMax = (row.MeanMs - pair.Base.Lo) / (pair.Base.Hi - pair.Base.Lo) > 0.75;
            if (crowdsAtItsMax) leftSkewed++;
            if (error > (crowdsAtItsMax ? 0.10 : 0.05)) off.Add($"{Name(a, b)}: {row.MeanMs:F2} ms, the pairs' {mean:F2} ms");
        }
        TestContext.Out.WriteLine($"{rows} rows, {leftSkewed} crowding at their maximum");
        Assert.That(rows, Is.GreaterThan(5000), "the table has some 5,300 rows of 1,000 pings or more");
        Assert.That(off, Is.Empty);
        Assert.That(leftSkewed, Is.LessThan(rows / 100), "rows crowding at their maximum are a few");
    }

    /// <summary>
    /// The spread: within 10 % wherever the shape can hold it; where it cannot (σ at its widest: a range so narrow for the row's
    /// spread that its pings must crowd at both ends, e.g. two routes), the widest the shape holds, below the row's, never above.
    /// </summary>
    [Test]
    public void EveryWellMeasuredRow_ItsPairsSpread_IsTheRowsWithin10Percent_OrTheWidestTheShapeHolds()
    {
        var off = new List<string>();
        int atTheEdge = 0, rows = 0;
        foreach (var (a, b, row, pair) in Rows(WellMeasured).Where(r => r.Pair.Source == RttSource.Measured))
        {
            rows++;
            double std = pair.Base.Moments()!.Value.Std;
            bool widest = pair.Base.Sigma > ShiftedLogNormal.MaxSigma * 0.999;
            if (widest) atTheEdge++;
            if (widest ? std > row.StdMs * 1.001 : Math.Abs(std / row.StdMs - 1) > 0.10)
                off.Add($"{Name(a, b)}: {row.StdMs:F2} ms, the pairs' {std:F2} ms{(widest ? " (widest)" : "")}");
        }
        TestContext.Out.WriteLine($"{rows} rows, {atTheEdge} at the widest spread the shape holds");
        Assert.That(off, Is.Empty);
        Assert.That(atTheEdge, Is.LessThan(rows / 10));
    }

    /// <summary>Rows whose mean is under the floor (anycast next door, misplaced addresses) between countries that may touch: their
    /// pairs sit at the floor, or at the row's minimum where that is higher. (Between countries apart, such a mean is faster than light:
    /// <see cref="WanFloorTests"/>.)</summary>
    [Test]
    public void ARowWhoseMeanIsUnderTheFloor_DrawsTheFloor()
    {
        var under = Rows(WanAtlas.ThinBelow)
            .Where(r => r.Row.MeanMs <= WanAtlas.FloorRttMs && Atlas.FloorMs(r.A, r.B) == WanAtlas.FloorRttMs).ToList();
        TestContext.Out.WriteLine($"{under.Count} rows of {WanAtlas.ThinBelow} pings or more, "
            + $"{under.Count(r => r.Row.Count >= WellMeasured)} of {WellMeasured:N0} or more, with a mean under {WanAtlas.FloorRttMs} ms");
        Assert.That(under, Is.Not.Empty, "the table has rows under 2 ms");
        foreach (var (_, _, row, pair) in under)
        {
            Assert.That(pair.Source, Is.EqualTo(RttSource.BelowFloor));
            Assert.That(pair.Base.At(0.999), Is.EqualTo(Math.Max(row.MinMs, WanAtlas.FloorRttMs)));
        }
    }

    /// <summary>Through the model, pairs of nodes of two countries: the base round trips of many pairs have the row's mean (5 %) and
    /// spread (15 %: a sample of a skewed distribution), for the rows behind the most pings, across and inside countries.</summary>
    [TestCase("DE", "US")]
    [TestCase("NL", "US")]
    [TestCase("DE", "FR")]
    [TestCase("DE", "JP")]
    [TestCase("GB", "SG")]
    [TestCase("US", "US")]
    [TestCase("DE", "DE")]
    public void ManyPairsOfNodes_DrawTheRowsMeanAndSpread(string first, string second)
    {
        Atlas.TryIndex(first, out byte a);
        Atlas.TryIndex(second, out byte b);
        var row = Atlas.Row(a, b)!.Value;
        var model = (WanLatency)new WanLatency(CountryMix.OfWeights(new Dictionary<string, double> { [first] = 1, [second] = 1 }, Atlas),
            [], 2000).ForRun(7);
        var bases = new List<double>();
        for (int i = 0; i < 2000 && bases.Count < 40_000; i++)
            for (int j = i + 1; j < 2000 && bases.Count < 40_000; j++)
                if ((model.CountryOf(i), model.CountryOf(j)) == (a, b) || (model.CountryOf(i), model.CountryOf(j)) == (b, a))
                    bases.Add(model.BaseRttMs(i, j));
        double mean = bases.Average(), std = Math.Sqrt(bases.Average(x => (x - mean) * (x - mean)));
        Assert.That(bases, Has.Count.EqualTo(40_000));
        Assert.That(mean, Is.EqualTo(row.MeanMs).Within(5).Percent, $"{row}");
        Assert.That(std, Is.EqualTo(row.StdMs).Within(15).Percent, $"{row}");
    }

    /// <summary>A pair with no row, or a thin one, draws from the distance fit, within its stated bounds: no faster than light in fibre
    /// over the countries' shortest distance (nor the floor), no slower than the fitted mean plus four fitted spreads; and its mean is
    /// the fitted one.</summary>
    [Test]
    public void AFallbackPair_LandsWithinItsDocumentedBounds()
    {
        int checkedPairs = 0;
        for (int a = 0; a < Atlas.Count; a++)
            for (int b = a; b < Atlas.Count; b++)
            {
                if (Atlas.Row(a, b) is { Count: >= WanAtlas.ThinBelow }) continue;
                var pair = Atlas.Pair(a, b);
                double km = Atlas.KmBetween(a, b);
                double lo = Atlas.FloorMs(a, b);
                var fitted = Atlas.Fit.RowAt(km, lo);
                double hi = fitted.MeanMs + DistanceFit.WidthInStd * fitted.StdMs;
                Assert.That(pair.Source, Is.EqualTo(RttSource.Distance), Name(a, b));
                foreach (double u in new[] { 0, 0.001, 0.5, 0.999, 1 - 1e-12 })
                    Assert.That(pair.Base.At(u), Is.InRange(lo, hi), $"{Name(a, b)} at {u}");
                Assert.That(pair.Base.Moments()!.Value.Mean, Is.EqualTo(fitted.MeanMs).Within(1e-6).Percent, Name(a, b));
                checkedPairs++;
            }
        Assert.That(checkedPairs, Is.GreaterThan(1000), "most pairs of the table's countries have no row or a thin one");
    }

    [Test]
    public void TheDistanceFit_RisesWithDistance_AndStaysAboveLight()
    {
        TestContext.Out.WriteLine($"{Atlas.Fit.InterceptMs:F1} ms + {Atlas.Fit.MsPerKm:F4} ms/km, spread {Atlas.Fit.StdPerMean:F3} of the mean");
        Assert.That(Atlas.Fit.MsPerKm, Is.GreaterThan(1 / DistanceFit.KmPerMsRoundTrip), "slower than light in fibre, as routes are");
        Assert.That(Atlas.Fit.InterceptMs, Is.InRange(WanAtlas.FloorRttMs, 200));
        Assert.That(Atlas.Fit.StdPerMean, Is.InRange(0.01, 1));
    }

    [Test]
    public void NoPair_DrawsUnderTheFloor()
    {
        for (int a = 0; a < Atlas.Count; a++)
            for (int b = 0; b < Atlas.Count; b++)
                Assert.That(Atlas.Pair(a, b).Base.At(0), Is.GreaterThanOrEqualTo(WanAtlas.FloorRttMs), Name(a, b));
    }
}
