using GossipSim.Engine.Core;

namespace GossipSim.Scenarios.Dashboard.Model;

/// <summary>Where a node is in its life, as the picture shows it.</summary>
public enum NodeCondition
{
    /// <summary>Running (a suspicion about it is shown apart: <see cref="NodeView.Suspected"/>).</summary>
    Up,
    /// <summary>Crashed, and not yet removed by the seeds: drawn grey.</summary>
    Crashed,
    /// <summary>Removed from the seeds' peer list: no longer drawn.</summary>
    Removed,
    /// <summary>Left cleanly before the run ended: no longer drawn.</summary>
    Left,
}

/// <summary>One seed or peer as the dashboard knows it from the trace.</summary>
public sealed class NodeView
{
    public NodeView(NodeAddress address) => Address = address;

    public NodeAddress Address { get; }
    public bool IsSeed { get; set; }
    public bool Started { get; set; }
    public bool Registered { get; set; }
    public NodeCondition Condition { get; set; }

    /// <summary>This node's own side of its overlay links (its view of its neighbours).</summary>
    public HashSet<NodeAddress> Links { get; } = new();

    /// <summary>Peers that suspect this node now (suspicion raised and not cleared).</summary>
    public HashSet<NodeAddress> Suspecters { get; } = new();

    public int DegreeAtCrash { get; set; }
    public double? StartedAt { get; set; }
    public double? CrashedAt { get; set; }
    public double? SuspectedAt { get; set; }
    public double? ReportedAt { get; set; }
    public double? RemovedAt { get; set; }

    /// <summary>Seeds: peers on its list now.</summary>
    public long Members { get; set; }

    /// <summary>Drawn at all: started, and neither removed nor gone.</summary>
    public bool Visible => Started && Condition is NodeCondition.Up or NodeCondition.Crashed;

    /// <summary>Some peer suspects it now, or it was suspected before it was found crashed.</summary>
    public bool Suspected => Suspecters.Count > 0;

    /// <summary>The size it is drawn at: its links now, or when it crashed.</summary>
    public int Degree => Condition == NodeCondition.Crashed ? DegreeAtCrash : Links.Count;

    /// <summary>Forget a previous life: a node starting again is up, unsuspected, unlinked.</summary>
    public void Reset(double at)
    {
        Started = true;
        Registered = false;
        Condition = NodeCondition.Up;
        Links.Clear();
        Suspecters.Clear();
        DegreeAtCrash = 0;
        StartedAt = at;
        CrashedAt = SuspectedAt = ReportedAt = RemovedAt = null;
    }
}
