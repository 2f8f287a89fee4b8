using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

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
/// R11's suspicion rule, a pure function of the witnesses' answers. The rule: a peer reports a
/// suspect when a majority of the witnesses who answered could not reach it; a witness that
/// never answers counts neither way; with no witness to ask, or no answer from any, the peer
/// reports too. Why silence is neutral: a witness may be down or cut off itself, and the
/// safety line is the seeds' own probe (a seed votes remove only when its own probe fails,
/// R12), so the witness round only spares the seeds reports that come from the pinger's own
/// bad link. Counting silence as "reachable" would let a crashed hub whose other neighbours
/// also failed stay listed forever; counting it as "unreachable" would turn a pinger's own
/// outage into reports.
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
