using GossipSim.Engine.Roles;
using GossipSim.Engine.Core;
using GossipSim.Engine.HyParView;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.HyParView;

/// <summary>HyParView's decisions, one table each (Leitão, Pereira and Rodrigues, DSN 2007, section 4; ARWL 6, PRWL 3, active view 5).</summary>
public class HyParViewRulesTests
{
    [TestCase(6, 5, 3, ForwardJoinStep.Forward, TestName = "A fresh walk is passed on")]
    [TestCase(3, 5, 3, ForwardJoinStep.KeepAndForward, TestName = "At the passive walk's step the newcomer is kept passive and the walk goes on")]
    [TestCase(1, 5, 3, ForwardJoinStep.Forward, TestName = "Past the passive step the walk goes on")]
    [TestCase(0, 5, 3, ForwardJoinStep.Link, TestName = "The walk's last step links to the newcomer")]
    [TestCase(4, 1, 3, ForwardJoinStep.Link, TestName = "A peer whose only link is the walk's way in links to the newcomer")]
    [TestCase(3, 1, 3, ForwardJoinStep.Link, TestName = "Linking wins over keeping passive")]
    [TestCase(-1, 5, 3, ForwardJoinStep.Link, TestName = "A walk forged with a negative count ends at once")]
    public void OnForwardJoin(int ttl, int links, int passiveWalk, ForwardJoinStep expected) =>
        Assert.That(HyParViewRules.OnForwardJoin(ttl, links, passiveWalk), Is.EqualTo(expected));

    [TestCase(NeighbourAsk.Join, 5, true, TestName = "A JOIN is accepted at a full view")]
    [TestCase(NeighbourAsk.ForwardJoin, 5, true, TestName = "A walk's end is accepted at a full view")]
    [TestCase(NeighbourAsk.High, 5, true, TestName = "A peer with no link left is accepted at a full view")]
    [TestCase(NeighbourAsk.Low, 5, false, TestName = "A low-priority request is refused at a full view")]
    [TestCase(NeighbourAsk.Low, 4, true, TestName = "A low-priority request is accepted while there is room")]
    public void Accepts(NeighbourAsk ask, int links, bool expected) =>
        Assert.That(HyParViewRules.Accepts(ask, links, activeSize: 5), Is.EqualTo(expected));

    [TestCase(0, NeighbourAsk.High, TestName = "No link left: high priority")]
    [TestCase(1, NeighbourAsk.Low, TestName = "Some link left: low priority")]
    public void PromotionAsk(int links, NeighbourAsk expected) => Assert.That(HyParViewRules.PromotionAsk(links), Is.EqualTo(expected));

    [TestCase(4, 0, true, TestName = "Room in the view: ask")]
    [TestCase(4, 1, false, TestName = "The request out fills it: do not ask again")]
    [TestCase(5, 0, false, TestName = "A full view asks nobody")]
    public void WantsPromotion(int links, int pending, bool expected) =>
        Assert.That(HyParViewRules.WantsPromotion(links, pending, activeSize: 5), Is.EqualTo(expected));

    [TestCase(0, 5, true, TestName = "A SHUFFLE out of steps is answered here")]
    [TestCase(3, 1, true, TestName = "A SHUFFLE at a peer with one link is answered here")]
    [TestCase(3, 5, false, TestName = "A SHUFFLE with steps left walks on")]
    public void ShuffleEndsHere(int ttl, int links, bool expected) => Assert.That(HyParViewRules.ShuffleEndsHere(ttl, links), Is.EqualTo(expected));

    [Test]
    public void EntryToDrop_PrefersAnEntryJustSentAway()
    {
        var passive = new[] { NodeAddress.Parse("10.0.0.1:1"), NodeAddress.Parse("10.0.0.2:2"), NodeAddress.Parse("10.0.0.3:3") };
        Assert.That(HyParViewRules.EntryToDrop(passive, [passive[2]], new Rng(1)), Is.EqualTo(2));
    }

    [Test]
    public void EntryToDrop_WithNothingSentAway_DrawsEveryEntry()
    {
        var passive = Enumerable.Range(1, 4).Select(i => NodeAddress.Parse($"10.0.0.{i}:1")).ToArray();
        var rng = new Rng(7);
        var drawn = Enumerable.Range(0, 200).Select(_ => HyParViewRules.EntryToDrop(passive, null, rng)).ToHashSet();
        Assert.That(drawn, Is.EquivalentTo(new[] { 0, 1, 2, 3 }));
    }

    [Test]
    public void EntryToDrop_FromAnEmptyView_IsAProgrammingError() =>
        Assert.That(() => HyParViewRules.EntryToDrop([], null, new Rng(1)), Throws.ArgumentException);

    [Test]
    public void ContactOf_DrawsOnlyLinkedCandidates_WhenThereAreAny()
    {
        var rng = new Rng(3);
        var drawn = Enumerable.Range(0, 300).Select(_ => HyParViewRules.ContactOf([0, 2, 0, 5, 0], rng)).ToHashSet();
        Assert.That(drawn, Is.EquivalentTo(new[] { 1, 3 }), "the newcomers (degree 0) are never the contact");
    }

    [Test]
    public void ContactOf_DrawsAnyCandidate_WhileNoneIsLinked_AndNoneFromNothing()
    {
        var rng = new Rng(3);
        var drawn = Enumerable.Range(0, 300).Select(_ => HyParViewRules.ContactOf([0, 0, 0], rng)).ToHashSet();
        Assert.That(drawn, Is.EquivalentTo(new[] { 0, 1, 2 }), "the first peers join whoever is there");
        Assert.That(HyParViewRules.ContactOf([], rng), Is.EqualTo(-1));
    }

    [TestCase(NeighbourAsk.Join, true, true, TestName = "A JOIN to a peer still joining is refused")]
    [TestCase(NeighbourAsk.Join, false, false, TestName = "A JOIN to a joined peer is not")]
    [TestCase(NeighbourAsk.High, true, false, TestName = "An urgent request is never refused for joining")]
    [TestCase(NeighbourAsk.ForwardJoin, true, false, TestName = "A walk's end is never refused for joining")]
    public void RefusesJoin(NeighbourAsk ask, bool ownJoinPending, bool expected) =>
        Assert.That(HyParViewRules.RefusesJoin(ask, ownJoinPending), Is.EqualTo(expected));

    [TestCase(0, true)]
    [TestCase(2, true)]
    [TestCase(3, false)]
    [TestCase(4, false, TestName = "One link short of a full view does not ask at the tick (it would be refused)")]
    public void WantsPeriodicPromotion(int links, bool expected) =>
        Assert.That(HyParViewRules.WantsPeriodicPromotion(links, activeSize: 5), Is.EqualTo(expected));

    [TestCase(0, false)]
    [TestCase(1, true, TestName = "Thin at one tick: joins again at once")]
    [TestCase(2, true)]
    [TestCase(3, false)]
    [TestCase(4, true)]
    [TestCase(6, false)]
    [TestCase(8, true)]
    [TestCase(1024, true, TestName = "Still thin after 1024 ticks: joins again, 512 ticks after the last")]
    [TestCase(1023, false)]
    public void JoinsAgain_LessAndLessOften(int thinTicks, bool expected) =>
        Assert.That(HyParViewRules.JoinsAgain(thinTicks), Is.EqualTo(expected));

    private static readonly NodeAddress[] Links = [new(1, 1), new(2, 2), new(3, 3), new(4, 4), new(5, 5)];

    [TestCase(1, 2, new[] { 3, 4, 5 }, TestName = "A walk goes to any link but the one it came by and its origin")]
    [TestCase(1, 1, new[] { 2, 3, 4, 5 }, TestName = "Room is made by dropping any link but the one coming")]
    [TestCase(9, 8, new[] { 1, 2, 3, 4, 5 }, TestName = "Neither excluded is a link: any link")]
    public void RandomLinkExcept_DrawsEveryOtherLink_AndNoExcludedOne(int a, int b, int[] expected)
    {
        var rng = new Rng(5);
        var drawn = Enumerable.Range(0, 400)
            .Select(_ => HyParViewRules.RandomLinkExcept(Links, new((uint)a, (ushort)a), new((uint)b, (ushort)b), rng)!.Value.Port)
            .ToHashSet();
        Assert.That(drawn.Select(p => (int)p), Is.EquivalentTo(expected));
    }

    [Test]
    public void RandomLinkExcept_IsNone_WhenEveryLinkIsExcluded() =>
        Assert.That(HyParViewRules.RandomLinkExcept(Links[..2], Links[0], Links[1], new Rng(1)), Is.Null);

    /// <summary>The pick counted in place is the one the list-based draw made (filter, then one Fisher-Yates step): HyParView runs
    /// keep their traces.</summary>
    [Test]
    public void RandomLinkExcept_MakesTheSameDrawAndPick_AsFilteringThenDrawingOne()
    {
        for (ulong seed = 1; seed <= 50; seed++)
        {
            var (inPlace, listed) = (new Rng(seed), new Rng(seed));
            for (int step = 0; step < 20; step++)
            {
                var (a, b) = (Links[step % 5], Links[(step * 3) % 5]);
                var others = Links.Where(n => n != a && n != b).ToList();
                var expected = others[listed.NextInt(others.Count)];
                Assert.That(HyParViewRules.RandomLinkExcept(Links, a, b, inPlace), Is.EqualTo(expected), $"seed {seed}, step {step}");
            }
        }
    }

    // chose, urgent, links, on others' word -> where room comes from (active view 5, 2 seats kept for this peer's own links)
    [TestCase(false, false, 4, 2, RoomFrom.NoneNeeded, TestName = "Room, and others' word below its seats: taken")]
    [TestCase(false, false, 4, 3, RoomFrom.Refused, TestName = "Room, but others' word holds its three seats: a low request is refused")]
    [TestCase(false, true, 4, 3, RoomFrom.OthersLinks, TestName = "Room, others' word at its seats: an urgent request takes another's-word link's place")]
    [TestCase(false, true, 5, 3, RoomFrom.OthersLinks, TestName = "A full view: an urgent request drops a link on another's word, never one this peer chose")]
    [TestCase(false, true, 5, 0, RoomFrom.Refused, TestName = "A full view of links this peer chose: no request may drop one")]
    [TestCase(false, false, 5, 2, RoomFrom.Refused, TestName = "A full view refuses a low request")]
    [TestCase(true, false, 4, 4, RoomFrom.NoneNeeded, TestName = "This peer's own link takes free room whatever others hold")]
    [TestCase(true, false, 5, 1, RoomFrom.OthersLinks, TestName = "This peer's own link at a full view drops one on another's word first")]
    [TestCase(true, false, 5, 0, RoomFrom.AnyLink, TestName = "This peer's own link at a full view of its own drops any (the paper's)")]
    public void RoomFor_KeepsTwoSeatsForThisPeersOwnLinks(bool chose, bool urgent, int links, int others, RoomFrom expected) =>
        Assert.That(HyParViewRules.RoomFor(chose, urgent, links, others, activeSize: 5, ownSeats: 2), Is.EqualTo(expected));

    [TestCase(false, true, 5, 3, RoomFrom.AnyLink, TestName = "No seats kept: an urgent request drops any link (the paper's rule)")]
    [TestCase(false, false, 4, 4, RoomFrom.NoneNeeded, TestName = "No seats kept: room is room")]
    [TestCase(false, false, 5, 5, RoomFrom.Refused, TestName = "No seats kept: a low request at a full view is refused")]
    [TestCase(true, false, 5, 3, RoomFrom.AnyLink, TestName = "No seats kept: this peer's own link at a full view drops any")]
    public void RoomFor_WithNoSeatsKept_IsThePapersRule(bool chose, bool urgent, int links, int others, RoomFrom expected) =>
        Assert.That(HyParViewRules.RoomFor(chose, urgent, links, others, activeSize: 5, ownSeats: 0), Is.EqualTo(expected));

    // links, on others' word, seats kept -> fill a seat at the tick
    [TestCase(4, 4, 1, true, TestName = "Others' word holds its four seats, one free: this peer fills it")]
    [TestCase(4, 3, 1, false, TestName = "Room others' requests may take: nothing to fill")]
    [TestCase(5, 4, 1, false, TestName = "A full view: nothing to fill")]
    [TestCase(3, 3, 2, true, TestName = "Two seats kept, both free")]
    [TestCase(4, 4, 0, false, TestName = "No seats kept: the paper's tick only")]
    public void WantsOwnSeatFilled(int links, int others, int ownSeats, bool expected) =>
        Assert.That(HyParViewRules.WantsOwnSeatFilled(links, others, activeSize: 5, ownSeats), Is.EqualTo(expected));

    [TestCase(6, 6)]
    [TestCase(3, 3)]
    [TestCase(0, 0)]
    [TestCase(int.MaxValue, 6, Description = "2^31-1 from the wire walked for minutes")]
    [TestCase(7, 6)]
    [TestCase(-5, 0)]
    [TestCase(int.MinValue, 0)]
    public void ClampWalk_CutsACountFromTheWireToTheWalkLength(int received, int expected) =>
        Assert.That(HyParViewRules.ClampWalk(received, walkLength: 6), Is.EqualTo(expected));

    [TestCase(8, 8)]
    [TestCase(3, 3)]
    [TestCase(500, 8, Description = "the origin and ka + kp = 3 + 4")]
    public void ShuffleEntriesRead_AreTheOriginAndKaPlusKp(int received, int expected) =>
        Assert.That(HyParViewRules.ShuffleEntriesRead(received, shuffleActive: 3, shufflePassive: 4), Is.EqualTo(expected));

    [Test]
    public void WalkBudgets_TakeTheBurst_ThenTheRate_PerSender()
    {
        var budgets = new WalkBudgets(perInterval: 4, interval: TimeSpan.FromSeconds(10));
        var liar = new NodeAddress(0x0A000001u, 1);
        var other = new NodeAddress(0x0A000002u, 1);
        var taken = Enumerable.Range(0, 10).Count(_ => budgets.Take(liar, TimeSpan.Zero));
        Assert.That(taken, Is.EqualTo(4), "a burst of four");
        Assert.That(budgets.Take(other, TimeSpan.Zero), Is.True, "another sender has its own budget");
        Assert.That(budgets.Take(liar, TimeSpan.FromSeconds(2)), Is.False, "0.8 of a walk back after 2 s");
        Assert.That(budgets.Take(liar, TimeSpan.FromSeconds(2.5)), Is.True, "one back each 2.5 s");
        Assert.That(budgets.Refused, Is.EqualTo(7));
    }

    [Test]
    public void WalkBudgets_AreBounded_ANewSenderRefusedWhileEveryTrackedOneIsRecent()
    {
        var budgets = new WalkBudgets(perInterval: 4, interval: TimeSpan.FromSeconds(10));
        for (int i = 0; i < WalkBudgets.Capacity; i++) Assert.That(budgets.Take(new NodeAddress(0x0B000000u + (uint)i, 1), TimeSpan.Zero), Is.True);
        Assert.That(budgets.Take(new NodeAddress(0x0C000000u, 1), TimeSpan.Zero), Is.False, "no room while the others are recent");
        Assert.That(budgets.Take(new NodeAddress(0x0C000000u, 1), TimeSpan.FromSeconds(3)), Is.True, "full buckets forgiven: room again");
        Assert.That(budgets.Held, Is.EqualTo(1));
    }
}
