namespace GossipSim.Engine.Seed;

/// <summary>
/// Whether a seed proposes a removal again after its vote timed out. A leaver says goodbye once and its neighbours report it
/// once; under loss every proposal or vote between the seeds can be lost, and a vote that changes nothing must not also throw
/// that evidence away, or the member stays listed until its certificate falls silent. So the proposer tries again while its own
/// probe found the member silent and no seed said it answered (a no vote ends it), up to a bounded number of proposals; each
/// new proposal probes again, so a member that answers is kept. Pure: table tests.
/// </summary>
public static class RemovalRetry
{
    public static bool ProposesAgain(bool ownVoteYes, int votesAgainst, int proposalsMade, int maxProposals) =>
        ownVoteYes && votesAgainst == 0 && proposalsMade < maxProposals;
}
