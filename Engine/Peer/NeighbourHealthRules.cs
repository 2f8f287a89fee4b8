using GossipSim.Engine.Roles;

namespace GossipSim.Engine.Peer;

/// <summary>What happens to a neighbour, as far as its health is concerned.</summary>
public enum HealthEvent : byte
{
    /// <summary>It answered a ping (or a pong with the outstanding nonce came in).</summary>
    Answered,
    /// <summary>A ping round found its last ping unanswered, the misses in a row still below the threshold.</summary>
    Missed,
    /// <summary>A ping round found its last ping unanswered, the misses in a row at or above the threshold.</summary>
    MissedThreshold,
    /// <summary>Reported, and as many more pings missed again with neither removal nor rejection: the report or its answer was
    /// lost.</summary>
    ReportUnanswered,
    /// <summary>Witnesses were asked to probe it.</summary>
    WitnessesAsked,
    /// <summary>The suspicion verdict says report (<see cref="Liveness.SuspicionVerdict"/>).</summary>
    VerdictReport,
    /// <summary>The suspicion verdict says not confirmed.</summary>
    VerdictNotConfirmed,
    /// <summary>A seed rejected the report (its probe was answered).</summary>
    ReportRejected,
}

/// <summary>
/// Every change of a neighbour's health, in one table. An answer always makes it alive; a
/// miss below the threshold only counts; the threshold makes it suspected, and a suspected
/// neighbour's witnesses are asked; their verdict reports it or leaves it suspected (asked again
/// at the next miss); a report that nobody answers, or that a seed rejects, is suspected again.
/// Any other event leaves the health as it is (a late verdict for a neighbour that answered
/// meanwhile is dropped).
/// </summary>
public static class NeighbourHealthRules
{
    public static NeighbourHealth Next(NeighbourHealth health, HealthEvent e) => (health, e) switch
    {
        (_, HealthEvent.Answered) => NeighbourHealth.Alive,
        (NeighbourHealth.Alive, HealthEvent.Missed) => NeighbourHealth.Missed,
        (NeighbourHealth.Alive or NeighbourHealth.Missed, HealthEvent.MissedThreshold) => NeighbourHealth.Suspected,
        (NeighbourHealth.Reported, HealthEvent.ReportUnanswered) => NeighbourHealth.Suspected,
        (NeighbourHealth.Suspected, HealthEvent.WitnessesAsked) => NeighbourHealth.QueryingWitnesses,
        (NeighbourHealth.Suspected or NeighbourHealth.QueryingWitnesses, HealthEvent.VerdictReport) => NeighbourHealth.Reported,
        (NeighbourHealth.QueryingWitnesses, HealthEvent.VerdictNotConfirmed) => NeighbourHealth.Suspected,
        (NeighbourHealth.Reported, HealthEvent.ReportRejected) => NeighbourHealth.Suspected,
        _ => health,
    };

    /// <summary>Whether a neighbour in this health is under suspicion (an answer then clears it).</summary>
    public static bool IsSuspected(NeighbourHealth health) => health >= NeighbourHealth.Suspected;
}
