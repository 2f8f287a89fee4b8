namespace GossipSim.Scenarios.Run.Faults;

/// <summary>
/// The schedule's order, kept on every runtime: a fault whose time comes while a fault planned before it waits for its trigger
/// (<c>"after": "allLinked"</c>) waits for that one to be applied first. Before, a later fault overtook a waiting one: on a loaded
/// machine the move of seed-move.json came after the crashes planned 10 s after it, and a peer was removed with the moved seed's
/// vote from before its move (a local CI). Planned before: an earlier time, or the same time and an earlier place in the scenario's
/// list. A manager's command and the churn's leaves keep their own times. Pure: table tests.
/// </summary>
public static class FaultOrder
{
    /// <summary>A fault's place in the plan: its time, then its place in the scenario's list.</summary>
    public readonly record struct Planned(double At, int Position)
    {
        public bool IsBefore(Planned other) => At < other.At || (At == other.At && Position < other.Position);
    }

    /// <summary>The earliest of <paramref name="waiting"/> planned before <paramref name="fault"/>, or null when none is.</summary>
    public static Planned? HeldBy(Planned fault, IEnumerable<Planned> waiting)
    {
        Planned? earliest = null;
        foreach (var w in waiting)
            if (w.IsBefore(fault) && (earliest is not { } e || w.IsBefore(e))) earliest = w;
        return earliest;
    }
}
