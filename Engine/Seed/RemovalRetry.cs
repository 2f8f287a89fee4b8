namespace GossipSim.Engine.Seed;

/// <summary>
/// Whether a seed proposes a removal again after its vote timed out, and when. A leaver says goodbye once and its neighbours
/// report it once; under loss every proposal or vote between the seeds can be lost, and a vote that changes nothing must not
/// also throw that evidence away, or the member stays listed until its certificate falls silent. So the proposer tries again
/// while its own probe found the member silent and no seed said it answered (a no vote ends it), up to a bounded number of
/// proposals; each new proposal probes again, so a member that answers is kept. The waits between proposals double from the
/// proposal timeout up to a cap, so a bounded number of proposals spans a majority of seeds being unreachable for a while (a
/// crashed seed restarting, a partition healing), not only lost messages. Pure: table tests.
/// </summary>
public static class RemovalRetry
{
    public static bool ProposesAgain(bool ownVoteYes, int votesAgainst, int proposalsMade, int maxProposals) =>
        ownVoteYes && votesAgainst == 0 && proposalsMade < maxProposals;

    /// <summary>The wait after the <paramref name="proposalsMade"/>-th proposal timed out before the next: the proposal timeout,
    /// then twice as long each time, never longer than <paramref name="maxWait"/>.</summary>
    public static TimeSpan WaitBeforeNext(int proposalsMade, TimeSpan proposalTimeout, TimeSpan maxWait)
    {
        int doublings = Math.Clamp(proposalsMade - 1, 0, 30);
        double ticks = proposalTimeout.Ticks * Math.Pow(2, doublings);
        return ticks >= maxWait.Ticks ? maxWait : TimeSpan.FromTicks((long)ticks);
    }
}
