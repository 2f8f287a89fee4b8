using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Swim;

/// <summary>What a peer does when its probe's wait is over (<see cref="SwimRules.AtProbeTimeout"/>).</summary>
public enum ProbeTimeoutStep : byte
{
    /// <summary>The target answered, or the probe is an old one: nothing to do.</summary>
    Nothing,
    /// <summary>Ask up to k of the target's other neighbours to probe it (SWIM's ping-req).</summary>
    AskOthers,
    /// <summary>Unanswered, and nobody to ask: wait for the period's end.</summary>
    Wait,
}

/// <summary>What a period's end does with the probe of the period before (<see cref="SwimRules.AtPeriodEnd"/>).</summary>
public enum PeriodEndStep : byte
{
    /// <summary>No probe was out, or it was answered (directly or through another peer).</summary>
    Fine,
    /// <summary>Unanswered directly and indirectly: the target becomes a suspect.</summary>
    Suspect,
    /// <summary>Unanswered, and already suspected: its suspicion runs on.</summary>
    StillSuspected,
    /// <summary>Unanswered, reported to the seeds and neither removed nor rejected since: suspected anew, to report again.</summary>
    SuspectAgain,
}

/// <summary>Where a probed neighbour stands, as far as SWIM's period end is concerned.</summary>
public enum SuspectStanding : byte
{
    NotSuspected,
    Suspected,
    Reported,
}

/// <summary>
/// SWIM's decisions (Das, Gupta and Motivala, "SWIM: Scalable Weakly-consistent Infection-style Process Group Membership
/// Protocol", DSN 2002, section 3.1 and 4.3) with Lifeguard's suspicion timeout (Dadgar, Phillips and Currey, "Lifeguard: Local
/// Health Awareness for More Accurate Failure Detection", 2018, section IV.B), as pure functions: <see cref="SwimDetector"/>
/// holds the state and sends.
/// </summary>
public static class SwimRules
{
    /// <summary>The probe's direct wait is over: ask others if it is unanswered and there are others to ask.</summary>
    public static ProbeTimeoutStep AtProbeTimeout(bool current, bool answered, int othersToAsk) =>
        !current || answered ? ProbeTimeoutStep.Nothing : othersToAsk > 0 ? ProbeTimeoutStep.AskOthers : ProbeTimeoutStep.Wait;

    /// <summary>The period is over: the probe out in it (<paramref name="probing"/>) was answered or not.</summary>
    public static PeriodEndStep AtPeriodEnd(bool probing, bool answered, SuspectStanding standing) =>
        !probing || answered ? PeriodEndStep.Fine : standing switch
        {
            SuspectStanding.NotSuspected => PeriodEndStep.Suspect,
            SuspectStanding.Suspected => PeriodEndStep.StillSuspected,
            _ => PeriodEndStep.SuspectAgain,
        };

    /// <summary>
    /// Lifeguard's suspicion timeout: <paramref name="max"/> with no confirmation, falling on a log scale to
    /// <paramref name="min"/> once <paramref name="expected"/> peers confirmed: max − (max − min)·log(C+1)/log(K+1), never below
    /// min. A suspect that others also cannot reach is reported sooner; one only this peer cannot reach is given the longest
    /// wait to answer a re-probe (a slow or overloaded suspecter's own misses are what Lifeguard is about).
    /// </summary>
    public static TimeSpan SuspicionTimeout(TimeSpan min, TimeSpan max, int confirmations, int expected)
    {
        if (expected <= 0) return min; // nobody to confirm: the wait cannot fall, so do not make it the longest
        double fraction = Math.Log(Math.Max(0, confirmations) + 1) / Math.Log(expected + 1);
        var wait = max - (max - min) * Math.Min(1, fraction);
        return wait < min ? min : wait;
    }

    /// <summary>
    /// How many confirmations Lifeguard's timeout expects: k (<paramref name="asked"/>, the peers asked per round), but never more
    /// than could come: no more than the suspect's other neighbours this peer knows (<paramref name="othersKnown"/>), less the
    /// asked ones that stayed silent (<paramref name="silent"/>: crashed, cut off, or no longer linked to it). As memberlist's
    /// suspectNode expects none when the group is too small to give k (k = 0 when n − 2 &lt; k): a crashed peer with few
    /// neighbours is otherwise given the longest wait for confirmations nobody can send.
    /// </summary>
    public static int ExpectedConfirmations(int asked, int othersKnown, int silent) =>
        Math.Max(0, Math.Min(Math.Max(0, asked), Math.Max(0, othersKnown)) - Math.Max(0, silent));

    /// <summary>
    /// SWIM's round-robin target choice (section 4.3): the position in <paramref name="round"/>, from
    /// <paramref name="position"/> on, of the next target still among <paramref name="linked"/>, or −1 when the round is over
    /// and a new one must be shuffled. Every neighbour is probed once a round, so a crashed one is found within a round by each
    /// peer that links it.
    /// </summary>
    public static int NextInRound(ReadOnlySpan<NodeAddress> round, int position, ReadOnlySpan<NodeAddress> linked)
    {
        for (int i = Math.Max(0, position); i < round.Length; i++)
            if (linked.Contains(round[i])) return i;
        return -1;
    }

    /// <summary>
    /// A bound on how long a crashed peer goes unsuspected, for a scenario's checks: a peer with <paramref name="ownLinks"/>
    /// links of its own has neighbours whose rounds are mostly short (twice its links, and one of phase); the probe's timeout and
    /// one more period judge it. Not a guarantee of the paper (whose members all know each other): a neighbour's round is as long
    /// as its degree, and a crashed peer whose every neighbour is a hub waits longer (the checks add two periods per neighbour
    /// of its watchers' shortest round past <paramref name="ownLinks"/>: the paper's round-robin promise, within twice a round).
    /// </summary>
    public static TimeSpan SuspectedWithin(TimeSpan period, TimeSpan probeTimeout, int ownLinks) =>
        period * (2 * Math.Max(1, ownLinks) + 2) + probeTimeout;

    /// <summary>
    /// SWIM's expected time to a dead member's first detection, in protocol periods, with every member probing one other at
    /// random each period in a group of <paramref name="members"/>: 1 / (1 − (1 − 1/(n−1))^(n−1)), which tends to e/(e − 1) ≈ 1.582
    /// as the group grows (section 3.1).
    /// </summary>
    public static double ExpectedPeriodsToFirstDetection(int members)
    {
        if (members < 2) throw new ArgumentOutOfRangeException(nameof(members), members, "a group needs two members for a probe");
        double q = 1.0 / (members - 1);
        return 1 / (1 - Math.Pow(1 - q, members - 1));
    }
}
