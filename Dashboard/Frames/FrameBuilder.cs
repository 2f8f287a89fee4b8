using GossipSim.Analysis.Summary;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Dashboard.Model;
using GossipSim.Simulator.Latency;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Dashboard.Frames;

/// <summary>
/// Turns a <see cref="NetworkView"/> into frames: the change in the picture (every visible seed
/// and peer with its state, every link between them) since the previous frame, the crossings to
/// light, counters and plots. The page lays the overlay out itself (ForceAtlas2 in a web worker)
/// and draws it with WebGL, so nothing is left out however large the network.
/// </summary>
public sealed class FrameBuilder
{
    public const int MaxFlashesPerFrame = 600;
    public const int MessagesListed = 80;
    public const int LogLines = 40;

    private long _seq;
    private long _flashesDropped;
    // A node keeps its key for the dashboard's life (through seeks too), so changes can name it.
    private readonly Dictionary<NodeAddress, int> _keys = new();

    /// <summary>The picture the latest frame left the pages with (their whole picture, once its change is applied).</summary>
    public FramePicture Picture { get; private set; } = FramePicture.Empty;

    /// <summary>Builds the next frame. <paramref name="summary"/> (filled from the view's statistics) may lag the view a little.</summary>
    public Frame Build(NetworkView view, RunSummary? summary, bool animateCrossings, double eventsPerSecond)
    {
        var frame = new Frame { Seq = ++_seq, T = Math.Round(view.Now, 3), Network = view.NetworkCondition };
        var shown = new Dictionary<NodeAddress, int>();
        var nodes = new Dictionary<int, FrameNode>();
        foreach (var n in view.Nodes)
        {
            if (!n.Started || !(n.IsSeed || n.Visible)) continue;
            if (!_keys.TryGetValue(n.Address, out int k)) _keys[n.Address] = k = _keys.Count;
            shown[n.Address] = k;
            nodes[k] = n.IsSeed
                ? new FrameNode(k, n.Address.ToString(), true, 0, State(n), n.Suspected, Tc: Round(n.CrashedAt), M: n.Members)
                : new FrameNode(k, n.Address.ToString(), false, n.Degree, State(n), n.Suspected, Round(n.CrashedAt),
                Round(n.SuspectedAt), Round(n.ReportedAt), Rg: view.RegionOf?.Invoke(n.Address));
        }
        // A link is drawn while either end holds it, in the mode its sides give it.
        var links = new HashSet<FrameLink>();
        var modes = new Dictionary<FrameLink, EdgeMode>();
        foreach (var n in view.Nodes)
        {
            if (n.IsSeed || !shown.TryGetValue(n.Address, out int a)) continue;
            foreach (var q in n.Links)
            {
                if (!shown.TryGetValue(q, out int b) || a == b) continue;
                var link = new FrameLink(a, b);
                links.Add(link);
                var mode = NetworkView.LinkMode(modes.GetValueOrDefault(link), view.SideMode(n, q));
                if (mode != EdgeMode.None) modes[link] = mode;
            }
        }
        var picture = new FramePicture(nodes, links, modes, Passive(view, shown, links));
        frame.Graph = FramePicture.Change(Picture, picture);
        Picture = picture;

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
                    if (!shown.TryGetValue(c.From, out int from) || !shown.TryGetValue(c.To, out int to)) continue;
                    if (lit.Count >= MaxFlashesPerFrame) { _flashesDropped++; continue; }
                    lit.Add((k, new[] { from, to, Math.Round(c.At, 4), c.Message, c.Duplicate ? 1 : 0 }));
                }
            }
            frame.Flashes = lit.OrderBy(s => s.order).Select(s => s.flash).ToList();
        }

        frame.Counters = Counters(view, summary, eventsPerSecond);
        frame.Counters.TreeLinks = modes.Values.Count(m => m == EdgeMode.Tree);
        frame.Counters.LazyLinks = modes.Values.Count(m => m == EdgeMode.Lazy);
        frame.Counters.PassiveEntries = picture.Passive.Count;
        frame.Degrees = view.Nodes.Where(n => !n.IsSeed && n.Visible && n.Condition == NodeCondition.Up)
            .GroupBy(n => n.Links.Count).OrderBy(g => g.Key).Select(g => new[] { g.Key, g.Count() }).ToList();
        frame.Latency = LatencyCdf(view.Statistics.Latency);
        frame.Failures = view.Statistics.Failures
            .Select(f => new FrameFailure(f.Node, f.Role, f.Degree, Round(f.At)!.Value, Round(f.SuspectedAt), Round(f.ReportedAt),
                Round(f.RemovedAt), f.RemovedBySeeds))
            .ToList();
        frame.Messages = view.Messages.Skip(Math.Max(0, view.Messages.Count - MessagesListed))
            .Select(m => new FrameMessage(m.Index, m.Label, Math.Round(m.CreatedAt, 3), m.Reached)).ToList();
        frame.Log = view.Log.OrderBy(l => l.At).Skip(Math.Max(0, view.Log.Count - LogLines))
            .Select(l => new FrameLog(Math.Round(l.At, 3), l.Kind, l.Text)).ToList();
        return frame;
    }

    /// <summary>The shown peers' passive entries of other shown peers; an entry that is also a link is drawn as the link.</summary>
    private static HashSet<FramePassive> Passive(NetworkView view, Dictionary<NodeAddress, int> shown, HashSet<FrameLink> links)
    {
        var passive = new HashSet<FramePassive>();
        foreach (var n in view.Nodes)
        {
            if (n.IsSeed || n.State.EdgeModes is not { } edges || !shown.TryGetValue(n.Address, out int a)) continue;
            foreach (var q in edges.Passive)
                if (shown.TryGetValue(q, out int b) && a != b && !links.Contains(new FrameLink(a, b))) passive.Add(new FramePassive(a, b));
        }
        return passive;
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
