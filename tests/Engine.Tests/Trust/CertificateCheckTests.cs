using GossipSim.Engine.Trust;
using System.Text;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.Trust;

/// <summary>
/// A membership certificate proves that a member was admitted with a key: it is shown for that
/// member's address, binds the key its sender proved, and carries a majority of listed seeds'
/// votes over exactly that add. The votes here are made by <see cref="SignedText"/>, whose
/// signature is the text of what it signs, so any change of operation, address, incarnation
/// or key makes a vote fail as a real signature would.
/// </summary>
public class CertificateCheckTests
{
    private static readonly NodeAddress[] Seeds = new[] { "10.0.0.1:5001", "10.0.0.2:5001", "10.0.0.3:5001" }.Select(NodeAddress.Parse).ToArray();
    private static readonly NodeAddress Outsider = NodeAddress.Parse("10.0.0.9:5001");
    private static readonly NodeAddress Member = NodeAddress.Parse("10.1.0.1:7000");
    private static readonly NodeAddress OtherMember = NodeAddress.Parse("10.1.0.2:7000");
    private static readonly NodeKey Key = new([4, 1, 1]);
    private static readonly NodeKey OtherKey = new([4, 2, 2]);

    public enum Shown { Valid, None, Minority, SignedBySeedAndOutsider, OneSeedTwice, ForAnotherAddress, OtherIncarnation, TheRemovalsProof, AVoteForAnotherKey }

    [TestCase(Shown.Valid, "key", CertificateVerdict.Valid)]
    [TestCase(Shown.None, "key", CertificateVerdict.Missing)]
    [TestCase(Shown.Valid, "other", CertificateVerdict.OtherKey)]
    [TestCase(Shown.Valid, "none", CertificateVerdict.OtherKey)]
    [TestCase(Shown.Minority, "key", CertificateVerdict.VotesFail)]
    [TestCase(Shown.SignedBySeedAndOutsider, "key", CertificateVerdict.VotesFail)]
    [TestCase(Shown.OneSeedTwice, "key", CertificateVerdict.VotesFail)]
    [TestCase(Shown.ForAnotherAddress, "key", CertificateVerdict.VotesFail)]
    [TestCase(Shown.OtherIncarnation, "key", CertificateVerdict.VotesFail)]
    [TestCase(Shown.TheRemovalsProof, "key", CertificateVerdict.VotesFail)]
    [TestCase(Shown.AVoteForAnotherKey, "key", CertificateVerdict.VotesFail)]
    public void Decide(Shown shown, string proven, CertificateVerdict expected)
    {
        var provenKey = proven switch { "key" => Key, "other" => OtherKey, _ => null };
        var verdict = CertificateCheck.Decide(Member, Certificate(shown), provenKey, Seeds, null, new SignedText(), out var why);
        Assert.That(verdict, Is.EqualTo(expected), why);
        Assert.That(why, expected == CertificateVerdict.Valid ? Is.Null : Is.Not.Empty);
    }

    [Test]
    public void Decide_SaysWhyAMinorityFails()
    {
        CertificateCheck.Decide(Member, Certificate(Shown.Minority), Key, Seeds, null, new SignedText(), out var why);
        Assert.That(why, Is.EqualTo("its certificate (incarnation 5) does not prove it: only 1 of 3 seeds' votes (majority is 2)"));
    }

    [Test]
    public void InTheSimulator_ACertificateOfAMajorityOfEmptyVotes_IsValid_ForNoKey()
    {
        var proof = new StructuralIdentity().Seal(null, [new SignedVote(Seeds[0], []), new SignedVote(Seeds[2], [])]);
        var verdict = CertificateCheck.Decide(Member, new MembershipCertificate(5, proof), null, Seeds, null, StructuralIdentity.ForPeers, out _);
        Assert.That(verdict, Is.EqualTo(CertificateVerdict.Valid));
    }

    private static MembershipCertificate Certificate(Shown shown)
    {
        var add = new MembershipOp(MembershipChange.Add, new PeerId(Member, 5));
        SignedVote Vote(NodeAddress seed, MembershipOp op, NodeKey? key) => new(seed, SignedText.Of(seed, op, key));
        CommitProof Proof(params SignedVote[] votes) => new(Key, votes);
        return shown switch
        {
            Shown.Valid or Shown.OtherIncarnation => new(shown == Shown.Valid ? 5 : 6, Proof(Vote(Seeds[0], add, Key), Vote(Seeds[1], add, Key))),
            Shown.None => MembershipCertificate.None,
            Shown.Minority => new(5, Proof(Vote(Seeds[0], add, Key))),
            Shown.SignedBySeedAndOutsider => new(5, Proof(Vote(Seeds[0], add, Key), Vote(Outsider, add, Key))),
            Shown.OneSeedTwice => new(5, Proof(Vote(Seeds[0], add, Key), Vote(Seeds[0], add, Key))),
            Shown.ForAnotherAddress => new(5, Proof(Vote(Seeds[0], add with { Peer = new PeerId(OtherMember, 5) }, Key), Vote(Seeds[1], add with { Peer = new PeerId(OtherMember, 5) }, Key))),
            Shown.TheRemovalsProof => new(5, Proof(Vote(Seeds[0], add with { Change = MembershipChange.Remove }, null), Vote(Seeds[1], add with { Change = MembershipChange.Remove }, null))),
            Shown.AVoteForAnotherKey => new(5, Proof(Vote(Seeds[0], add, Key), Vote(Seeds[1], add, OtherKey))),
            _ => throw new ArgumentOutOfRangeException(nameof(shown)),
        };
    }

    /// <summary>A stand-in whose signature is the text of what was signed, by whom: it verifies only an exact match.</summary>
    internal sealed class SignedText : ISeedIdentity
    {
        public static byte[] Of(NodeAddress seed, in MembershipOp op, NodeKey? key) => Encoding.UTF8.GetBytes($"{seed} {op} {key?.ToBase64()}");

        public byte[] Sign(in MembershipOp op, NodeKey? peerKey, long setVersion = 0) => throw new NotSupportedException("votes are made by the test");

        public bool Verify(NodeAddress seed, in MembershipOp op, NodeKey? peerKey, ReadOnlySpan<byte> signature, long setVersion = 0) => signature.SequenceEqual(Of(seed, op, peerKey));

        public static byte[] Of(NodeAddress seed, in PeerId member, TimeSpan validUntil) => Encoding.UTF8.GetBytes($"{seed} renews {member} until {validUntil.Ticks}");

        public byte[] SignRenewal(in PeerId member, TimeSpan validUntil) => throw new NotSupportedException("renewals are made by the test");

        public bool VerifyRenewal(NodeAddress seed, in PeerId member, TimeSpan validUntil, ReadOnlySpan<byte> signature) => signature.SequenceEqual(Of(seed, member, validUntil));

        public bool Vouched(NodeAddress seed) => true;

        public void Bind(NodeAddress peer, NodeKey key) { }

        public void Unbind(NodeAddress peer) { }
    }
}
