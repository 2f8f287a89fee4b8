using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Latency.Wan;

/// <summary>
/// The measured Internet (issue 54): every node is in a country, and a message between two nodes takes half their round trip. The
/// round trip is the pair's base, drawn once for the pair from its countries' distribution (<see cref="WanAtlas"/>), plus a small
/// jitter per message: two nodes keep roughly the same delay from one message to the next, as real paths do. Both a node's country
/// and a pair's base are pure functions of the run's salt and the node indices, so the model keeps no table of nodes or pairs and
/// every thread and rank computes the same. The first nodes (the seeds, or every node listed in a file) may be pinned to countries;
/// the rest draw from the mix.
/// </summary>
public sealed record WanLatency(CountryMix Mix, IReadOnlyList<byte> Pinned, int Nodes) : LatencyModel
{
    public WanAtlas Atlas { get; init; } = WanAtlas.Shipped;
    /// <summary>Set per run by <see cref="ForRun"/>: other seeds place nodes and draw pairs afresh.</summary>
    public ulong Salt { get; init; }
    /// <summary>What each message's draw reads, one cache line a pair of countries: made by <see cref="ForRun"/>.</summary>
    private PairDraws? _draws;

    public override LatencyModel ForRun(ulong seed)
    {
        ulong x = SimStreams.LatencySalt(seed) ^ 0x57414E; // "WAN": apart from the other models' keyed draws of the same run
        var run = this with { Salt = Rng.SplitMix64(ref x) };
        var countries = new byte[Nodes];
        for (int i = 0; i < countries.Length; i++) countries[i] = run.Place(i);
        run._countries = countries;
        run._draws = PairDraws.Of(Atlas, Mix, Pinned);
        run._minTicks = run.SmallestTicks();
        return run;
    }

    /// <summary>The countries of the nodes known at the start (one byte each), filled by <see cref="ForRun"/>; a node added later is
    /// placed by the same function when asked. Kept, not computed each message: a read of this table cost less than the hash and
    /// the mix's search (computing them, with the pair's line below, took wan-1m 1.14× the wall: 3 pairs, docs/wan.md).</summary>
    private byte[] _countries = [];

    public byte CountryOf(int node) => (uint)node < (uint)_countries.Length ? _countries[node] : Place(node);

    private byte Place(int node) => node < Pinned.Count ? Pinned[node] : Mix.At(Unit(Salt, 0x504C4143_00000000UL | (uint)node)); // "PLAC"

    /// <summary>The pair's base round trip (ms): the same for (a, b) and (b, a), and for every message between them.</summary>
    public double BaseRttMs(int a, int b) => BaseRttMs(a, b, Atlas.Pair(CountryOf(a), CountryOf(b)));

    private double BaseRttMs(int a, int b, in PairRtt pair) => pair.Base.At(BaseU(a, b));

    /// <summary>Where in its countries' distribution a pair's base lies: the same for (a, b) and (b, a).</summary>
    private double BaseU(int a, int b)
    {
        (int lo, int hi) = a <= b ? (a, b) : (b, a);
        return Unit(Salt, (ulong)(uint)lo << 32 | (uint)hi);
    }

    public override long SampleTicks(Rng rng, int from, int target, Message message, long nowTicks) => SampleTicks(rng, from, target);

    /// <summary>The pair's delay is all of it: the message adds nothing, so the bed's relay draws as the simulator does.</summary>
    public override long SampleTicks(Rng rng, int from, int target)
    {
        var draws = _draws ??= PairDraws.Of(Atlas, Mix, Pinned);
        return TicksOfMs(draws.RoundTripMs(CountryOf(from), CountryOf(target), BaseU(from, target), rng.NextDouble()) / 2);
    }

    /// <summary>Without the two nodes (the check's 99th-percentile bound): a pair drawn from the mix, its base and jitter drawn too.</summary>
    public override long SampleTicks(Rng rng)
    {
        var pair = Atlas.Pair(Mix.At(rng.NextDouble()), Mix.At(rng.NextDouble()));
        return TicksOfMs((pair.Base.At(rng.NextDouble()) + Jitter(rng, pair)) / 2);
    }

    /// <summary>A message's extra round trip: exponential (a queue's wait), so never below 0 and the base stays the floor.</summary>
    private static double Jitter(Rng rng, PairRtt pair) => Jitter(pair.JitterMeanMs, rng.NextDouble());

    /// <summary>The jitter of mean <paramref name="meanMs"/> at <paramref name="u"/> in [0, 1).</summary>
    internal static double Jitter(double meanMs, double u) => -meanMs * Math.Log(1 - u);

    /// <summary>Half the smallest base any two of the run's countries (the mix's and the pinned nodes') can draw: at least half of
    /// <see cref="WanAtlas.FloorRttMs"/>. Kept per run: the simulator reads it every time window.</summary>
    public override long MinTicks => _minTicks >= 0 ? _minTicks : SmallestTicks();

    private long _minTicks = -1;

    private long SmallestTicks()
    {
        var used = Mix.Countries.Concat(Pinned).Distinct().ToArray();
        double min = double.MaxValue;
        foreach (byte a in used)
            foreach (byte b in used)
                min = Math.Min(min, Atlas.Pair(a, b).Base.Lo);
        return TicksOfMs(min / 2);
    }

    public override string Describe() =>
        $"wan: round trips measured between countries (RIPE Atlas, 2025), mix {Mix.Name}"
        + Pinned.Count switch
        {
            0 => "",
            <= 5 => $", the first nodes in {string.Join(", ", Pinned.Select(c => Atlas.Codes[c]))}",
            _ => $", the first {Pinned.Count:N0} nodes as listed",
        }
        + $"; a pair's base drawn once, a jitter per message, one way half; at least {MinTicks / (double)TimeSpan.TicksPerMillisecond:0.###} ms";

    /// <summary>A number in [0, 1) that is a pure function of the salt and the key.</summary>
    private static double Unit(ulong salt, ulong key)
    {
        ulong x = salt ^ key;
        Rng.SplitMix64(ref x);
        return (Rng.SplitMix64(ref x) >> 11) * (1.0 / (1UL << 53));
    }
}
