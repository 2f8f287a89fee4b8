using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.Trust;

/// <summary>
/// A commit applies only with the yes votes of a majority of distinct listed seeds, each of which
/// verifies (here with the simulator's structural identity: an empty signature is the signer's).
/// </summary>
public class CommitCheckTests
{
    private static readonly NodeAddress[] Seeds = new[] { "10.0.0.1:5001", "10.0.0.2:5001", "10.0.0.3:5001" }.Select(NodeAddress.Parse).ToArray();
    private static readonly NodeAddress Outsider = NodeAddress.Parse("10.0.0.9:5001");
    private static readonly PeerId Peer = new(NodeAddress.Parse("10.1.0.1:7000"), 5);

    /// <param name="voters">Seeds by position (9: an address not in the list); a negative position is that seed with a non-empty signature.</param>
    [TestCase(MembershipChange.Add, new[] { 0, 1 }, null)]
    [TestCase(MembershipChange.Remove, new[] { 2, 0, 1 }, null)]
    [TestCase(MembershipChange.Remove, new[] { 0 }, "only 1 of 3 seeds' votes (majority is 2)")]
    [TestCase(MembershipChange.Remove, new int[0], "only 0 of 3 seeds' votes (majority is 2)")]
    [TestCase(MembershipChange.Remove, new[] { 0, 0 }, "two votes from 10.0.0.1:5001")]
    [TestCase(MembershipChange.Add, new[] { 0, 9 }, "a vote from 10.0.0.9:5001, which is not a seed")]
    [TestCase(MembershipChange.Add, new[] { 0, -1 }, "the vote of 10.0.0.2:5001 does not verify")]
    public void Verify_CountsDistinctListedSeedsWhoseVotesVerify(MembershipChange change, int[] voters, string? expected)
    {
        var votes = voters.Select(v => new SignedVote(v == 9 ? Outsider : Seeds[Math.Abs(v)], v < 0 ? [1] : [])).ToArray();
        var op = new CommittedOp(Seeds[0], 1, 1, new MembershipOp(change, Peer), new CommitProof(null, votes));
        Assert.That(CommitCheck.Verify(op, Seeds, null, new StructuralIdentity()), Is.EqualTo(expected));
    }

    private static readonly NodeAddress S4 = NodeAddress.Parse("10.0.0.4:5001");
    private static readonly NodeAddress S5 = NodeAddress.Parse("10.0.0.5:5001");

    /// <summary>Growing 3 to 5 (issue 56, 2): version 1 joint (five, with the three leaving), version 2 the five alone.</summary>
    private static SeedSetHistory Grown() =>
        SeedSetHistory.Starting(Seeds).Then(new SeedSet(1, [.. Seeds, S4, S5], Seeds)).Then(new SeedSet(2, [.. Seeds, S4, S5]));

    /// <param name="voters">1-5: the seeds 10.0.0.N; 9: an address that is no seed at any version.</param>
    [TestCase(1L, new[] { 1, 2, 4 }, null, TestName = "Joint_AMajorityOfEachSet_Proves")]
    [TestCase(1L, new[] { 1, 4, 5 }, "only 3 votes at version 1", TestName = "Joint_AMajorityOfTheNewSetAlone_DoesNot")]
    [TestCase(2L, new[] { 3, 4, 5 }, null, TestName = "TheGrownSet_ThreeOfFive_Prove_WithOnlyOneOfTheFirstThree")]
    [TestCase(2L, new[] { 1, 2 }, "only 2 votes at version 2", TestName = "TheGrownSet_TwoOfFive_DoNot")]
    [TestCase(0L, new[] { 4, 5 }, "a vote from 10.0.0.4:5001, which is no seed at version 0", TestName = "AtVersion0_TheSeedsAddedLater_AreNoSeeds")]
    [TestCase(2L, new[] { 3, 4, 9 }, "which is no seed at version 2", TestName = "AVoteFromOutsideTheSetOfItsVersion_IsRefused")]
    [TestCase(3L, new[] { 1, 2, 3 }, "version 3, which I have not learned (I know up to version 2)",
        TestName = "AVersionNotYetLearned_IsRefused_SayingSo")]
    public void Verify_CountsTheVotesAgainstTheSetOfTheirVersion(long version, int[] voters, string? expected)
    {
        var votes = voters.Select(n => new SignedVote(NodeAddress.Parse($"10.0.0.{n}:5001"), [])).ToArray();
        var op = new CommittedOp(Seeds[0], 1, 1, new MembershipOp(MembershipChange.Add, Peer), new CommitProof(null, votes, version));
        string? why = CommitCheck.Verify(op, Seeds, Grown(), new StructuralIdentity());
        if (expected == null) Assert.That(why, Is.Null);
        else Assert.That(why, Does.Contain(expected));
    }

    [Test]
    public void ANodeThatLearnedNoVersion_RefusesAProofFromALaterOne()
    {
        var votes = new[] { new SignedVote(Seeds[0], []), new SignedVote(Seeds[1], []) };
        var op = new CommittedOp(Seeds[0], 1, 1, new MembershipOp(MembershipChange.Add, Peer), new CommitProof(null, votes, 1));
        Assert.That(CommitCheck.Verify(op, Seeds, null, new StructuralIdentity()), Does.Contain("I know up to version 0"));
    }

    [Test]
    public void Verify_RefusesACommitWithoutProof_AndARemovalThatBindsAKey()
    {
        var identity = new StructuralIdentity();
        var bare = new CommittedOp(Seeds[0], 1, 1, new MembershipOp(MembershipChange.Add, Peer));
        Assert.That(CommitCheck.Verify(bare, Seeds, null, identity), Is.EqualTo("it carries no votes"));
        var keyed = bare with { Op = new MembershipOp(MembershipChange.Remove, Peer), Proof = new CommitProof(new NodeKey([4, 2]), [new SignedVote(Seeds[0], []), new SignedVote(Seeds[1], [])]) };
        Assert.That(CommitCheck.Verify(keyed, Seeds, null, identity), Is.EqualTo("a removal that binds a key"));
    }

    [Test]
    public void StructuralIdentity_SharesOneProofPerSetOfVoters()
    {
        var identity = new StructuralIdentity();
        SignedVote[] Votes(params int[] p) => p.Select(i => new SignedVote(Seeds[i], [])).ToArray();
        var first = identity.Seal(null, Votes(0, 1));
        Assert.That(identity.Seal(null, Votes(0, 1)), Is.SameAs(first));
        Assert.That(identity.Seal(null, Votes(0, 2)), Is.Not.SameAs(first));
        Assert.That(identity.Seal(new NodeKey([4]), Votes(0, 1)), Is.Not.SameAs(first), "a proof that binds a key is its own");
    }
}
