using GossipSim.Analysis.Stats;
using GossipSim.Engine.Core;
using GossipSim.Scenarios.Dashboard.Model;

namespace GossipSim.Scenarios.Dashboard.Frames;

/// <summary>
/// Turns a <see cref="NetworkView"/> into frames: every visible seed and peer with its state,
/// every link between them, the crossings to light, counters and plots. The page lays the
/// overlay out itself (ForceAtlas2 in a web worker) and draws it with WebGL, so nothing is
/// left out however large the network.
/// </summary>
public sealed class FrameBuilder
{
    public const int MaxFlashesPerFrame = 600;
    public const int MessagesListed = 80;
    public const int LogLines = 40;

    private long _seq;
    private long _flashesDropped;

    /// <summary>Builds the next frame. <paramref name="summary"/> (filled from the view's statistics) may lag the view a little.</summary>
    public Frame Build(NetworkView view, RunSummary? summary, bool animateCrossings, double eventsPerSecond)
    {
        var frame = new Frame { Seq = ++_seq, T = Math.Round(view.Now, 3), Network = view.NetworkCondition };
        var index = new Dictionary<NodeAddress, int>();
        var shown = view.Nodes.Where(n => n.Started && (n.IsSeed || n.Visible))
            .OrderByDescending(n => n.IsSeed).ThenBy(n => n.Address).ToList();
        foreach (var n in shown)
        {
            index[n.Address] = frame.Nodes.Count;
            frame.Nodes.Add(n.IsSeed
                ? new FrameNode(n.Address.ToString(), true, 0, State(n), n.Suspected, Tc: Round(n.CrashedAt), M: n.Members)
                : new FrameNode(n.Address.ToString(), false, n.Degree, State(n), n.Suspected, Round(n.CrashedAt), Round(n.SuspectedAt), Round(n.ReportedAt)));
        }
        // A link is drawn while either end holds it; each once, from its lower end.
        foreach (var n in shown)
        {
            if (n.IsSeed) continue;
            int a = index[n.Address];
            foreach (var q in n.Links)
                if (index.TryGetValue(q, out int b) && a != b && (a < b || !view.Find(q)!.Links.Contains(n.Address)))
                    frame.Edges.Add(new[] { Math.Min(a, b), Math.Max(a, b) });
        }

        var crossings = view.TakeCrossings();
        if (animateCrossings)
        {
            // First receipts before inferred duplicates when there are too many to draw; then in time order.
            var lit = new List<(int order, double[] flash)>();
            foreach (bool duplicates in new[] { false, true })
            {
                for (int k = 0; k < crossings.Count; k++)
                {
                    var c = crossings[k];
                    if (c.Duplicate != duplicates) continue;
                    if (!index.TryGetValue(c.From, out int from) || !index.TryGetValue(c.To, out int to)) continue;
                    if (lit.Count >= MaxFlashesPerFrame) { _flashesDropped++; continue; }
                    lit.Add((k, new[] { from, to, Math.Round(c.At, 4), c.Message, c.Duplicate ? 1 : 0 }));
                }
            }
            frame.Flashes = lit.OrderBy(s => s.order).Select(s => s.flash).ToList();
        }

        frame.Counters = Counters(view, summary, eventsPerSecond);
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

    private FrameCounters Counters(NetworkView view, RunSummary? summary, double eventsPerSecond)
    {
        var c = new FrameCounters { FlashesDropped = _flashesDropped };
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
