namespace GossipSim.Analysis.PowerLaw;

/// <summary>
/// The bootstrap's uniform draw from the points below xmin, as the index of the distinct value
/// that holds the j-th of them (points sorted, value by value). The same answer as an array of
/// every point's value index, without one: at a million degrees each draw from that array is a
/// cache miss, where the bootstrap spent most of its time. Here a draw reads two small arrays: the
/// first value index of the draw's bucket of points, then the values' ends from there (a bucket
/// rarely spans more than one).
/// </summary>
internal sealed class BodyDraws
{
    /// <summary>Buckets of points: 4 KB of starts, in the first level of cache.</summary>
    private const int MaxBuckets = 1 << 10;

    private readonly int[] _ends;        // _ends[i]: points in values 0..i (the first point past value i)
    private readonly int[] _firstValue;  // the value index holding the first point of each bucket
    private readonly int _shift;

    /// <summary>Points below xmin: the first <paramref name="bodyValues"/> distinct values with their counts.</summary>
    public BodyDraws(int[] counts, int bodyValues)
    {
        _ends = new int[bodyValues];
        int points = 0;
        for (int i = 0; i < bodyValues; i++) _ends[i] = points += counts[i];
        Points = points;
        while (_shift < 30 && (Points - 1 >> _shift) >= MaxBuckets) _shift++;
        int buckets = Points == 0 ? 0 : (Points - 1 >> _shift) + 1;
        _firstValue = new int[buckets];
        for (int b = 0, v = 0; b < buckets; b++)
        {
            int first = b << _shift;
            while (first >= _ends[v]) v++;
            _firstValue[b] = v;
        }
    }

    /// <summary>Points below xmin.</summary>
    public int Points { get; }

    /// <summary>The value index holding point <paramref name="j"/> (0 ≤ j &lt; <see cref="Points"/>).</summary>
    public int ValueOf(int j)
    {
        int v = _firstValue[j >> _shift];
        while (j >= _ends[v]) v++;
        return v;
    }
}
