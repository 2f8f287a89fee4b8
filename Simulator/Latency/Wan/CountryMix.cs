namespace GossipSim.Simulator.Latency.Wan;

/// <summary>
/// Which countries a run's nodes are in, and in what shares: a node's country is drawn from the cumulative weights by a number that
/// is a pure function of the run and the node (<see cref="At"/>), so no table of nodes is needed to know it.
/// </summary>
public sealed class CountryMix
{
    /// <summary>The named mixes: "atlas", each country as much as it is of the measurements (its pings at both ends), so a run
    /// looks like the Internet RIPE Atlas sees, half of it in Europe and North America; "even", every measured country alike, the
    /// widest spread of distances the table holds, for a network with no home continent.</summary>
    public static readonly IReadOnlyList<string> Named = ["atlas", "even"];

    private readonly byte[] _countries;
    private readonly double[] _cumulative;
    private readonly double[] _weights;

    /// <summary>A name for the run's description: the named mix, or "N countries".</summary>
    public string Name { get; }
    /// <summary>The countries with a share above 0.</summary>
    public IReadOnlyList<byte> Countries => _countries;

    /// <summary>The weights the mix was made of, by country (as <see cref="Countries"/>): <see cref="OfWeights"/> of them makes the
    /// same mix again, to the last bit of every share (the bed's relay gets its model so).</summary>
    public IReadOnlyList<double> Weights => _weights;

    private CountryMix(string name, IEnumerable<(byte Country, double Weight)> weights)
    {
        var kept = weights.Where(w => w.Weight > 0).OrderBy(w => w.Country).ToArray();
        double total = kept.Sum(w => w.Weight);
        if (!(total > 0) || !double.IsFinite(total)) throw new ArgumentException(Problem(kept.Select(w => w.Weight)) ?? "no weight");
        _countries = kept.Select(w => w.Country).ToArray();
        _weights = kept.Select(w => w.Weight).ToArray();
        _cumulative = new double[kept.Length];
        double sum = 0;
        for (int i = 0; i < kept.Length; i++) _cumulative[i] = (sum += kept[i].Weight) / total;
        _cumulative[^1] = 1;
        Name = name;
    }

    /// <summary>A named mix (<see cref="Named"/>) over <paramref name="atlas"/>.</summary>
    public static CountryMix OfName(string name, WanAtlas atlas) => name switch
    {
        "atlas" => new CountryMix(name, atlas.PingsOf.Select((p, i) => ((byte)i, p))),
        "even" => new CountryMix(name, Enumerable.Range(0, atlas.Count).Select(i => ((byte)i, 1.0))),
        _ => throw new ArgumentException($"no mix named \"{name}\" (the named mixes: {string.Join(", ", Named)})"),
    };

    /// <summary>A mix of the given codes and weights (each code's <see cref="WanAtlas.Problem"/> and <see cref="Problem"/> checked
    /// first).</summary>
    public static CountryMix OfWeights(IReadOnlyDictionary<string, double> weights, WanAtlas atlas) =>
        new($"{weights.Count(w => w.Value > 0)} countries", weights.Select(w =>
            (atlas.TryIndex(w.Key, out byte c) ? c : throw new ArgumentException(atlas.Problem(w.Key)), w.Value)));

    /// <summary>Why weights cannot make a mix: one is negative or not a number, or they sum to nothing; null when they can.</summary>
    public static string? Problem(IEnumerable<double> weights)
    {
        var all = weights.ToArray();
        if (all.Any(w => !double.IsFinite(w) || w < 0)) return "weights of 0 or more";
        double sum = all.Sum();
        return sum > 0 && double.IsFinite(sum) ? null : $"weights that sum to a positive number (they sum to {sum:0.###})";
    }

    /// <summary>The country at <paramref name="u"/> in [0, 1): the first whose cumulative share is above u.</summary>
    public byte At(double u)
    {
        int i = Array.BinarySearch(_cumulative, u);
        i = i < 0 ? ~i : i + 1;
        return _countries[Math.Min(i, _countries.Length - 1)];
    }

    /// <summary>A country's share of the mix (0 when it is not in it).</summary>
    public double ShareOf(byte country)
    {
        int i = Array.IndexOf(_countries, country);
        return i < 0 ? 0 : _cumulative[i] - (i == 0 ? 0 : _cumulative[i - 1]);
    }
}
