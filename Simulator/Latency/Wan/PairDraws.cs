using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GossipSim.Simulator.Latency.Wan;

/// <summary>
/// What every message's draw reads for its pair of countries, one cache line a pair: the base's five numbers and the jitter's mean
/// (<see cref="PairRtt"/>), the run's countries ranked by their share of the mix so that the busiest pairs sit together in a few
/// pages. The atlas's own records (56 bytes, 173 × 173, 1.7 MB) straddle two lines as often as not and spread the busy pairs over
/// hundreds of pages, which at a million peers the rest of a message's path pushes out of the cache: wan-1m took 0.950× the wall
/// with this table (3 pairs, within the machine's drift; docs/wan.md, "At 10⁶, two threads, where the samples go"). The numbers are
/// the atlas's to the last bit, so every draw is the same.
/// </summary>
internal sealed class PairDraws
{
    /// <summary>Doubles a pair: μ, σ, lo, hi, Φ at the cut, the jitter's mean, and two unused, so that each pair is one line.</summary>
    private const int Line = 8;

    private readonly byte[] _rankOf = new byte[256];
    private readonly int _count;
    private readonly double[] _lines;
    /// <summary>Where the first line starts in <see cref="_lines"/>: the array is pinned, and its first 64-byte boundary found once.</summary>
    private readonly int _first;

    /// <param name="ranked">The run's countries, busiest first (every country a node of the run can be in).</param>
    public PairDraws(WanAtlas atlas, IReadOnlyList<byte> ranked)
    {
        _count = ranked.Count;
        _lines = GC.AllocateArray<double>(_count * _count * Line + Line, pinned: true);
        _first = FirstAligned(_lines);
        for (int r = 0; r < _count; r++) _rankOf[ranked[r]] = (byte)r;
        for (int i = 0; i < _count; i++)
            for (int j = 0; j < _count; j++)
            {
                var pair = atlas.Pair(ranked[i], ranked[j]);
                var line = _lines.AsSpan(_first + (i * _count + j) * Line, Line);
                (line[0], line[1], line[2], line[3], line[4], line[5]) =
                    (pair.Base.Mu, pair.Base.Sigma, pair.Base.Lo, pair.Base.Hi, pair.Base.Below, pair.JitterMeanMs);
            }
    }

    /// <summary>The run's countries (the mix's and the pinned nodes'), busiest in the mix first.</summary>
    public static PairDraws Of(WanAtlas atlas, CountryMix mix, IReadOnlyList<byte> pinned) =>
        new(atlas, mix.Countries.Concat(pinned).Distinct().OrderByDescending(mix.ShareOf).ThenBy(c => c).ToArray());

    /// <summary>A message's round trip between a node in <paramref name="a"/> and one in <paramref name="b"/>: the pair's base at
    /// <paramref name="baseU"/> (<see cref="ShiftedLogNormal.At(double)"/>) plus the exponential jitter at <paramref name="jitterU"/>,
    /// as <see cref="WanLatency"/> computes them from the atlas's records.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double RoundTripMs(byte a, byte b, double baseU, double jitterU)
    {
        ref double line = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_lines),
            _first + (_rankOf[a] * _count + _rankOf[b]) * Line);
        double rtt = ShiftedLogNormal.At(baseU, line, Unsafe.Add(ref line, 1), Unsafe.Add(ref line, 2), Unsafe.Add(ref line, 3),
            Unsafe.Add(ref line, 4));
        return rtt + WanLatency.Jitter(Unsafe.Add(ref line, 5), jitterU);
    }

    private static int FirstAligned(double[] pinned)
    {
        nint at = Marshal.UnsafeAddrOfPinnedArrayElement(pinned, 0);
        return (int)((64 - at % 64) % 64 / sizeof(double));
    }
}
