namespace GossipSim.Scenarios.Dashboard.Layout;

/// <summary>
/// A deterministic, stable force-directed layout (Fruchterman–Reingold forces with a
/// temperature per node) for the drawn part of the overlay.
///
/// Deterministic: no randomness and a fixed iteration order (nodes by key), so the same
/// sequence of graphs and steps gives the same positions. Stable: a node cools as it
/// settles and stops moving; only a node whose links changed (and, less, its neighbours)
/// is warmed again, so the picture does not reshuffle when a peer joins or leaves elsewhere.
/// Positions persist across <see cref="SetGraph"/> calls: a node that leaves the drawn set
/// and comes back returns to where it was.
/// </summary>
public sealed class ForceLayout
{
    /// <summary>Largest step of a newly placed node per iteration (layout units).</summary>
    public const double HotTemperature = 60;
    /// <summary>Per iteration a node's temperature is multiplied by this.</summary>
    public const double Cooling = 0.98;
    /// <summary>Below this temperature a node is at rest.</summary>
    public const double RestTemperature = 0.02;
    /// <summary>Pull towards the centre, per unit of distance (keeps components and isolated peers on screen).</summary>
    public const double Gravity = 0.004;

    private readonly Dictionary<ulong, (double x, double y)> _known = new();
    private readonly Dictionary<ulong, double> _temperature = new();
    private ulong[] _nodes = Array.Empty<ulong>();
    private double[] _x = Array.Empty<double>(), _y = Array.Empty<double>();
    private (int a, int b)[] _edges = Array.Empty<(int, int)>();
    private HashSet<(ulong, ulong)> _edgeSet = new();

    public double Width { get; }
    public double Height { get; }
    public double Margin { get; }

    public ForceLayout(double width = 1000, double height = 640, double margin = 30)
    {
        Width = width;
        Height = height;
        Margin = margin;
    }

    /// <summary>Nodes laid out now, in key order.</summary>
    public IReadOnlyList<ulong> Nodes => _nodes;

    /// <summary>The ideal edge length for the current number of nodes.</summary>
    public double IdealDistance => Math.Clamp(1.0 * Math.Sqrt((Width - 2 * Margin) * (Height - 2 * Margin) / Math.Max(1, _nodes.Length)), 14, 120);

    /// <summary>True while some node still moves.</summary>
    public bool Moving => _temperature.Values.Any(t => t > 0);

    /// <summary>
    /// Sets the graph to lay out. New nodes are placed next to their placed neighbours (or on a
    /// spiral position fixed by their key) and start hot; nodes whose links changed are warmed.
    /// </summary>
    public void SetGraph(IEnumerable<ulong> nodes, IEnumerable<(ulong a, ulong b)> edges)
    {
        var sorted = nodes.Distinct().OrderBy(n => n).ToArray();
        var index = new Dictionary<ulong, int>(sorted.Length);
        for (int i = 0; i < sorted.Length; i++) index[sorted[i]] = i;
        var edgeSet = new HashSet<(ulong, ulong)>();
        foreach (var (a, b) in edges)
        {
            if (a == b || !index.ContainsKey(a) || !index.ContainsKey(b)) continue;
            edgeSet.Add(a < b ? (a, b) : (b, a));
        }

        // Warm the ends of every link that appeared or vanished.
        var changed = new HashSet<ulong>();
        foreach (var e in edgeSet) if (!_edgeSet.Contains(e)) { changed.Add(e.Item1); changed.Add(e.Item2); }
        foreach (var e in _edgeSet) if (!edgeSet.Contains(e)) { changed.Add(e.Item1); changed.Add(e.Item2); }

        var neighbours = sorted.ToDictionary(n => n, _ => new List<ulong>());
        foreach (var (a, b) in edgeSet) { neighbours[a].Add(b); neighbours[b].Add(a); }

        // Save the positions of the current nodes, then place the new ones in key order.
        for (int i = 0; i < _nodes.Length; i++) _known[_nodes[i]] = (_x[i], _y[i]);
        var present = new HashSet<ulong>(_nodes);
        var placedNow = new HashSet<ulong>(sorted.Where(present.Contains));
        foreach (ulong n in sorted)
        {
            if (placedNow.Contains(n)) continue;
            if (_known.TryGetValue(n, out var back))
            {
                _temperature[n] = HotTemperature / 4; // it comes back where it was
                placedNow.Add(n);
                continue;
            }
            _known[n] = Place(n, neighbours[n].Where(placedNow.Contains).ToList());
            _temperature[n] = HotTemperature;
            placedNow.Add(n);
        }
        foreach (ulong n in changed)
        {
            if (!index.ContainsKey(n)) continue;
            _temperature[n] = Math.Max(_temperature.GetValueOrDefault(n), HotTemperature / 4);
            foreach (ulong m in neighbours[n]) _temperature[m] = Math.Max(_temperature.GetValueOrDefault(m), HotTemperature / 10);
        }
        foreach (ulong gone in _nodes.Where(n => !index.ContainsKey(n))) _temperature.Remove(gone);

        _nodes = sorted;
        _x = sorted.Select(n => _known[n].x).ToArray();
        _y = sorted.Select(n => _known[n].y).ToArray();
        _edges = edgeSet.OrderBy(e => e.Item1).ThenBy(e => e.Item2).Select(e => (index[e.Item1], index[e.Item2])).ToArray();
        _edgeSet = edgeSet;
    }

    /// <summary>A new node's first position: beside its placed neighbours, else on a spiral slot of its own.</summary>
    private (double x, double y) Place(ulong node, List<ulong> placedNeighbours)
    {
        ulong h = Mix(node);
        double angle = (h & 0xFFFF) / 65536.0 * 2 * Math.PI;
        double k = IdealDistance;
        if (placedNeighbours.Count > 0)
        {
            double sx = 0, sy = 0;
            foreach (ulong m in placedNeighbours) { sx += _known[m].x; sy += _known[m].y; }
            return Clamp(sx / placedNeighbours.Count + 0.7 * k * Math.Cos(angle), sy / placedNeighbours.Count + 0.7 * k * Math.Sin(angle));
        }
        // The first node goes to the centre; unlinked ones to a ring around it.
        if (_known.Count == 0) return (Width / 2, Height / 2);
        double r = (0.15 + 0.3 * ((h >> 16) & 0xFFFF) / 65536.0) * Math.Min(Width, Height);
        return Clamp(Width / 2 + r * Math.Cos(angle), Height / 2 + r * Math.Sin(angle));
    }

    /// <summary>Runs up to <paramref name="iterations"/> iterations; returns how many ran (0 when everything is at rest).</summary>
    public int Step(int iterations)
    {
        int n = _nodes.Length;
        var dx = new double[n];
        var dy = new double[n];
        var temp = new double[n];
        int ran = 0;
        for (int it = 0; it < iterations; it++)
        {
            bool any = false;
            for (int i = 0; i < n; i++) { temp[i] = _temperature[_nodes[i]]; any |= temp[i] > 0; }
            if (!any) break;
            ran++;
            double k = IdealDistance, k2 = k * k, cutoff2 = 9 * k2;
            Array.Clear(dx);
            Array.Clear(dy);
            for (int i = 0; i < n; i++)
            {
                for (int j = i + 1; j < n; j++)
                {
                    double ex = _x[i] - _x[j], ey = _y[i] - _y[j];
                    double d2 = ex * ex + ey * ey;
                    if (d2 > cutoff2) continue;
                    if (d2 < 1e-6)
                    {
                        // Coincident: push apart along a direction fixed by the pair, not by chance.
                        double a = (Mix(_nodes[i] ^ (_nodes[j] << 1)) & 0xFFFF) / 65536.0 * 2 * Math.PI;
                        ex = Math.Cos(a) * 1e-3; ey = Math.Sin(a) * 1e-3; d2 = 1e-6;
                    }
                    double f = k2 / d2; // (k²/d) along the unit vector (e/d)
                    dx[i] += ex * f; dy[i] += ey * f;
                    dx[j] -= ex * f; dy[j] -= ey * f;
                }
            }
            foreach (var (a, b) in _edges)
            {
                double ex = _x[a] - _x[b], ey = _y[a] - _y[b];
                double d = Math.Sqrt(ex * ex + ey * ey);
                double f = d / k; // (d²/k) along the unit vector
                dx[a] -= ex * f; dy[a] -= ey * f;
                dx[b] += ex * f; dy[b] += ey * f;
            }
            double cx = Width / 2, cy = Height / 2;
            for (int i = 0; i < n; i++)
            {
                // Weaker sideways, so the picture fills a wide area rather than a disc.
                dx[i] += (cx - _x[i]) * Gravity * k * (Height / Width);
                dy[i] += (cy - _y[i]) * Gravity * k;
                double len = Math.Sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
                if (len > 0 && temp[i] > 0)
                {
                    double step = Math.Min(len, temp[i]);
                    (_x[i], _y[i]) = Clamp(_x[i] + dx[i] / len * step, _y[i] + dy[i] / len * step);
                }
                double t = temp[i] * Cooling;
                _temperature[_nodes[i]] = t < RestTemperature ? 0 : t;
            }
        }
        for (int i = 0; i < n; i++) _known[_nodes[i]] = (_x[i], _y[i]);
        return ran;
    }

    public bool TryGetPosition(ulong node, out double x, out double y)
    {
        int i = Array.BinarySearch(_nodes, node);
        if (i < 0) { x = y = 0; return false; }
        x = _x[i];
        y = _y[i];
        return true;
    }

    private (double, double) Clamp(double x, double y) =>
        (Math.Clamp(x, Margin, Width - Margin), Math.Clamp(y, Margin, Height - Margin));

    /// <summary>SplitMix64's finaliser: a fixed scramble of a node key.</summary>
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
