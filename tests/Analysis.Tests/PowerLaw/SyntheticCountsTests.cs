using GossipSim.Analysis.PowerLaw;
using GossipSim.Analysis.Stats;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Tests.PowerLaw;

/// <summary>
/// The bootstrap's synthetic data sets drawn as counts have the distribution of the point-by-point
/// draw Clauset et al. describe (each point from the fitted law with chance ntail/n, else a uniform
/// point below xmin): the same size and order, every value's count with that draw's mean and
/// variance, and refitted KS distances that a two-sample test cannot tell from that draw's.
/// </summary>
public class SyntheticCountsTests
{
    // 3,000 Barabási–Albert degrees: a body of a few values and a tail of a few hundred points.
    private static readonly DistinctCounts Data = DistinctCounts.FromSample(BarabasiAlbert.Degrees(3_000, 3, new Rng(1)));
    private static readonly TailFit Fit = XminSearch.Find(Data);
    private static readonly DiscretePowerLawSampler Sampler = new(Fit.Alpha, Fit.Xmin);

    [Test]
    public void ADraw_HasTheDataSize_BodyValuesFromTheData_AndTailValuesFromXminUp()
    {
        var draws = new SyntheticCounts(Data, Fit, Sampler);
        var bodyValues = Data.Values.Take(Fit.Start).ToHashSet();
        for (int r = 0; r < 200; r++)
        {
            var d = draws.Draw(BootstrapStreams.Replicate(3, r))!;
            Assert.That(d.N, Is.EqualTo(Data.N));
            foreach (double v in d.Values)
            {
                if (v < Fit.Xmin) Assert.That(bodyValues, Does.Contain(v));
                else Assert.That(v, Is.EqualTo(Math.Floor(v)));
            }
        }
    }

    [Test]
    public void EachValuesCount_HasThePointByPointMeanAndVariance()
    {
        // Point by point, value x's count is Binomial(n, q(x)): q = count/n below xmin, (ntail/n)·p(x) from xmin up.
        const int replicates = 20_000;
        double n = Data.N;
        double logZeta = HurwitzZeta.Log(Fit.Alpha, Fit.Xmin);
        var probes = new List<(double Value, double Share)>();
        for (int i = 0; i < Fit.Start; i++) probes.Add((Data.Values[i], Data.Counts[i] / n));
        // From xmin out to where a value holds a point in a few hundred sets: the walk's values and the one-by-one draws'.
        foreach (double x in new[] { 0.0, 1, 2, 5, 10, 30, 100, 300 }.Select(k => Fit.Xmin + k))
            probes.Add((x, Fit.NTail / n * Math.Exp(DiscretePowerLaw.LogPmf(x, Fit.Alpha, logZeta))));

        var sum = new double[probes.Count];
        var sumSq = new double[probes.Count];
        double tailSum = 0, tailSumSq = 0;
        var draws = new SyntheticCounts(Data, Fit, Sampler);
        for (int r = 0; r < replicates; r++)
        {
            var d = draws.Draw(BootstrapStreams.Replicate(11, r))!;
            for (int j = 0; j < probes.Count; j++)
            {
                int i = Array.BinarySearch(d.Values, probes[j].Value);
                double c = i >= 0 ? d.Counts[i] : 0;
                sum[j] += c;
                sumSq[j] += c * c;
            }
            double tail = d.TailCount[d.IndexOf(Fit.Xmin)];
            tailSum += tail;
            tailSumSq += tail * tail;
        }

        for (int j = 0; j < probes.Count; j++)
            AssertBinomialMoments(sum[j], sumSq[j], replicates, n, probes[j].Share, $"value {probes[j].Value}");
        AssertBinomialMoments(tailSum, tailSumSq, replicates, n, Fit.NTail / n, "points from xmin up");
    }

    private static void AssertBinomialMoments(double sum, double sumSq, int replicates, double n, double q, string what)
    {
        double mean = n * q, variance = n * q * (1 - q);
        double seenMean = sum / replicates;
        double seenVariance = (sumSq - sum * sum / replicates) / (replicates - 1);
        Assert.That(seenMean, Is.EqualTo(mean).Within(5 * Math.Sqrt(variance / replicates)), $"{what}: mean");
        // The sample variance's standard error is about variance·√(2/R) for counts of mean ≥ 1, wider for rarer ones.
        double varianceError = variance * Math.Sqrt(2.0 / replicates) + Math.Sqrt(variance / replicates);
        Assert.That(seenVariance, Is.EqualTo(variance).Within(5 * varianceError), $"{what}: variance");
    }

    [Test]
    public void RefittedKsDistances_CannotBeToldFromThePointByPointDraws()
    {
        const int replicates = 1_500;
        var counted = new double[replicates];
        var pointwise = new double[replicates];
        var draws = new SyntheticCounts(Data, Fit, Sampler);
        for (int r = 0; r < replicates; r++)
        {
            counted[r] = XminSearch.Find(draws.Draw(BootstrapStreams.Replicate(5, r))!).Ks;
            pointwise[r] = XminSearch.Find(PointByPoint(new Rng(1_000_000 + (ulong)r))).Ks;
        }
        var test = KolmogorovSmirnov.TwoSample(counted, pointwise);
        Assert.That(test.PValue, Is.GreaterThan(0.001), $"D = {test.D}");
    }

    /// <summary>Clauset et al.'s draw as written: n points, each from the law with chance ntail/n, else a uniform point below xmin.</summary>
    private static DistinctCounts PointByPoint(Rng rng)
    {
        long body = Data.N - Fit.NTail;
        var points = new long[Data.N];
        for (int i = 0; i < points.Length; i++)
        {
            if (rng.NextDouble() < (double)Fit.NTail / Data.N)
            {
                points[i] = (long)Sampler.Next(rng);
                continue;
            }
            long j = rng.NextInt((int)body);
            int v = 0;
            while (j >= Data.Counts[v]) j -= Data.Counts[v++];
            points[i] = (long)Data.Values[v];
        }
        return DistinctCounts.FromSample(points);
    }
}
