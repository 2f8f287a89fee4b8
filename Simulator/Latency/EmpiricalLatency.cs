using System.Globalization;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Latency;

/// <summary>
/// A delay distribution measured in a real run, as its quantiles at evenly spaced probabilities
/// 0, 1/(n−1), ..., 1 (the first is the smallest delay seen, the last the largest). A draw is the
/// inverse CDF at one uniform number, linear between neighbouring quantiles: one draw of the
/// network's stream per message, as for the other models.
/// </summary>
public sealed record EmpiricalLatency : LatencyModel
{
    private readonly double[] _quantilesMs;

    /// <param name="source">What the quantiles were measured from, for <see cref="Describe"/>.</param>
    public EmpiricalLatency(IReadOnlyList<double> quantilesMs, string source)
    {
        if (Problem(quantilesMs) is { } problem) throw new ArgumentException(problem, nameof(quantilesMs));
        _quantilesMs = quantilesMs.ToArray();
        Source = source;
    }

    public string Source { get; }
    public IReadOnlyList<double> QuantilesMs => _quantilesMs;

    /// <summary>What is wrong with a quantile table, or null: at least two delays, none negative, never decreasing.</summary>
    public static string? Problem(IReadOnlyList<double> quantilesMs)
    {
        if (quantilesMs.Count < 2) return "at least two quantiles (the smallest and the largest delay)";
        for (int i = 0; i < quantilesMs.Count; i++)
        {
            if (!double.IsFinite(quantilesMs[i]) || quantilesMs[i] < 0)
                return $"delays of 0 ms or more, but entry {i} is {quantilesMs[i].ToString(CultureInfo.InvariantCulture)}";
            if (i > 0 && quantilesMs[i] < quantilesMs[i - 1])
                return $"quantiles that never decrease, but entry {i} ({quantilesMs[i].ToString(CultureInfo.InvariantCulture)}) is below "
                    + $"entry {i - 1} ({quantilesMs[i - 1].ToString(CultureInfo.InvariantCulture)})";
        }
        return null;
    }

    /// <summary>The delay at cumulative probability <paramref name="u"/> in [0, 1).</summary>
    public double MsAt(double u)
    {
        double x = u * (_quantilesMs.Length - 1);
        int i = Math.Min((int)x, _quantilesMs.Length - 2);
        return _quantilesMs[i] + (x - i) * (_quantilesMs[i + 1] - _quantilesMs[i]);
    }

    /// <summary>The cumulative probability at <paramref name="ms"/>: the inverse of <see cref="MsAt"/> (0 below the table, 1 above
    /// it).</summary>
    public double ProbabilityAt(double ms)
    {
        int n = _quantilesMs.Length;
        if (ms < _quantilesMs[0]) return 0;
        if (ms >= _quantilesMs[n - 1]) return 1;
        // The last entry at or below ms (i < n − 1 here), by bisection: a slot with a wake weight asks this for every gossip copy.
        int lo = 0, hi = n - 1;
        while (hi - lo > 1)
        {
            int mid = (lo + hi) >>> 1;
            if (_quantilesMs[mid] <= ms) lo = mid; else hi = mid;
        }
        int i = lo;
        double span = _quantilesMs[i + 1] - _quantilesMs[i];
        return (i + (span > 0 ? (ms - _quantilesMs[i]) / span : 0)) / (n - 1);
    }

    public override long SampleTicks(Rng rng) => TicksOfMs(MsAt(rng.NextDouble()));
    public override long MinTicks => TicksOfMs(_quantilesMs[0]);

    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"empirical from {Source}: median {MsAt(0.5):0.###} ms, 90th percentile {MsAt(0.9):0.###} ms, 99th {MsAt(0.99):0.###} ms "
            + $"({_quantilesMs.Length} quantiles)");

    public bool Equals(EmpiricalLatency? other)
        => other is not null && Source == other.Source && _quantilesMs.SequenceEqual(other._quantilesMs);
    public override int GetHashCode() => HashCode.Combine(Source, _quantilesMs.Length);
}
