using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.PowerLaw;

/// <summary>
/// One synthetic data set of the semi-parametric bootstrap (Clauset et al. 2009 §4.1), drawn as
/// counts over values rather than point by point. Each of the n points falls in the tail with
/// chance ntail/n, else on a uniformly chosen point below xmin: so the tail holds Binomial(n, ntail/n)
/// points, and the body's points fall on its distinct values as a multinomial over their counts,
/// drawn as conditional binomials (value i takes Binomial(left, count_i / points not yet passed)).
/// The tail's points are counted the same way along the power law: value xmin + k takes
/// Binomial(left, P(X = xmin + k | X ≥ xmin + k)); once fewer points are left than one value
/// would expect to take, they are drawn one by one from the law beyond (given X ≥ xmin + k).
/// The result has the distribution of the point-by-point draw; the cost follows the distinct
/// values (a few hundred at a million degrees), not the points.
/// Not thread-safe: one per worker; the data, fit and sampler it reads are shared.
/// </summary>
internal sealed class SyntheticCounts(DistinctCounts data, TailFit fit, DiscretePowerLawSampler sampler)
{
    private readonly List<double> _values = new();
    private readonly List<int> _counts = new();
    private readonly List<double> _oneByOne = new();

    /// <summary>Points below xmin in the data: values before <see cref="TailFit.Start"/>.</summary>
    private readonly long _bodyPoints = data.N - data.TailCount[fit.Start];

    /// <summary>A synthetic data set of the data's size; null when it has fewer than two distinct values (it cannot be fitted).</summary>
    public DistinctCounts? Draw(Rng rng)
    {
        _values.Clear();
        _counts.Clear();
        long n = data.N;
        long tail = _bodyPoints == 0 ? n : BinomialDraw.Next(rng, n, (double)fit.NTail / n);
        DrawBody(n - tail, rng);
        DrawTail(tail, rng);
        if (_values.Count < 2) return null;
        return new DistinctCounts(_values.ToArray(), _counts.ToArray());
    }

    private void DrawBody(long left, Rng rng)
    {
        long notPassed = _bodyPoints;
        var counts = data.Counts;
        for (int i = 0; i < fit.Start && left > 0; i++)
        {
            long c = i == fit.Start - 1 ? left : BinomialDraw.Next(rng, left, (double)counts[i] / notPassed);
            notPassed -= counts[i];
            left -= c;
            Add(data.Values[i], c);
        }
    }

    private void DrawTail(long left, Rng rng)
    {
        int k = 0;
        for (; left > 0 && k < DiscretePowerLawSampler.TableSpan; k++)
        {
            double hazard = sampler.Hazard(k);
            // Fewer points left than this value expects: the walk would pass many empty values, one draw a point is cheaper.
            if (left * hazard < 1) break;
            long c = BinomialDraw.Next(rng, left, hazard);
            left -= c;
            Add(fit.Xmin + k, c);
        }
        if (left == 0) return;
        _oneByOne.Clear();
        for (long i = 0; i < left; i++) _oneByOne.Add(sampler.NextAtLeast(k, rng));
        _oneByOne.Sort();
        for (int i = 0; i < _oneByOne.Count;)
        {
            int j = i;
            while (j < _oneByOne.Count && _oneByOne[j] == _oneByOne[i]) j++;
            Add(_oneByOne[i], j - i);
            i = j;
        }
    }

    private void Add(double value, long count)
    {
        if (count == 0) return;
        _values.Add(value);
        _counts.Add((int)count);
    }
}
