using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Roles;

/// <summary>
/// One round of asking a suspect's other neighbours to probe it (R11's witnesses, SWIM's ping-req), as its answers stand: the
/// peer keeps the round, sends the queries with a challenge the suspect must sign, and counts only answers it verified.
/// </summary>
/// <param name="Ask">The round's number (<see cref="DetectorContext.AskWitnesses"/> gave it).</param>
/// <param name="Suspect">The neighbour the witnesses were asked about.</param>
/// <param name="Asked">Witnesses asked.</param>
/// <param name="Unreachable">Witnesses that answered: could not reach it.</param>
/// <param name="Reachable">Witnesses that answered: reached it, with the suspect's signed ack of this round's challenge.</param>
public readonly record struct WitnessRound(long Ask, NodeAddress Suspect, int Asked, int Unreachable, int Reachable)
{
    /// <summary>Witnesses that have not answered (or whose "reachable" did not carry a valid ack: silence, as far as the round goes).</summary>
    public int Silent => Asked - Unreachable - Reachable;
}

/// <summary>
/// A witness's answer the peer took: one of the round's asked witnesses, answering for the first time, and when it says it reached
/// the suspect, with the suspect's signed ack of the round's challenge (a witness that did not hear from the suspect cannot say
/// it did). <see cref="Round"/> counts it already; when <see cref="Last"/>, every asked witness has answered and the round is over
/// (<see cref="DetectorContext.TryGetRound"/> no longer finds it).
/// </summary>
public readonly record struct WitnessAnswer(NodeAddress Witness, bool Reachable, WitnessRound Round)
{
    public bool Last => Round.Silent == 0;
}
