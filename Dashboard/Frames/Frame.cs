using System.Text.Json;
using System.Text.Json.Serialization;

namespace GossipSim.Dashboard.Frames;

/// <summary>
/// What the page receives a few times a second: the change in the picture of nodes and links
/// since the previous frame (the whole picture to a page that connects or fell behind; the page
/// lays it out itself), the crossings since the previous frame, counters, plot data, the
/// failure timeline and the log. Times are run seconds.
/// </summary>
public sealed class Frame
{
    public long Seq { get; set; }
    /// <summary>real (live processes), sim (a simulation computed at the page's pace), replay (a saved trace), waiting.</summary>
    public string Mode { get; set; } = "waiting";
    public string Scenario { get; set; } = "";
    public string Status { get; set; } = "";
    public double T { get; set; }
    /// <summary>Replays: the end of what can be played now (the slider's range).</summary>
    public double? TEnd { get; set; }
    public bool Playing { get; set; }
    public double Speed { get; set; } = 1;
    public bool Ended { get; set; }
    /// <summary>Manager commands are available (a live real run, or a simulation run live).</summary>
    public bool Manager { get; set; }
    /// <summary>The manager commands this run carries out (<see cref="Runs.IDashboardRun.Commands"/>): the page shows only their
    /// buttons.</summary>
    public List<string>? Commands { get; set; }
    public string? Network { get; set; }
    public FrameGraph Graph { get; set; } = new();
    /// <summary>[from key, to key, time, message index, duplicate 0/1], in order.</summary>
    public List<double[]> Flashes { get; set; } = new();
    public FrameCounters Counters { get; set; } = new();
    /// <summary>[degree, live peers with that degree].</summary>
    public List<int[]> Degrees { get; set; } = new();
    /// <summary>[latency seconds, fraction of deliveries at most that] (the CDF).</summary>
    public List<double[]> Latency { get; set; } = new();
    public List<FrameFailure> Failures { get; set; } = new();
    public List<FrameMessage> Messages { get; set; } = new();
    public List<FrameLog> Log { get; set; } = new();

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>This frame with another picture part (the whole picture for a page that needs it).</summary>
    public Frame With(FrameGraph graph)
    {
        var copy = (Frame)MemberwiseClone();
        copy.Graph = graph;
        return copy;
    }
}

/// <param name="K">The node's key in this dashboard's frames (links and crossings name nodes by it).</param>
/// <param name="Id">The node's address.</param>
/// <param name="St">up, joining (not registered yet), crashed.</param>
/// <param name="Sus">Suspected now by some peer.</param>
/// <param name="Tc">Crashed at; <paramref name="Ts"/> first suspected at; <paramref name="Tr"/> reported dead at.</param>
/// <param name="M">Seeds: peers on its list.</param>
/// <param name="Rg">On the measured Internet (latency model wan): the peer's continent, which the page can colour it by.</param>
/// <remarks><paramref name="Seed"/> and <paramref name="Sus"/> are left out when false (most of 10,000 nodes).</remarks>
public sealed record FrameNode(int K, string Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Seed, int Deg, string St,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Sus,
    double? Tc = null, double? Ts = null, double? Tr = null, long? M = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Rg = null);

public sealed class FrameCounters
{
    public int Peers { get; set; }
    public int Registered { get; set; }
    public int Seeds { get; set; }
    public int SeedsUp { get; set; }
    public int Links { get; set; }
    public int Messages { get; set; }
    public long Deliveries { get; set; }
    public double DeliveryRatio { get; set; }
    public double LatencyP50 { get; set; }
    public double LatencyP99 { get; set; }
    public double HopsMean { get; set; }
    public long DuplicateLinks { get; set; }
    /// <summary>Links on the tree and lazy links (Plumtree), and passive entries (HyParView): all 0 in a run whose edges have no modes.</summary>
    public int TreeLinks { get; set; }
    public int LazyLinks { get; set; }
    public int PassiveEntries { get; set; }
    public double EventsPerSecond { get; set; }
    public long Events { get; set; }
    public int Crashed { get; set; }
    public int Suspected { get; set; }
    public int Removed { get; set; }
    /// <summary>Peers in the picture (started, not removed or gone): the page draws every one.</summary>
    public int VisiblePeers { get; set; }
    public long FlashesDropped { get; set; }
}

public sealed record FrameFailure(string Node, string Role, int Degree, double At, double? SuspectedAt, double? ReportedAt,
    double? RemovedAt, int RemovedBySeeds);

public sealed record FrameMessage(int I, string Label, double T, int Reached);

public sealed record FrameLog(double T, string Kind, string Text);
