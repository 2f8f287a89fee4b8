using GossipSim.Engine.Plumtree;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.Plumtree;

/// <summary>Plumtree's decisions, one table each (Leitão, Pereira and Rodrigues, SRDS 2007, Figures 2 and 3).</summary>
public class PlumtreeRulesTests
{
    [TestCase(true, LinkMode.Eager, TestName = "A first copy's link joins the tree")]
    [TestCase(false, LinkMode.Lazy, TestName = "A duplicate's link leaves the tree")]
    public void AfterPayload(bool firstReceipt, LinkMode expected) => Assert.That(PlumtreeRules.AfterPayload(firstReceipt), Is.EqualTo(expected));

    [TestCase(LinkMode.Eager, true, TestName = "A duplicate on a tree link is answered with PRUNE")]
    [TestCase(LinkMode.Lazy, false, TestName = "A duplicate on a link already lazy is not pruned again")]
    public void PruneOnDuplicate(LinkMode before, bool expected) => Assert.That(PlumtreeRules.PruneOnDuplicate(before), Is.EqualTo(expected));

    [TestCase(true, false, AnnouncementStep.Ignore, TestName = "An IHAVE of a message here is ignored")]
    [TestCase(true, true, AnnouncementStep.Ignore, TestName = "An IHAVE of a message here is ignored, even if awaited before")]
    [TestCase(false, false, AnnouncementStep.StartTimer, TestName = "The first IHAVE of a missing message starts the timer")]
    [TestCase(false, true, AnnouncementStep.Queue, TestName = "Another IHAVE of an awaited message queues its announcer")]
    public void OnAnnouncement(bool received, bool awaited, AnnouncementStep expected) =>
        Assert.That(PlumtreeRules.OnAnnouncement(received, awaited), Is.EqualTo(expected));

    [TestCase(false, 1, 16, true, TestName = "Another announcer of an awaited message is noted")]
    [TestCase(true, 1, 16, false, TestName = "An announcer noted already (waiting or asked) is not noted again")]
    [TestCase(false, 16, 16, false, TestName = "Past the cap of announcers (the asked counted) a new one is not noted")]
    [TestCase(false, 15, 16, true, TestName = "The last announcer under the cap is noted")]
    public void NotesAnnouncer(bool notedBefore, int noted, int max, bool expected) =>
        Assert.That(PlumtreeRules.NotesAnnouncer(notedBefore, noted, max), Is.EqualTo(expected));

    [TestCase(true, true, false, true, TestName = "A GRAFT for a message kept and fresh is answered with it")]
    [TestCase(false, false, false, false, TestName = "A GRAFT for a message never had is not answered")]
    [TestCase(true, false, false, false, TestName = "A GRAFT for a message past its retention is not answered")]
    [TestCase(true, true, true, false, TestName = "A GRAFT for a message this neighbour had on a GRAFT already is not answered")]
    public void AnswersGraft(bool kept, bool withinRetention, bool answeredBefore, bool expected) =>
        Assert.That(PlumtreeRules.AnswersGraft(kept, withinRetention, answeredBefore), Is.EqualTo(expected));

    [TestCase(true, 0, GraftStep.Done, TestName = "A message that arrived needs no GRAFT")]
    [TestCase(true, 3, GraftStep.Done, TestName = "A message that arrived needs no GRAFT, announcers or not")]
    [TestCase(false, 2, GraftStep.Graft, TestName = "A missing message is asked of the next announcer")]
    [TestCase(false, 0, GraftStep.GiveUp, TestName = "A missing message with nobody left to ask is given up")]
    public void OnTimer(bool received, int announcersLeft, GraftStep expected) =>
        Assert.That(PlumtreeRules.OnTimer(received, announcersLeft), Is.EqualTo(expected));

    [TestCase(LinkMode.Eager, true)]
    [TestCase(LinkMode.Lazy, false)]
    public void SendsPayload_OnTreeLinksOnly(LinkMode mode, bool expected) => Assert.That(PlumtreeRules.SendsPayload(mode), Is.EqualTo(expected));

    [TestCase(0.0, 100.0)]
    [TestCase(0.5, 150.0)]
    [TestCase(1.0, 200.0)]
    [TestCase(-1.0, 100.0)]
    [TestCase(7.0, 200.0)]
    public void GraftWait_IsTheTimeoutStretchedByTheDraw_UpToTwice(double draw, double expectedMs) =>
        Assert.That(PlumtreeRules.GraftWait(TimeSpan.FromMilliseconds(100), draw).TotalMilliseconds, Is.EqualTo(expectedMs).Within(1e-9));

    [TestCase(new[] { LinkMode.Lazy, LinkMode.Eager, LinkMode.Eager }, 1, TestName = "The first announcer on the tree is asked")]
    [TestCase(new[] { LinkMode.Lazy, LinkMode.Lazy }, 0, TestName = "With none on the tree, the first to announce is asked")]
    [TestCase(new[] { LinkMode.Eager }, 0, TestName = "A lone announcer on the tree is asked")]
    public void AnnouncerToAsk(LinkMode[] announcers, int expected) => Assert.That(PlumtreeRules.AnnouncerToAsk(announcers), Is.EqualTo(expected));

    [TestCase(true, 1, true, TestName = "A message asked of a neighbour whose send failed is asked of the next announcer now")]
    [TestCase(true, 0, false, TestName = "With no other announcer its retry timer stays, for one that may still come")]
    [TestCase(false, 2, false, TestName = "A message asked of another neighbour still awaits that answer")]
    public void AsksAgainOnFailure(bool awaitedFromFailed, int announcersLeft, bool expected) =>
        Assert.That(PlumtreeRules.AsksAgainOnFailure(awaitedFromFailed, announcersLeft), Is.EqualTo(expected));
}
