namespace GossipSim.Analysis.PowerLaw;

/// <summary>
/// A discrete sample as its sorted distinct values with counts, and the suffix sums every
/// tail fit needs: the number of points and Σ ln x from each distinct value up. Built once,
/// it lets the xmin search try every candidate without touching the raw data again.
/// </summary>
public sealed class DistinctCounts
{
    /// <summary>Sorted ascending, all ≥ 1. Doubles, because power-law draws can exceed any integer type.</summary>
    public double[] Values { get; }
    public double[] LogValues { get; }
    public int[] Counts { get; }
    /// <summary>TailCount[i] = points with value ≥ Values[i]; TailCount[Length] = 0.</summary>
    public long[] TailCount { get; }
    /// <summary>TailLogSum[i] = Σ ln x over points with value ≥ Values[i].</summary>
    public double[] TailLogSum { get; }

    public int Length => Values.Length;
    public long N => TailCount[0];

    /// <summary>Takes ownership of already sorted, strictly increasing values with positive counts.</summary>
    public DistinctCounts(double[] values, int[] counts)
    {
        if (values.Length != counts.Length) throw new ArgumentException("values and counts differ in length");
        Values = values;
        Counts = counts;
        LogValues = new double[values.Length];
        TailCount = new long[values.Length + 1];
        TailLogSum = new double[values.Length + 1];
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0 && !(values[i] > values[i - 1])) throw new ArgumentException("values must be strictly increasing");
            if (counts[i] <= 0) throw new ArgumentException("counts must be positive");
            // Every bootstrap replicate builds one of these: its whole values' logs come from a table.
            LogValues[i] = DiscretePowerLaw.LogOf(values[i]);
        }
        // Summed from the top so small tails are exact sums of few terms.
        for (int i = values.Length - 1; i >= 0; i--)
        {
            TailCount[i] = TailCount[i + 1] + counts[i];
            TailLogSum[i] = TailLogSum[i + 1] + counts[i] * LogValues[i];
        }
    }

    /// <summary>Validates and counts a raw sample; throws <see cref="PowerLawFitException"/> for data that cannot be fitted.</summary>
    public static DistinctCounts FromSample(ReadOnlySpan<long> data)
    {
        if (data.IsEmpty) throw new PowerLawFitException("no data: a power law needs at least two distinct positive values");
        bool ascending = true;
        for (int i = 0; i < data.Length; i++)
        {
            if (data[i] <= 0)
                throw new PowerLawFitException($"value {data[i]} at position {i + 1} is not positive: a discrete "
                    + $"power law is defined on x ≥ 1");
            if (i > 0 && data[i] < data[i - 1]) ascending = false;
        }
        // A run's degrees.txt lists them in order: a million need no copy and no sort (some 40 ms of a fit's 0.3 s).
        ReadOnlySpan<long> sorted = data;
        if (!ascending)
        {
            var copy = data.ToArray();
            Array.Sort(copy);
            sorted = copy;
        }
        var values = new List<double>();
        var counts = new List<int>();
        for (int i = 0; i < sorted.Length;)
        {
            int j = i;
            while (j < sorted.Length && sorted[j] == sorted[i]) j++;
            values.Add(sorted[i]);
            counts.Add(j - i);
            i = j;
        }
        if (values.Count < 2)
            throw new PowerLawFitException($"all {data.Length} values equal {sorted[0]}: a power law needs at least two distinct values");
        return new DistinctCounts(values.ToArray(), counts.ToArray());
    }

    /// <summary>Index of the first distinct value ≥ x (Length if none).</summary>
    public int IndexOf(double x)
    {
        int i = Array.BinarySearch(Values, x);
        return i >= 0 ? i : ~i;
    }
}
