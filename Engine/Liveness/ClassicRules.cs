using GossipSim.Engine.Roles;

namespace GossipSim.Engine.Liveness;

/// <summary>What the classic detector does when a neighbour's last ping went unanswered (<see cref="ClassicRules.AtMiss"/>).</summary>
public enum MissStep : byte
{
    /// <summary>Counted only: below the threshold, or its witnesses' verdict is awaited, or it was reported and the seeds may still
    /// answer.</summary>
    Count,
    /// <summary>The threshold in a row: suspect it, and ask its witnesses.</summary>
    Suspect,
    /// <summary>Suspected already (its witnesses did not confirm it): ask them again.</summary>
    AskAgain,
    /// <summary>Reported, and as many misses again with neither removal nor rejection: the report or its answer was lost; suspect
    /// it again and ask its witnesses, to report it anew.</summary>
    SuspectAgain,
}

/// <summary>R11's rule for a missed ping, a pure function of the neighbour's health and its misses (the classic detector's
/// state: <see cref="ClassicDetector"/>).</summary>
public static class ClassicRules
{
    /// <param name="health">The neighbour's health before this miss.</param>
    /// <param name="inARow">Misses in a row, this one counted.</param>
    /// <param name="atReport">Misses in a row when it was last reported (0: never).</param>
    /// <param name="threshold">Misses in a row that make a suspect (<see cref="Config.PeerConfig.MissesBeforeSuspect"/>).</param>
    public static MissStep AtMiss(NeighbourHealth health, int inARow, int atReport, int threshold) => health switch
    {
        NeighbourHealth.Alive or NeighbourHealth.Missed => inARow >= threshold ? MissStep.Suspect : MissStep.Count,
        NeighbourHealth.Suspected => MissStep.AskAgain,
        NeighbourHealth.Reported => inARow >= atReport + threshold ? MissStep.SuspectAgain : MissStep.Count,
        _ => MissStep.Count,
    };
}
