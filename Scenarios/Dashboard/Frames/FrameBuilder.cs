using GossipSim.Analysis.Stats;
using GossipSim.Engine.Core;
using GossipSim.Scenarios.Dashboard.Layout;
using GossipSim.Scenarios.Dashboard.Model;

namespace GossipSim.Scenarios.Dashboard.Frames;

/// <summary>
/// Turns a <see cref="NetworkView"/> into frames: chooses the drawn peers, keeps their layout
/// moving between frames, and gathers counters and plots. Seeds sit in a row along the top
/// (they are not in the overlay); peers are laid out below them.
/// </summary>
public sealed class FrameBuilder
{
    public const double Width = 1000, Height = 700, SeedRowY = 28, PeerAreaTop = 56;
    /// <summary>Layout iterations per frame (frames come every 200 ms).</summary>
    public const int IterationsPerFrame = 6;
    public const int MaxFlashesPerFrame = 600;
    public const int MessagesListed = 80;
    public const int LogLines = 40;

    private readonly ForceLayout _layout = new(Width, Height - PeerAreaTop, 24);
    private HashSet<NodeAddress> _drawn = new();
    private long _seq;
    private long _flashesDropped;
    private (double scale, double dx, double dy) _fit = (1, 0, 0);

    public FrameBuilder(int maxPeers = DrawnSet.DefaultMaxPeers) => MaxPeers = maxPeers;

    public int MaxPeers { get; }
    public ForceLayout Layout => _layout;
    public IReadOnlySet<NodeAddress> Drawn => _drawn;

    /// <summary>Builds the next frame. <paramref name="summary"/> (filled from the view's statistics) may lag the view a little.</summary>
    public Frame Build(NetworkView view, RunSummary? summary, bool animateCrossings, double eventsPerSecond)
    {
        var peers = DrawnSet.Select(view.Nodes, MaxPeers, _drawn);
        var drawn = new HashSet<NodeAddress>(peers.Select(p => p.Address));
        var edges = new HashSet<(NodeAddress, NodeAddress)>();
        foreach (var p in peers)
            foreach (var q in p.Links)
                if (drawn.Contains(q)) edges.Add(p.Address.CompareTo(q) < 0 ? (p.Address, q) : (q, p.Address));
        _layout.SetGraph(peers.Select(p => p.Address.Key), edges.Select(e => (e.Item1.Key, e.Item2.Key)));
        _layout.Step(IterationsPerFrame);
        _drawn = drawn;
        Fit();

        var frame = new Frame { Seq = ++_seq, Width = Width, Height = Height, T = Math.Round(view.Now, 3), Network = view.NetworkCondition };
        var index = new Dictionary<NodeAddress, int>();
        var seeds = view.Nodes.Where(n => n.IsSeed && n.Started).OrderBy(n => n.Address).ToList();
        for (int i = 0; i < seeds.Count; i++)
        {
            var s = seeds[i];
            double x = Width * (i + 1) / (seeds.Count + 1);
            index[s.Address] = frame.Nodes.Count;
            frame.Nodes.Add(new FrameNode(s.Address.ToString(), true, Math.Round(x, 1), SeedRowY, 0, State(s), s.Suspected, 0,
                Tc: s.CrashedAt, M: s.Members));
        }
        foreach (var p in peers)
        {
            _layout.TryGetPosition(p.Address.Key, out double lx, out double ly);
            double x = _fit.dx + _fit.scale * lx, y = _fit.dy + _fit.scale * ly;
            int hidden = p.Condition == NodeCondition.Up ? p.Links.Count(q => !drawn.Contains(q)) : 0;
            index[p.Address] = frame.Nodes.Count;
            frame.Nodes.Add(new FrameNode(p.Address.ToString(), false, Math.Round(x, 1), Math.Round(y + PeerAreaTop, 1), p.Degree, State(p),
                p.Suspected, hidden, Round(p.CrashedAt), Round(p.SuspectedAt), Round(p.ReportedAt)));
        }
        foreach (var (a, b) in edges.OrderBy(e => e.Item1).ThenBy(e => e.Item2)) frame.Edges.Add(new[] { index[a], index[b] });

        var crossings = view.TakeCrossings();
        if (animateCrossings)
        {
            // First receipts before inferred duplicates when there are too many to draw; then in time order.
            var shown = new List<(int order, double[] flash)>();
            foreach (bool duplicates in new[] { false, true })
            {
                for (int k = 0; k < crossings.Count; k++)
                {
                    var c = crossings[k];
                    if (c.Duplicate != duplicates) continue;
                    if (!index.TryGetValue(c.From, out int from) || !index.TryGetValue(c.To, out int to)) continue;
                    if (shown.Count >= MaxFlashesPerFrame) { _flashesDropped++; continue; }
                    shown.Add((k, new[] { from, to, Math.Round(c.At, 4), c.Message, c.Duplicate ? 1 : 0 }));
                }
            }
            frame.Flashes = shown.OrderBy(s => s.order).Select(s => s.flash).ToList();
        }

        frame.Counters = Counters(view, summary, peers.Count, edges.Count, eventsPerSecond);
        frame.Degrees = view.Nodes.Where(n => !n.IsSeed && n.Visible && n.Condition == NodeCondition.Up)
            .GroupBy(n => n.Links.Count).OrderBy(g => g.Key).Select(g => new[] { g.Key, g.Count() }).ToList();
        frame.Latency = LatencyCdf(view.Statistics.Latency);
        frame.Failures = view.Statistics.Failures
            .Select(f => new FrameFailure(f.Node, f.Role, f.Degree, Round(f.At)!.Value, Round(f.SuspectedAt), Round(f.ReportedAt), Round(f.RemovedAt), f.RemovedBySeeds))
            .ToList();
        frame.Messages = view.Messages.Skip(Math.Max(0, view.Messages.Count - MessagesListed))
            .Select(m => new FrameMessage(m.Index, m.Label, Math.Round(m.CreatedAt, 3), m.Reached)).ToList();
        frame.Log = view.Log.OrderBy(l => l.At).Skip(Math.Max(0, view.Log.Count - LogLines)).Select(l => new FrameLog(Math.Round(l.At, 3), l.Kind, l.Text)).ToList();
        return frame;
    }

    /// <summary>
    /// A view transform that makes the laid-out peers fill the drawing (the layout keeps its own
    /// coordinates); it follows the layout's extent slowly, and not at all for small changes,
    /// so the picture does not breathe.
    /// </summary>
    private void Fit()
    {
        var nodes = _layout.Nodes;
        if (nodes.Count < 2) return;
        double x0 = double.MaxValue, y0 = double.MaxValue, x1 = double.MinValue, y1 = double.MinValue;
        foreach (ulong n in nodes)
        {
            _layout.TryGetPosition(n, out double x, out double y);
            x0 = Math.Min(x0, x); y0 = Math.Min(y0, y); x1 = Math.Max(x1, x); y1 = Math.Max(y1, y);
        }
        const double margin = 34;
        double areaW = Width - 2 * margin, areaH = Height - PeerAreaTop - 2 * margin;
        double scale = Math.Clamp(Math.Min(areaW / Math.Max(1, x1 - x0), areaH / Math.Max(1, y1 - y0)), 0.5, 2.5);
        double dx = margin + (areaW - scale * (x1 - x0)) / 2 - scale * x0;
        double dy = margin + (areaH - scale * (y1 - y0)) / 2 - scale * y0;
        var (s0, dx0, dy0) = _fit;
        if (Math.Abs(scale / s0 - 1) < 0.04 && Math.Abs(dx - dx0) < 12 && Math.Abs(dy - dy0) < 12) return;
        const double follow = 0.25;
        _fit = (s0 + (scale - s0) * follow, dx0 + (dx - dx0) * follow, dy0 + (dy - dy0) * follow);
    }

    private FrameCounters Counters(NetworkView view, RunSummary? summary, int drawnPeers, int drawnLinks, double eventsPerSecond)
    {
        var c = new FrameCounters { DrawnPeers = drawnPeers, DrawnLinks = drawnLinks, FlashesDropped = _flashesDropped };
        foreach (var n in view.Nodes)
        {
            if (!n.Started) continue;
            if (n.IsSeed)
            {
                c.Seeds++;
                if (n.Condition == NodeCondition.Up) c.SeedsUp++;
                continue;
            }
            if (n.Visible) c.VisiblePeers++;
            if (n.Condition == NodeCondition.Up) { c.Peers++; if (n.Registered) c.Registered++; if (n.Suspected) c.Suspected++; }
            else if (n.Condition == NodeCondition.Crashed) c.Crashed++;
            else if (n.Condition == NodeCondition.Removed) c.Removed++;
        }
        c.Links = view.CountLinks();
        c.Messages = view.Messages.Count;
        c.Deliveries = view.Deliveries;
        c.DuplicateLinks = view.DuplicateLinks;
        c.Events = view.EventsApplied;
        c.EventsPerSecond = Math.Round(eventsPerSecond);
        if (summary != null)
        {
            c.DeliveryRatio = Math.Round(summary.Gossip.DeliveryRatio, 5);
            c.LatencyP50 = summary.Gossip.LatencySeconds.P50;
            c.LatencyP99 = summary.Gossip.LatencySeconds.P99;
            c.HopsMean = Math.Round(summary.Gossip.Hops.Mean, 2);
        }
        return c;
    }

    /// <summary>The latency CDF thinned to about 120 points (every bucket's step would be thousands).</summary>
    public static List<double[]> LatencyCdf(LatencyHistogram h)
    {
        var cdf = h.Cdf();
        var points = new List<double[]>();
        double lastFraction = -1;
        for (int i = 0; i < cdf.Count; i++)
        {
            var (s, f) = cdf[i];
            if (i == 0 || i == cdf.Count - 1 || f - lastFraction >= 1.0 / 120)
            {
                points.Add(new[] { s, Math.Round(f, 5) });
                lastFraction = f;
            }
        }
        return points;
    }

    private static string State(NodeView n) => n.Condition switch
    {
        NodeCondition.Crashed => "crashed",
        _ when !n.IsSeed && !n.Registered => "joining",
        _ => "up",
    };

    private static double? Round(double? v) => v is { } x ? Math.Round(x, 3) : null;
}
