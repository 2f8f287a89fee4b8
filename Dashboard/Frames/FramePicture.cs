using System.Text.Json.Serialization;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Dashboard.Frames;

/// <summary>
/// The overlay as a page holds it: every shown node by its key, every link as a pair of keys, the
/// mode of each link whose protocol gives it one (tree or lazy), and the passive entries (not links).
/// A frame carries only the change from the picture the previous frame left
/// (<see cref="Change"/>); a page that connects, or falls behind, gets the whole picture once
/// (<see cref="Whole"/>). So a 10,000-peer replay sends its megabyte once, then what moved.
/// </summary>
public sealed class FramePicture
{
    public static readonly FramePicture Empty = new(new Dictionary<int, FrameNode>(), new HashSet<FrameLink>());

    public FramePicture(IReadOnlyDictionary<int, FrameNode> nodes, IReadOnlySet<FrameLink> links,
        IReadOnlyDictionary<FrameLink, EdgeMode>? modes = null, IReadOnlySet<FramePassive>? passive = null)
    {
        Nodes = nodes;
        Links = links;
        Modes = modes ?? new Dictionary<FrameLink, EdgeMode>();
        Passive = passive ?? new HashSet<FramePassive>();
    }

    /// <summary>Every shown seed and peer, by key.</summary>
    public IReadOnlyDictionary<int, FrameNode> Nodes { get; }
    public IReadOnlySet<FrameLink> Links { get; }
    /// <summary>The links that have a mode (tree or lazy); a link not here is a plain link.</summary>
    public IReadOnlyDictionary<FrameLink, EdgeMode> Modes { get; }
    /// <summary>Passive entries between shown peers that are not linked.</summary>
    public IReadOnlySet<FramePassive> Passive { get; }

    /// <summary>The whole picture, as a change from nothing that replaces what the page holds.</summary>
    public FrameGraph Whole() => new()
    {
        Full = true,
        Nodes = Nodes.Values.OrderBy(n => n.K).ToList(),
        Made = Links.Order().Select(l => l.Pair).ToList(),
        Modes = NullIfEmpty(Modes.OrderBy(m => m.Key).Select(m => Moded(m.Key, m.Value))),
        Passive = NullIfEmpty(Passive.Order().Select(p => p.Pair)),
    };

    /// <summary>What turns <paramref name="before"/> into <paramref name="after"/>: nodes new or changed, nodes gone, links made and closed
    /// (a gone node's links among them).</summary>
    public static FrameGraph Change(FramePicture before, FramePicture after)
    {
        var change = new FrameGraph();
        foreach (var (k, n) in after.Nodes)
            if (!before.Nodes.TryGetValue(k, out var was) || was != n) change.Nodes.Add(n);
        change.Nodes.Sort((x, y) => x.K.CompareTo(y.K));
        change.Gone = before.Nodes.Keys.Where(k => !after.Nodes.ContainsKey(k)).Order().ToList();
        change.Made = after.Links.Where(l => !before.Links.Contains(l)).Order().Select(l => l.Pair).ToList();
        change.Closed = before.Links.Where(l => !after.Links.Contains(l)).Order().Select(l => l.Pair).ToList();
        // Modes of links new or changed, a link that lost its mode as plain (none); a closed link's mode goes with it.
        var moded = after.Modes
            .Where(m => !before.Links.Contains(m.Key) || before.Modes.GetValueOrDefault(m.Key) != m.Value)
            .Concat(before.Modes.Where(m => after.Links.Contains(m.Key) && !after.Modes.ContainsKey(m.Key))
                .Select(m => KeyValuePair.Create(m.Key, EdgeMode.None)));
        change.Modes = NullIfEmpty(moded.OrderBy(m => m.Key).Select(m => Moded(m.Key, m.Value)));
        change.Passive = NullIfEmpty(after.Passive.Where(p => !before.Passive.Contains(p)).Order().Select(p => p.Pair));
        change.PassiveGone = NullIfEmpty(before.Passive.Where(p => !after.Passive.Contains(p)).Order().Select(p => p.Pair));
        return change;
    }

    private static int[] Moded(FrameLink l, EdgeMode mode) => new[] { l.A, l.B, (int)mode };

    // Absent from the frame when empty: a run whose protocol gives its edges no modes sends the frames it always did.
    private static List<int[]>? NullIfEmpty(IEnumerable<int[]> items) => items.ToList() is { Count: > 0 } list ? list : null;
}

/// <summary>A link between the nodes keyed <see cref="A"/> &lt; <see cref="B"/>, the same whichever end names it.</summary>
public readonly record struct FrameLink : IComparable<FrameLink>
{
    public FrameLink(int a, int b) => (A, B) = a < b ? (a, b) : (b, a);

    public int A { get; }
    public int B { get; }
    public int[] Pair => new[] { A, B };

    public int CompareTo(FrameLink other) => A != other.A ? A.CompareTo(other.A) : B.CompareTo(other.B);
}

/// <summary>A passive entry: <see cref="Holder"/> knows <see cref="Entry"/> (HyParView's passive view) without a link to it.</summary>
public readonly record struct FramePassive(int Holder, int Entry) : IComparable<FramePassive>
{
    public int[] Pair => new[] { Holder, Entry };

    public int CompareTo(FramePassive other) => Holder != other.Holder ? Holder.CompareTo(other.Holder) : Entry.CompareTo(other.Entry);
}

/// <summary>
/// The picture's part of a frame. <see cref="Full"/>: the page drops what it holds and takes
/// this as the whole picture; otherwise it is the change since the previous frame.
/// </summary>
public sealed class FrameGraph
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Full { get; set; }
    /// <summary>Nodes new or changed since the previous frame (every node when <see cref="Full"/>).</summary>
    public List<FrameNode> Nodes { get; set; } = new();
    /// <summary>Keys of the nodes no longer shown (removed by the seeds, or gone).</summary>
    public List<int> Gone { get; set; } = new();
    /// <summary>Links made, as [key, key].</summary>
    public List<int[]> Made { get; set; } = new();
    /// <summary>Links closed, as [key, key].</summary>
    public List<int[]> Closed { get; set; } = new();
    /// <summary>Links made or whose mode changed, as [key, key, <see cref="EdgeMode"/>] (none: a plain link again); null when there are
    /// none.</summary>
    public List<int[]>? Modes { get; set; }
    /// <summary>Passive entries new, as [holder key, entry key]; null when there are none.</summary>
    public List<int[]>? Passive { get; set; }
    /// <summary>Passive entries dropped (or become links), as [holder key, entry key]; null when there are none.</summary>
    public List<int[]>? PassiveGone { get; set; }
}
