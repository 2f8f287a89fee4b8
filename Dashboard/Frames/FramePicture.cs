using System.Text.Json.Serialization;

namespace GossipSim.Dashboard.Frames;

/// <summary>
/// The overlay as a page holds it: every shown node by its key and every link as a pair of keys.
/// A frame carries only the change from the picture the previous frame left
/// (<see cref="Change"/>); a page that connects, or falls behind, gets the whole picture once
/// (<see cref="Whole"/>). So a 10,000-peer replay sends its megabyte once, then what moved.
/// </summary>
public sealed class FramePicture
{
    public static readonly FramePicture Empty = new(new Dictionary<int, FrameNode>(), new HashSet<FrameLink>());

    public FramePicture(IReadOnlyDictionary<int, FrameNode> nodes, IReadOnlySet<FrameLink> links)
    {
        Nodes = nodes;
        Links = links;
    }

    /// <summary>Every shown seed and peer, by key.</summary>
    public IReadOnlyDictionary<int, FrameNode> Nodes { get; }
    public IReadOnlySet<FrameLink> Links { get; }

    /// <summary>The whole picture, as a change from nothing that replaces what the page holds.</summary>
    public FrameGraph Whole() => new()
    {
        Full = true,
        Nodes = Nodes.Values.OrderBy(n => n.K).ToList(),
        Made = Links.Order().Select(l => l.Pair).ToList(),
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
        return change;
    }
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
}
