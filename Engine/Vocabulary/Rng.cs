namespace GossipSim.Engine.Vocabulary;

/// <summary>
/// xoshiro256** seeded through SplitMix64. Our own generator so that a seed means the same
/// run on every .NET version (System.Random's algorithm is not a contract).
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;

    public Rng(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>
    /// An independent stream for a component (a node, the network...). Derived from the master
    /// seed and the stream id only, so adding a node does not change any other node's draws.
    /// </summary>
    public static Rng ForStream(ulong masterSeed, ulong streamId, ulong salt = 0)
    {
        ulong x = masterSeed ^ 0x9E3779B97F4A7C15UL;
        ulong a = SplitMix64(ref x);
        ulong y = streamId * 0xD1B54A32D192ED03UL ^ salt * 0x8CB92BA72F3D8DD7UL ^ a;
        return new Rng(SplitMix64(ref y));
    }

    public static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        ulong result = RotL(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotL(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, bound), unbiased (Lemire's multiply-shift with rejection).</summary>
    public int NextInt(int bound)
    {
        if (bound <= 0) throw new ArgumentOutOfRangeException(nameof(bound));
        return (int)NextUInt64((ulong)bound);
    }

    public ulong NextUInt64(ulong bound)
    {
        ulong x = NextUInt64();
        UInt128 m = (UInt128)x * bound;
        ulong low = (ulong)m;
        if (low < bound)
        {
            ulong threshold = (0 - bound) % bound;
            while (low < threshold)
            {
                x = NextUInt64();
                m = (UInt128)x * bound;
                low = (ulong)m;
            }
        }
        return (ulong)(m >> 64);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => probability > 0 && NextDouble() < probability;

    /// <summary>Standard normal by Box-Muller (one value per call: simpler to keep deterministic).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>
    /// Exponential of mean 1 by the ziggurat (<see cref="ExponentialZiggurat"/>): the same distribution as
    /// <c>-Math.Log(1 - NextDouble())</c>, not the same draws, at a fraction of the cost. The low 8 bits of a word pick the layer, its
    /// high 53 bits the point in it.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double NextExponential()
    {
        ulong bits = NextUInt64();
        int i = (int)(bits & 0xFF);
        var x = ExponentialZiggurat.X;
        double point = (bits >> 11) * (1.0 / (1UL << 53)) * x[i];
        return point < x[i + 1] ? point : NextExponentialOutside(i, point);
    }

    /// <summary>The 1.1 % of draws whose point is not inside its layer's part under the curve: the tail, or a wedge's test.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private double NextExponentialOutside(int i, double point)
    {
        var x = ExponentialZiggurat.X;
        var f = ExponentialZiggurat.F;
        while (true)
        {
            if (i == 0) return ExponentialZiggurat.R - Math.Log(1.0 - NextDouble()); // the tail
            if (f[i + 1] + (f[i] - f[i + 1]) * NextDouble() < Math.Exp(-point)) return point;
            ulong bits = NextUInt64();
            i = (int)(bits & 0xFF);
            point = (bits >> 11) * (1.0 / (1UL << 53)) * x[i];
            if (point < x[i + 1]) return point; // inside the layer's part under the curve
        }
    }

    /// <summary>Fisher-Yates shuffle of a span.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong RotL(ulong x, int k) => (x << k) | (x >> (64 - k));
}
