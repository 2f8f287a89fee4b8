using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Run.Faults;

/// <summary>The random streams of a run's faults: who a fault or a churn leave strikes.</summary>
public static class FaultStreams
{
    /// <summary>The churn's leaves: when each is due, then who leaves at each (<see cref="VictimPicker.ChurnLeaver"/>).</summary>
    public static Rng Leavers(ulong seed) => Rng.ForStream(seed, ulong.MaxValue - 1, 0x4641554C54); // "FAULT"

    /// <summary>
    /// A random-peers crash's victims, on every runtime (the one victim picker): the fault's
    /// position in the schedule is the salt, so two crashes draw apart.
    /// </summary>
    public static Rng Victims(ulong seed, int faultPosition) => Rng.ForStream(seed, 0x5649435449_4D53, (ulong)faultPosition); // "VICTIMS"
}
