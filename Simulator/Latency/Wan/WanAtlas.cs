namespace GossipSim.Simulator.Latency.Wan;

/// <summary>
/// The measured Internet as the wan model uses it: the countries the measurements cover (a node's country is its index here, one
/// byte), and for every pair of them the distribution its nodes' round trips are drawn from, a measured row's or the distance fit's.
/// Built once per process from the shipped tables (<see cref="Shipped"/>); read-only after, so any thread may read it.
/// </summary>
public sealed class WanAtlas
{
    /// <summary>
    /// The smallest round trip (ms) any pair draws. The table's minima go down to 0 (probes reaching a copy of an anycast server
    /// next door, addresses placed in the wrong country); peers of a gossip network sit behind access links, whose round trip alone is a
    /// few ms. It is also the simulator's time window: half of it, the smallest one-way delay, is how far threads may run apart.
    /// </summary>
    public const double FloorRttMs = 2;
    /// <summary>The largest base round trip (ms): a measured maximum above it (up to 300 s in the table) is a ping stuck in a queue or
    /// a retry, not a path; a geostationary satellite hop is about 600 ms.</summary>
    public const double CapRttMs = 3000;
    /// <summary>A row behind fewer pings is thin: its spread (and, from 1 to 3 pings, its mean) says little, so the distance fit stands
    /// in.</summary>
    public const long ThinBelow = 100;
    /// <summary>A message's jitter (mean, exponential) as a share of its pair's spread: the row's deviation is mostly between pairs of
    /// hosts (which the base draws); from one message to the next a path varies far less.</summary>
    public const double JitterShare = 0.05;

    private readonly PairRtt[] _pairs;
    private readonly RttRow?[] _rows;
    private readonly (double Lat, double Lon)[] _positions;
    /// <summary>Light's floor by pair of countries (<see cref="FloorMs"/>), kept: the pairs are built from it and tests read it.</summary>
    private readonly double[] _floorMs;

    /// <summary>Country index → ISO 3166 alpha-2 code, in code order.</summary>
    public IReadOnlyList<string> Codes { get; }
    /// <summary>Every ISO 3166 code → its name, measured or not (an unknown code is none of these).</summary>
    public IReadOnlyDictionary<string, string> Names { get; }
    /// <summary>Pings per country (both ends of every row, thin ones too): how much of the measurements each country is.</summary>
    public IReadOnlyList<double> PingsOf { get; }
    public DistanceFit Fit { get; }
    public int Count => Codes.Count;
    private readonly Dictionary<string, byte> _index;

    private static readonly Lazy<WanAtlas> LazyShipped = new(() => new WanAtlas(WanData.Rows(), WanData.Names(), WanData.Positions(),
        WanData.Extents()));
    /// <summary>The atlas of the shipped tables (data/NOTICE.md).</summary>
    public static WanAtlas Shipped => LazyShipped.Value;

    /// <param name="extents">Code → the boxes the country lies in (<see cref="CountryBox"/>); a country with none gets no floor but
    /// <see cref="FloorRttMs"/>.</param>
    public WanAtlas(IEnumerable<(string A, string B, RttRow Row)> rows, Dictionary<string, string> names,
        Dictionary<string, (double Lat, double Lon)> positions, IReadOnlyDictionary<string, IReadOnlyList<CountryBox>> extents)
    {
        var list = rows.ToList();
        Codes = list.SelectMany(r => new[] { r.A, r.B }).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (Count > 256) throw new InvalidOperationException($"{Count} countries: a node's country is one byte");
        _index = Codes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => (byte)x.i, StringComparer.Ordinal);
        Names = names;
        _positions = Codes.Select(c => positions.TryGetValue(c, out var p) ? p
            : throw new InvalidOperationException($"the wan model's zone table places no city in {c}")).ToArray();
        _rows = new RttRow?[Count * Count];
        var pings = new double[Count];
        foreach (var (a, b, row) in list)
        {
            int i = _index[a], j = _index[b];
            _rows[i * Count + j] = _rows[j * Count + i] = row;
            pings[i] += row.Count;
            pings[j] += row.Count;
        }
        PingsOf = pings;
        var boxes = Codes.Select(c => extents.GetValueOrDefault(c) ?? []).ToArray();
        _floorMs = new double[Count * Count];
        for (int i = 0; i < Count; i++)
            for (int j = i; j < Count; j++)
                _floorMs[i * Count + j] = _floorMs[j * Count + i] =
                    Math.Max(FloorRttMs, CountryBox.Km(boxes[i], boxes[j]) / DistanceFit.KmPerMsRoundTrip);
        // Inside one country the distance between two centres says nothing (0 km for the United States' 108 ms): pairs of countries
        // only; and rows whose mean light could not make are no measure of their pair's path.
        Fit = DistanceFit.Of(list.Where(r => r.A != r.B && r.Row.Count >= ThinBelow && !IsUnderLight(r.Row, _index[r.A], _index[r.B]))
            .Select(r => (KmBetween(_index[r.A], _index[r.B]), r.Row.MeanMs, r.Row.StdMs)).ToList());
        // 12,403 fits (ShiftedLogNormal.Fit: 0.77-0.86 s for all on one core), the most of a wan run's start: shared among the cores, each pair a
        // pure function of its rows, so the atlas is the same on any number.
        _pairs = new PairRtt[Count * Count];
        Parallel.For(0, Count, i =>
        {
            for (int j = i; j < Count; j++) _pairs[i * Count + j] = _pairs[j * Count + i] = PairOf(i, j);
        });
    }

    /// <summary>
    /// The least base round trip (ms) a pair of nodes of countries <paramref name="a"/> and <paramref name="b"/> may draw: light in
    /// fibre there and back over the shortest distance between the two countries' boxes (<see cref="CountryBox.Km(IReadOnlyList{CountryBox},
    /// IReadOnlyList{CountryBox})"/>), and never under <see cref="FloorRttMs"/>. The one floor, for measured rows and the distance fit
    /// alike: a row's minimum under it (DE–US drew 19.7 ms at its 10th percentile, over 4,774 km at the least between the two
    /// countries' boxes) is a probe placed in the wrong country or an anycast copy nearby, not the path.
    /// </summary>
    public double FloorMs(int a, int b) => _floorMs[a * Count + b];

    /// <summary>A row whose mean light could not make over its countries' shortest distance (above <see cref="FloorRttMs"/>: a mean at
    /// that floor is its own case, <see cref="RttSource.BelowFloor"/>).</summary>
    private bool IsUnderLight(RttRow row, int a, int b) => FloorMs(a, b) > FloorRttMs && row.MeanMs <= FloorMs(a, b);

    /// <summary>A well-measured row's distribution, held above light's floor; the distance fit's row where the table has none, a thin
    /// one, or one whose very mean is faster than light: many of its pings were between other places than its two countries, so
    /// neither its mean nor its spread is this pair's.</summary>
    private PairRtt PairOf(int i, int j)
    {
        double floor = FloorMs(i, j);
        var fitted = Fit.RowAt(KmBetween(i, j), floor);
        return _rows[i * Count + j] switch
        {
            { Count: >= ThinBelow } measured when IsUnderLight(measured, i, j) => PairOf(fitted, RttSource.UnderLight, floor),
            { Count: >= ThinBelow } measured => PairOf(measured, RttSource.Measured, floor),
            _ => PairOf(fitted, RttSource.Distance, floor),
        };
    }

    /// <summary>What a pair draws from a row: its minimum, raised to <paramref name="floorMs"/>, plus a log-normal cut at its maximum
    /// (capped), fitted on that range to the row's mean and spread (<see cref="ShiftedLogNormal.Fit"/>): a raised lower end keeps
    /// the row's mean, its upper quantiles coming down for the lower ones going up; a row whose mean is not inside that range draws
    /// its nearest end.</summary>
    public static PairRtt PairOf(RttRow row, RttSource source, double floorMs)
    {
        double lo = Math.Max(row.MinMs, floorMs), hi = Math.Max(lo, Math.Min(row.MaxMs, CapRttMs));
        double jitter = JitterShare * Math.Min(row.StdMs, row.MeanMs);
        if (row.MeanMs > lo * (1 + 1e-6) && row.MeanMs < hi * (1 - 1e-6) && row.StdMs > 0)
            return new PairRtt(ShiftedLogNormal.Fit(row.MeanMs, row.StdMs, lo, hi), jitter, source);
        double at = Math.Clamp(row.MeanMs, lo, hi);
        return new PairRtt(ShiftedLogNormal.Fixed(at), jitter,
            row.MeanMs <= lo ? RttSource.BelowFloor : source);
    }

    public PairRtt Pair(int a, int b) => _pairs[a * Count + b];
    /// <summary>The measured row of two countries, thin or not; null where the table has none.</summary>
    public RttRow? Row(int a, int b) => _rows[a * Count + b];
    public double KmBetween(int a, int b) => DistanceFit.Km(_positions[a], _positions[b]);
    /// <summary>Where a country's nodes are (degrees): the mean of its time zones' principal cities.</summary>
    public (double Lat, double Lon) PositionOf(int country) => _positions[country];

    public bool TryIndex(string code, out byte index) => _index.TryGetValue(code, out index);

    /// <summary>Why a code cannot place a node: not an ISO 3166 code at all, or a country nothing was measured to or from; null when
    /// it can.</summary>
    public string? Problem(string code) =>
        _index.ContainsKey(code) ? null
        : Names.TryGetValue(code, out var name) ? $"\"{code}\" ({name}) has no round trip measured to or from it"
        : $"\"{code}\" is not an ISO 3166 country code (two capital letters, e.g. \"DE\")";
}
