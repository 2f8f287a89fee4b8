namespace GossipSim.Engine.Roles;

/// <summary>
/// How a peer sees one neighbour's liveness: the stage of its suspicion, which the peer keeps and its failure detector moves
/// through the verbs of <see cref="DetectorContext"/> (an answer to a ping always makes it alive).
/// </summary>
public enum NeighbourHealth : byte
{
    /// <summary>Answered its last ping.</summary>
    Alive,
    /// <summary>Missed pings, not (yet) suspected (<see cref="DetectorContext.Missed"/>).</summary>
    Missed,
    /// <summary>Suspected (<see cref="DetectorContext.Suspect"/>); its witnesses are to be asked (again), or its time runs.</summary>
    Suspected,
    /// <summary>Some of its other neighbours were asked to probe it (<see cref="DetectorContext.AskWitnesses"/>); their verdict is
    /// awaited.</summary>
    QueryingWitnesses,
    /// <summary>The dead-node line went to the seeds (<see cref="DetectorContext.Report"/>); waiting for their removal or
    /// rejection.</summary>
    Reported,
}
