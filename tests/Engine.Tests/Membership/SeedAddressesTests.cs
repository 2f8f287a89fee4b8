using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;
using static GossipSim.Engine.Membership.SeedMoveVerdict;

namespace GossipSim.Engine.Tests.Membership;

/// <summary>Issue 56, 1: a seed is known by its key; its signed, numbered word on its address moves it, and nothing else does.</summary>
public class SeedAddressesTests
{
    private static readonly NodeAddress Seed1 = NodeAddress.Parse("10.0.0.1:5001");
    private static readonly NodeAddress Seed2 = NodeAddress.Parse("10.0.0.2:5001");
    private static readonly NodeAddress NewPlace = NodeAddress.Parse("10.0.0.9:6001");
    private static readonly NodeAddress OtherPlace = NodeAddress.Parse("10.0.0.9:6002");

    //        listed, signed, known at (null: none), known life, at, life, another seed's address, verdict
    [TestCase(true, true, null, 0L, "10.0.0.9:6001", 7L, false, Taken, TestName = "AFirstSignedWord_IsTaken")]
    [TestCase(false, true, null, 0L, "10.0.0.9:6001", 7L, false, NotASeed, TestName = "AWordNamingNoSeedOfTheList_IsRefused")]
    [TestCase(true, false, null, 0L, "10.0.0.9:6001", 7L, false, NotSigned, TestName = "AWordNotSignedByThePinnedKey_IsRefused")]
    [TestCase(false, false, null, 0L, "10.0.0.9:6001", 7L, false, NotASeed)]
    [TestCase(true, true, null, 0L, "10.0.0.2:5001", 7L, true, AnotherSeedsAddress, TestName = "AWordClaimingAnotherSeedsAddress_IsRefused")]
    [TestCase(true, true, "10.0.0.9:6001", 7L, "10.0.0.9:6002", 8L, false, Taken, TestName = "ALaterLifesWord_MovesItAgain")]
    [TestCase(true, true, "10.0.0.9:6001", 7L, "10.0.0.1:5001", 8L, false, Taken, TestName = "ALaterLifesWordAtItsListedAddress_TakesItHome")]
    [TestCase(true, true, "10.0.0.9:6002", 8L, "10.0.0.9:6001", 7L, false, Stale, TestName = "AnOlderLifesWord_Replayed_IsRefused")]
    [TestCase(true, true, "10.0.0.9:6002", 8L, "10.0.0.9:6001", 8L, false, Stale, TestName = "TheSameLifeAtAnotherAddress_IsRefused")]
    [TestCase(true, true, "10.0.0.9:6001", 7L, "10.0.0.9:6001", 7L, false, AlreadyKnown, TestName = "TheSameWordAgain_ChangesNothing")]
    [TestCase(true, false, "10.0.0.9:6001", 7L, "10.0.0.9:6002", 9L, false, NotSigned, TestName = "ALaterWordUnderAnotherKey_IsRefused")]
    public void Judge(bool listed, bool signed, string? knownAt, long knownLife, string at, long life, bool othersAddress, SeedMoveVerdict verdict)
    {
        (NodeAddress, long)? known = knownAt != null ? (NodeAddress.Parse(knownAt), knownLife) : null;
        Assert.That(SeedMoveRules.Judge(listed, signed, known, NodeAddress.Parse(at), life, othersAddress), Is.EqualTo(verdict));
    }

    //        at its listed address, proves keys, announces
    [TestCase(false, false, true, TestName = "ASimulatedSeedAwayFromItsListedAddress_Announces")]
    [TestCase(true, false, false, TestName = "ASimulatedSeedAtItsListedAddress_SendsNothingNew")]
    [TestCase(false, true, true)]
    [TestCase(true, true, true, TestName = "ARealSeedAnnouncesEvenAtHome_SoOneThatComesBackIsTakenBack")]
    public void Announces(bool home, bool provesKeys, bool announces) =>
        Assert.That(SeedMoveRules.Announces(home, provesKeys), Is.EqualTo(announces));

    private static bool IsSeed(NodeAddress a) => a == Seed1 || a == Seed2;

    private static SeedMoved Word(NodeAddress seed, NodeAddress at, long life) => new(seed, at, life, []);

    [Test]
    public void OnlyAWordThatWouldMoveTheSeed_HasItsSignatureChecked()
    {
        var seeds = new SeedAddresses();
        var checkedLives = new List<long>();
        bool Verify(SeedMoved w) { checkedLives.Add(w.Sequence); return true; }
        Assert.That(seeds.Take(Word(Seed1, NewPlace, 7), IsSeed, Verify), Is.EqualTo(Taken));
        Assert.That(seeds.Take(Word(Seed1, NewPlace, 7), IsSeed, Verify), Is.EqualTo(AlreadyKnown), "heard again at a refresh");
        Assert.That(seeds.Take(Word(Seed1, OtherPlace, 6), IsSeed, Verify), Is.EqualTo(Stale));
        Assert.That(seeds.Take(Word(NodeAddress.Parse("10.0.0.3:5001"), NewPlace, 9), IsSeed, Verify), Is.EqualTo(NotASeed));
        Assert.That(seeds.Take(Word(Seed1, OtherPlace, 8), IsSeed, Verify), Is.EqualTo(Taken));
        Assert.That(checkedLives, Is.EqualTo(new[] { 7L, 8L }), "a repeat, an older life and a seed not listed cost no check");
    }

    [Test]
    public void AMovedSeed_IsSentToAtItsNewAddress_AndWhatComesFromThereIsItsName()
    {
        var seeds = new SeedAddresses();
        Assert.That(seeds.AddressOf(Seed1), Is.EqualTo(Seed1), "where the list says, before any word");

        Assert.That(seeds.Take(Word(Seed1, NewPlace, 7), IsSeed, signed: true), Is.EqualTo(Taken));

        Assert.That(seeds.AddressOf(Seed1), Is.EqualTo(NewPlace));
        Assert.That(seeds.NameOf(NewPlace), Is.EqualTo(Seed1));
        Assert.That(seeds.NameOf(Seed2), Is.EqualTo(Seed2), "another address is itself");
        Assert.That(seeds.AddressOf(Seed2), Is.EqualTo(Seed2));
    }

    [Test]
    public void AnOldWord_ReplayedAfterANewerMove_ChangesNothing()
    {
        var seeds = new SeedAddresses();
        seeds.Take(Word(Seed1, NewPlace, 7), IsSeed, signed: true);
        seeds.Take(Word(Seed1, OtherPlace, 8), IsSeed, signed: true);

        Assert.That(seeds.Take(Word(Seed1, NewPlace, 7), IsSeed, signed: true), Is.EqualTo(Stale));

        Assert.That(seeds.AddressOf(Seed1), Is.EqualTo(OtherPlace));
        Assert.That(seeds.NameOf(NewPlace), Is.EqualTo(NewPlace), "the old address speaks for nobody now");
        Assert.That(seeds.NameOf(OtherPlace), Is.EqualTo(Seed1));
    }

    [Test]
    public void ASeedThatComesHome_IsSentToAtItsListedAddress_AndItsLastPlaceIsNobodys()
    {
        var seeds = new SeedAddresses();
        seeds.Take(Word(Seed1, NewPlace, 7), IsSeed, signed: true);

        Assert.That(seeds.Take(Word(Seed1, Seed1, 8), IsSeed, signed: true), Is.EqualTo(Taken));

        Assert.That(seeds.AddressOf(Seed1), Is.EqualTo(Seed1));
        Assert.That(seeds.NameOf(NewPlace), Is.EqualTo(NewPlace));
        Assert.That(seeds.Take(Word(Seed1, NewPlace, 7), IsSeed, signed: true), Is.EqualTo(Stale), "the move before it, replayed");
    }

    [Test]
    public void ASeed_CannotTakeTheAddressAnotherMovedSeedHolds()
    {
        var seeds = new SeedAddresses();
        seeds.Take(Word(Seed1, NewPlace, 7), IsSeed, signed: true);

        Assert.That(seeds.Take(Word(Seed2, NewPlace, 9), IsSeed, signed: true), Is.EqualTo(AnotherSeedsAddress));
        Assert.That(seeds.Take(Word(Seed2, Seed1, 9), IsSeed, signed: true), Is.EqualTo(AnotherSeedsAddress));

        Assert.That(seeds.NameOf(NewPlace), Is.EqualTo(Seed1));
        Assert.That(seeds.AddressOf(Seed2), Is.EqualTo(Seed2));
    }

    [Test]
    public void AnUnsignedWord_OrOneNamingNoSeed_MovesNothing()
    {
        var seeds = new SeedAddresses();

        Assert.That(seeds.Take(Word(Seed1, NewPlace, 7), IsSeed, signed: false), Is.EqualTo(NotSigned));
        Assert.That(seeds.Take(Word(NewPlace, OtherPlace, 7), IsSeed, signed: true), Is.EqualTo(NotASeed));

        Assert.That(seeds.Count, Is.Zero);
        Assert.That(seeds.AddressOf(Seed1), Is.EqualTo(Seed1));
    }
}
