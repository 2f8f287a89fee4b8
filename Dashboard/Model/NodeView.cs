using GossipSim.Analysis.Trace;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Dashboard.Model;

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

/// <summary>
/// One seed or peer as the dashboard draws it: its state from the run's trace fold (role, life,
/// links, list size), and what only the picture needs (who suspects it now, when things happened).
/// </summary>
public sealed class NodeView
{
    public NodeView(NodeAddress address, NodeState state)
    {
        Address = address;
        State = state;
    }

    public NodeAddress Address { get; }
    /// <summary>The node as the trace fold knows it (shared with the run's statistics).</summary>
    public NodeState State { get; }

    public bool IsSeed => State.IsSeed;
    public bool Started => State.Started;
    public bool Registered => State.Registered;

    /// <summary>The fold's life, with a removal by the seeds shown as such.</summary>
    public NodeCondition Condition => State switch
    {
        { Removed: true } => NodeCondition.Removed,
        { Life: NodeLife.Crashed } => NodeCondition.Crashed,
        { Life: NodeLife.Left } => NodeCondition.Left,
        _ => NodeCondition.Up,
    };

    /// <summary>This node's own side of its overlay links (its view of its neighbours).</summary>
    public IReadOnlySet<NodeAddress> Links => State.Neighbours!;

    /// <summary>Peers that suspect this node now (suspicion raised and not cleared).</summary>
    public HashSet<NodeAddress> Suspecters { get; } = new();

    public int DegreeAtCrash => State.DegreeAtCrash;
    public double? StartedAt { get; set; }
    public double? CrashedAt { get; set; }
    public double? SuspectedAt { get; set; }
    public double? ReportedAt { get; set; }
    public double? RemovedAt { get; set; }

    /// <summary>Seeds: peers on its list now.</summary>
    public long Members => State.Members;

    /// <summary>Drawn at all: started, and neither removed nor gone.</summary>
    public bool Visible => Started && Condition is NodeCondition.Up or NodeCondition.Crashed;

    /// <summary>Some peer suspects it now, or it was suspected before it was found crashed.</summary>
    public bool Suspected => Suspecters.Count > 0;

    /// <summary>The size it is drawn at: its links now, or when it crashed.</summary>
    public int Degree => Condition == NodeCondition.Crashed ? DegreeAtCrash : Links.Count;

    /// <summary>Forget the picture of a previous life (the fold resets the node's own state).</summary>
    public void Reset(double at)
    {
        Suspecters.Clear();
        StartedAt = at;
        CrashedAt = SuspectedAt = ReportedAt = RemovedAt = null;
    }
}
