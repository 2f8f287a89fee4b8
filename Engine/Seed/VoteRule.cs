using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Seed;

/// <summary>What a seed knows of the peer a proposal is about.</summary>
public enum MemberStatus : byte { Unknown, Live, Removed }

/// <summary>How this seed's own probe of a peer ended (removals only).</summary>
public enum ProbeOutcome : byte { NotProbed, Answered, Silent }

/// <summary>A seed's decision on a proposal: a vote, or first a probe of its own.</summary>
public enum VoteDecision : byte { Yes, No, ProbeFirst }

/// <summary>
/// R4/R12: how a seed votes on a membership change, a pure function of what it holds and what
/// its own probe saw. An add gets a yes unless a newer incarnation is registered. A removal of
/// a live peer gets a vote only after this seed's own probe: yes when the probe goes
/// unanswered, no when the peer answers. So no number of reporters, and no goodbye forged in
/// a peer's name, can remove a peer that answers a majority of seeds.
/// </summary>
public static class VoteRule
{
    public const string NoAnswer = "no answer to my probe";

    public static (VoteDecision Decision, string Reason) Decide(
        MembershipChange change, long proposedIncarnation, MemberStatus status, long heldIncarnation, ProbeOutcome probe)
    {
        bool newerHeld = status != MemberStatus.Unknown && heldIncarnation > proposedIncarnation;
        if (change == MembershipChange.Add)
            return newerHeld ? (VoteDecision.No, $"a newer incarnation {heldIncarnation} is registered") : (VoteDecision.Yes, "new peer");
        if (status == MemberStatus.Unknown) return (VoteDecision.No, "unknown peer");
        if (status == MemberStatus.Removed || newerHeld) return (VoteDecision.Yes, "already removed here");
        return probe switch
        {
            ProbeOutcome.Answered => (VoteDecision.No, "it answered my probe"),
            ProbeOutcome.Silent => (VoteDecision.Yes, NoAnswer),
            _ => (VoteDecision.ProbeFirst, "probing it first"),
        };
    }
}
