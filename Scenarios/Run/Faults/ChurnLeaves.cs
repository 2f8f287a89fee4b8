using GossipSim.Scenarios.Definition;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Run.Faults;

/// <summary>
/// A scenario's churn leaves as faults of the schedule, so the <see cref="FaultInterpreter"/> carries them out like any other:
/// their times a Poisson process between from and until, each a graceful leave or a crash of a <see cref="VictimKind.ChurnLeaver"/>.
/// </summary>
public static class ChurnLeaves
{
    /// <summary>Draws the leaves' times from <paramref name="leavers"/>, which then goes on to pick who leaves at each.</summary>
    public static IReadOnlyList<Fault> Draw(ChurnSettings c, Rng leavers)
    {
        var leaves = new List<Fault>();
        if (c.LeavesPerSecond <= 0) return leaves;
        var who = new VictimSelector(VictimKind.ChurnLeaver);
        for (double t = c.From; (t += -Math.Log(1 - leavers.NextDouble()) / c.LeavesPerSecond) < c.Until;)
            leaves.Add(c.Graceful ? new LeaveFault(t, who) : new CrashFault(t, who));
        return leaves;
    }
}
