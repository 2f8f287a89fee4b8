using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Liveness;

/// <summary>What a peer does with a suspect once its witnesses have (or have not) answered.</summary>
public enum Verdict : byte
{
    /// <summary>Answers are still out and could change the outcome.</summary>
    Wait,
    /// <summary>Send the seeds the dead-node line; their own probes decide the removal.</summary>
    Report,
    /// <summary>The witnesses who answered do not agree it is unreachable: keep the link.</summary>
    NotConfirmed,
}

/// <summary>
/// R11's suspicion rule, a pure function of the witnesses' answers: report a suspect when a majority of those who answered could not
/// reach it, or when none was asked or none answered. Silence counts neither way: a witness may be down or cut off itself, and the seeds'
/// own probe is the safety line (R12), so the round only spares the seeds reports from a pinger's own bad link. As "reachable", silence
/// would keep a crashed hub whose witnesses also failed listed forever; as "unreachable", a pinger's own outage would become reports.
/// </summary>
public static class SuspicionVerdict
{
    /// <param name="asked">Witnesses asked (0: the suspect has no other neighbour this peer knows of).</param>
    /// <param name="unreachable">Witnesses that answered: could not reach it.</param>
    /// <param name="reachable">Witnesses that answered: reached it.</param>
    /// <param name="timeUp">The query's timeout has passed: no more answers are waited for.</param>
    public static Verdict Decide(int asked, int unreachable, int reachable, bool timeUp)
    {
        if (asked < 0 || unreachable < 0 || reachable < 0 || unreachable + reachable > asked)
            throw new ArgumentOutOfRangeException(nameof(asked), $"{unreachable} + {reachable} answers of {asked} asked");
        int silent = asked - unreachable - reachable;
        if (asked == 0) return Verdict.Report;
        // Decided early once the silent ones can no longer change the majority of answers.
        if (unreachable > reachable + silent) return Verdict.Report;
        if (reachable > 0 && reachable >= unreachable + silent) return Verdict.NotConfirmed;
        if (!timeUp && silent > 0) return Verdict.Wait;
        if (unreachable + reachable == 0) return Verdict.Report;
        return unreachable > reachable ? Verdict.Report : Verdict.NotConfirmed;
    }
}
