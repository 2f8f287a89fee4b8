using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;
using GossipSim.RealNet.Security;
using GossipSim.RealNet.Transport;

namespace GossipSim.RealNet.Tests.Transport;

/// <summary>Issue 56, 1: what only seeds send is taken from the list's addresses, or from a connection that proved a key the list pins,
/// wherever it comes from; an address alone proves nothing when the list pins no key.</summary>
public class SenderPolicyTests
{
    private static readonly NodeAddress Listed = NodeAddress.Parse("127.0.0.1:5001");
    private static readonly NodeAddress Elsewhere = NodeAddress.Parse("127.0.0.1:6001");
    private static readonly NodeIdentity SeedKey = NodeIdentity.Ephemeral();
    private static readonly NodeIdentity OtherKey = NodeIdentity.Ephemeral();

    //        role, from the list's address, the key proven (0 none, 1 the pinned seed's, 2 another), the list pins it, taken
    [TestCase("seed", true, 0, true, true, TestName = "AtASeed_FromTheListsAddress_Taken")]
    [TestCase("seed", false, 1, true, true, TestName = "AtASeed_FromANewAddress_ThatProvedThePinnedKey_Taken")]
    [TestCase("seed", false, 2, true, false, TestName = "AtASeed_FromANewAddress_ThatProvedAnotherKey_Refused")]
    [TestCase("seed", false, 0, true, false, TestName = "AtASeed_FromANewAddress_ThatProvedNoKeyYet_Refused")]
    [TestCase("seed", false, 1, false, false, TestName = "AtASeed_FromANewAddress_WhenTheListPinsNoKey_Refused")]
    [TestCase("peer", false, 1, true, true, TestName = "AtAPeer_ASeedReplyFromANewAddress_ThatProvedThePinnedKey_Taken")]
    [TestCase("peer", false, 2, true, false, TestName = "AtAPeer_ASeedReplyFromANewAddress_ThatProvedAnotherKey_Refused")]
    public void SeedOnlyMessages(string role, bool fromListed, int proven, bool pinned, bool taken)
    {
        NodeKey[] pins = pinned ? [SeedKey.PublicKey] : [];
        var policy = role == "seed" ? SenderPolicy.ForSeed([Listed], pins) : SenderPolicy.ForPeer([Listed], pins);
        var kind = role == "seed" ? MessageKind.Commit : MessageKind.RemovalNotice;
        var key = proven switch { 1 => SeedKey.PublicKey, 2 => OtherKey.PublicKey, _ => null };

        string? refusal = policy.Refusal(fromListed ? Listed : Elsewhere, kind, key);

        Assert.That(refusal, taken ? Is.Null : Does.Contain("which is not in the seed list"));
    }

    [TestCase("seed", 0, false, TestName = "ASeedsWord_AtASeed_FromAMemberOrOutsider_Refused")]
    [TestCase("seed", 1, true, TestName = "ASeedsWord_AtASeed_FromTheSeedAtItsNewAddress_Taken")]
    [TestCase("peer", 2, false, TestName = "ASeedsWord_AtAPeer_FromAnotherKey_Refused")]
    [TestCase("peer", 1, true, TestName = "ASeedsWord_AtAPeer_PassedOnByASeed_Taken")]
    public void ASeedsWordOnWhereItIs_IsTakenFromSeedsOnly(string role, int proven, bool taken)
    {
        var policy = role == "seed" ? SenderPolicy.ForSeed([Listed], [SeedKey.PublicKey]) : SenderPolicy.ForPeer([Listed], [SeedKey.PublicKey]);
        var key = proven switch { 1 => SeedKey.PublicKey, 2 => OtherKey.PublicKey, _ => null };
        Assert.That(policy.Refusal(Elsewhere, MessageKind.SeedMoved, key), taken ? Is.Null : Does.Contain("which is not in the seed list"));
        // A seed whose list differs sends its word to the seeds its list names: dropped there, its connection kept for the seed-list
        // check that tells it so (SeedListAgreementTests); nobody honest sends one to a peer.
        Assert.That(policy.ClosesOnRefusal(MessageKind.SeedMoved), Is.EqualTo(role == "peer"));
    }

    [Test]
    public void WhatANodeNeverReceives_IsRefused_WhateverKeyItsSenderProved() =>
        Assert.That(SenderPolicy.ForSeed([Listed], [SeedKey.PublicKey]).Refusal(Listed, MessageKind.Gossip, SeedKey.PublicKey),
            Does.Contain("a seed never receives it"));

    [TestCase("seed", TestName = "ASeedBroughtInByAStep_IsTakenAsASeed_AtASeed_ByItsAddressAndItsKey")]
    [TestCase("peer", TestName = "ASeedBroughtInByAStep_IsTakenAsASeed_AtAPeer_ByItsAddressAndItsKey")]
    public void AdmittedSeeds(string role)
    {
        var policy = role == "seed" ? SenderPolicy.ForSeed([Listed], [SeedKey.PublicKey]) : SenderPolicy.ForPeer([Listed], [SeedKey.PublicKey]);
        var kind = role == "seed" ? MessageKind.SeedSetVote : MessageKind.SeedSetStep;
        Assert.That(policy.Refusal(Elsewhere, kind, OtherKey.PublicKey), Does.Contain("which is not in the seed list"), "before the step");

        policy.Admit(Elsewhere, OtherKey.PublicKey);

        Assert.That(policy.Refusal(Elsewhere, kind), Is.Null, "by its address");
        Assert.That(policy.Refusal(NodeAddress.Parse("127.0.0.1:7001"), kind, OtherKey.PublicKey), Is.Null, "by its key, moved");
        Assert.That(policy.Refusal(NodeAddress.Parse("127.0.0.1:7002"), kind, NodeIdentity.Ephemeral().PublicKey),
            Does.Contain("which is not in the seed list"), "anyone else still refused");
    }
}
