using GossipSim.Engine.Messages;
using GossipSim.Engine.Seed;
using static GossipSim.Engine.Vocabulary.MembershipChange;
using static GossipSim.Engine.Seed.MemberStatus;
using static GossipSim.Engine.Seed.ProbeOutcome;
using static GossipSim.Engine.Seed.VoteDecision;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

/// <summary>R4/R12: how a seed votes. A removal of a live peer is voted only after the seed's own probe: yes when silent, no when answered.</summary>
public class VoteRuleTests
{
    //        change, proposed, status, held, probe, decision, reason starts with
    [TestCase(Add, 1, Unknown, 0, NotProbed, Yes, "new peer", TestName = "Add_OfANewPeer_Yes")]
    [TestCase(Add, 2, Live, 1, NotProbed, Yes, "new peer", TestName = "Add_OfANewerIncarnation_Yes")]
    [TestCase(Add, 1, Live, 1, NotProbed, Yes, "new peer", TestName = "Add_OfTheSameIncarnation_Yes_Idempotent")]
    [TestCase(Add, 1, Removed, 1, NotProbed, Yes, "new peer")]
    [TestCase(Add, 1, Live, 2, NotProbed, No, "a newer incarnation 2", TestName = "Add_OfAnOlderIncarnation_No")]
    [TestCase(Add, 1, Removed, 2, NotProbed, No, "a newer incarnation 2")]
    [TestCase(Remove, 1, Unknown, 0, NotProbed, Abstain, "a peer not known here", TestName = "Remove_OfAPeerNotKnownHere_NoVote")]
    [TestCase(Remove, 1, Removed, 1, NotProbed, Yes, "already removed", TestName = "Remove_OfAPeerRemovedHere_YesWithoutAProbe")]
    [TestCase(Remove, 1, Live, 2, NotProbed, Yes, "already removed", TestName = "Remove_OfAnOlderIncarnation_YesWithoutAProbe")]
    [TestCase(Remove, 1, Live, 1, NotProbed, ProbeFirst, "probing", TestName = "Remove_OfALivePeer_ProbesFirst")]
    [TestCase(Remove, 2, Live, 1, NotProbed, ProbeFirst, "probing")]
    [TestCase(Remove, 1, Live, 1, Answered, No, "it answered my probe", TestName = "Remove_WhenItAnswersMyProbe_No")]
    [TestCase(Remove, 1, Live, 1, Silent, Yes, "no answer to my probe", TestName = "Remove_WhenMyProbeGoesUnanswered_Yes")]
    public void Decide(MembershipChange change, long proposed, MemberStatus status, long held, ProbeOutcome probe, VoteDecision decision, string reason)
    {
        var (d, why) = VoteRule.Decide(change, proposed, status, held, probe);
        Assert.That(d, Is.EqualTo(decision));
        Assert.That(why, Does.StartWith(reason));
    }
}
