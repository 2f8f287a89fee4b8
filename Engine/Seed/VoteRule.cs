using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Seed;

/// <summary>What a seed knows of the peer a proposal is about.</summary>
public enum MemberStatus : byte { Unknown, Live, Removed }

/// <summary>How this seed's own probe of a peer ended (removals only).</summary>
public enum ProbeOutcome : byte { NotProbed, Answered, Silent }

/// <summary>A seed's decision on a proposal: a vote, first a probe of its own, or no vote at all (silence keeps the proposer's
/// evidence: it asks again after its wait, <see cref="RemovalRetry"/>).</summary>
public enum VoteDecision : byte { Yes, No, ProbeFirst, Abstain }

/// <summary>
/// R4/R12: how a seed votes on a membership change, a pure function of what it holds and what
/// its own probe saw. An add gets a yes unless a newer incarnation is registered. A removal of
/// a live peer gets a vote only after this seed's own probe: yes when the probe goes
/// unanswered, no when the peer answers; of a peer this seed does not know, none. So no number of reporters, and no goodbye forged in
/// a peer's name, can remove a peer that answers a majority of seeds.
/// </summary>
public static class VoteRule
{
    public const string NoAnswer = "no answer to my probe";
    public const string UnknownPeer = "a peer not known here (yet)";

    public static (VoteDecision Decision, string Reason) Decide(
        MembershipChange change, long proposedIncarnation, MemberStatus status, long heldIncarnation, ProbeOutcome probe)
    {
        bool newerHeld = status != MemberStatus.Unknown && heldIncarnation > proposedIncarnation;
        if (change == MembershipChange.Add)
            return newerHeld ? (VoteDecision.No, $"a newer incarnation {heldIncarnation} is registered") : (VoteDecision.Yes, "new peer");
        // Unknown here: a seed still catching up (voted in, or restarted) may not hold a member yet, and its no would end a removal
        // the seeds up need every vote for (a seed voted in while another is down: swarm seed 12, run 2032). It says nothing, so the
        // proposer asks again once anti-entropy has brought the member. Not a yes, nor a probe: a seed proposing removals of
        // addresses nobody lists would have the others probe them and keep their removals for ever.
        if (status == MemberStatus.Unknown) return (VoteDecision.Abstain, UnknownPeer);
        if (status == MemberStatus.Removed || newerHeld) return (VoteDecision.Yes, "already removed here");
        return probe switch
        {
            ProbeOutcome.Answered => (VoteDecision.No, "it answered my probe"),
            ProbeOutcome.Silent => (VoteDecision.Yes, NoAnswer),
            _ => (VoteDecision.ProbeFirst, "probing it first"),
        };
    }
}
