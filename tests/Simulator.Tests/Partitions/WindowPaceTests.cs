using GossipSim.Simulator.Partitions;

namespace GossipSim.Simulator.Tests.Partitions;

public class WindowPaceTests
{
    [TestCase(-1, -1, true, TestName = "nothing measured yet: side by side first")]
    [TestCase(500, -1, true, TestName = "in turn measured, side by side not yet: side by side is tried")]
    [TestCase(-1, 500, true, TestName = "side by side measured, in turn not yet: side by side (the exploration tries in turn)")]
    [TestCase(500, 400, true, TestName = "side by side cheaper an event: side by side")]
    [TestCase(500, 500, true, TestName = "a tie: side by side")]
    [TestCase(400, 500, false, TestName = "in turn cheaper an event: in turn")]
    public void TheWayPreferred_IsTheOneThatCostLessAnEvent(long inTurn, long sideBySide, bool preferred)
    {
        Assert.That(WindowPace.Prefers(inTurn, sideBySide), Is.EqualTo(preferred));
    }

    [Test]
    public void AFullWindow_AlwaysRunsSideBySide_AndIsNotCounted()
    {
        var pace = new WindowPace(fullWindowEvents: 1_000);
        for (int i = 0; i < 100; i++)
        {
            Assert.That(pace.SideBySide(1_000), Is.True);
            pace.Ended(sideBySide: true, lastEvents: 1_000, events: 1_200, wallTicks: 1_000_000);
        }
        Assert.That(pace.Costs, Is.EqualTo((-1L, -1L)), "full windows say nothing of small ones");
    }

    [Test]
    public void WhenSideBySideCostsMore_SmallWindowsRunInTurn_ButEveryThirtySecondStillTriesSideBySide()
    {
        var pace = new WindowPace(fullWindowEvents: 1_000);
        var ways = new List<bool>();
        for (int i = 0; i < 320; i++)
        {
            bool side = pace.SideBySide(100);
            ways.Add(side);
            // Side by side takes 9 ticks an event (a hand-over waiting for a wake-up), in turn 1: a loaded machine.
            pace.Ended(side, lastEvents: 100, events: 100, wallTicks: side ? 900 : 100);
        }
        Assert.That(ways.Take(31), Is.All.True, "side by side until in turn is measured (the 32nd window tries it)");
        Assert.That(ways[31], Is.False);
        var settled = ways.Skip(64).ToList();
        Assert.That(settled.Count(w => w), Is.EqualTo(settled.Count / WindowPace.ExploreEvery), "one small window in 32 tries the other way");
        Assert.That(pace.Costs.InTurn, Is.LessThan(pace.Costs.SideBySide));
    }

    [Test]
    public void WhenTheMachineFreesUp_TheExplorationsFindSideBySideCheaper_AndSmallWindowsGoBackSideBySide()
    {
        var pace = new WindowPace(fullWindowEvents: 1_000);
        long sideCost = 900;
        var ways = new List<bool>();
        for (int i = 0; i < 3_000; i++)
        {
            if (i == 500) sideCost = 50; // the other load left the cores
            bool side = pace.SideBySide(100);
            ways.Add(side);
            pace.Ended(side, lastEvents: 100, events: 100, wallTicks: side ? sideCost : 100);
        }
        Assert.That(ways.Skip(300).Take(190).Count(w => w), Is.LessThanOrEqualTo(190 / WindowPace.ExploreEvery + 1), "loaded: in turn");
        // Each exploration moves side by side's average a sixteenth of the way: from 900 to under 100 takes 44 of them.
        var late = ways.Skip(2_700).ToList();
        Assert.That(late.Count(w => !w), Is.LessThanOrEqualTo(late.Count / WindowPace.ExploreEvery + 1), "free again: side by side");
    }
}
