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

    /// <summary>Runs <paramref name="windows"/> small windows of 100 events each, side by side costing what
    /// <paramref name="sideBySideCost"/> says at window i (wall ticks for the window; in turn always 100), the first side by side
    /// after one in turn 50 more (its helpers woken). Returns each window's way.</summary>
    private static List<bool> Run(WindowPace pace, int windows, Func<int, long> sideBySideCost)
    {
        var ways = new List<bool>();
        bool last = true;
        for (int i = 0; i < windows; i++)
        {
            bool side = pace.SideBySide(100);
            ways.Add(side);
            long ticks = side ? sideBySideCost(i) + (last ? 0 : 50) : 100;
            pace.Ended(side, lastEvents: 100, events: 100, wallTicks: ticks);
            last = side;
        }
        return ways;
    }

    [Test]
    public void OnFreeCores_SmallWindowsRunSideBySide_AndTheTriesInTurnGrowRarer()
    {
        var pace = new WindowPace(fullWindowEvents: 1_000);
        var ways = Run(pace, 3_200, _ => 60);
        Assert.That(ways.Take(31), Is.All.True, "side by side until in turn is measured");
        Assert.That(ways[31], Is.False, "the 32nd tries in turn");
        // In turn loses by more than half again (100 against 60): the wait doubles from 32 to 1,024 windows (32, 64, ... 1,024,
        // 1,024: seven tries in 3,200 windows).
        Assert.That(ways.Count(w => !w), Is.EqualTo(7));
        Assert.That(pace.Costs.SideBySide, Is.LessThan(pace.Costs.InTurn));
    }

    [Test]
    public void OnTakenCores_SmallWindowsRunInTurn_AndTheTriesSideBySideGrowRarer()
    {
        var pace = new WindowPace(fullWindowEvents: 1_000);
        var ways = Run(pace, 10_000, _ => 900); // a hand-over waiting for a wake-up: nine times the work
        Assert.That(ways[31], Is.False);
        Assert.That(ways.Skip(32).Take(WindowPace.ExploreEvery - 1), Is.All.False, "in turn, once it was measured cheaper");
        var late = ways.Skip(5_000).ToList();
        Assert.That(late.Count(w => w), Is.LessThanOrEqualTo(5 * WindowPace.SideBySideTry + WindowPace.SideBySideTry),
            "a try of 3 windows every 1,024 once the tries kept losing");
        Assert.That(pace.Costs.InTurn, Is.LessThan(pace.Costs.SideBySide));
    }

    [Test]
    public void WhenTheCoresFreeUp_ATryFindsSideBySideCheaper_AndSmallWindowsGoBackSideBySide()
    {
        var pace = new WindowPace(fullWindowEvents: 1_000);
        var ways = Run(pace, 6_000, i => i < 3_000 ? 900 : 60);
        Assert.That(ways.Skip(2_000).Take(1_000).Count(w => w), Is.LessThan(20), "loaded: in turn");
        var late = ways.Skip(5_000).ToList();
        Assert.That(late.Count(w => !w), Is.LessThanOrEqualTo(late.Count / WindowPace.ExploreEvery + 1),
            "free again (found within one wait of at most 1,024 windows): side by side");
    }

    [Test]
    public void TheFirstWindowSideBySideAfterOneInTurn_IsNotMeasured()
    {
        var pace = new WindowPace(fullWindowEvents: 1_000);
        pace.Ended(sideBySide: false, lastEvents: 100, events: 100, wallTicks: 100);
        pace.Ended(sideBySide: true, lastEvents: 100, events: 100, wallTicks: 100_000); // waking the helpers
        Assert.That(pace.Costs.SideBySide, Is.EqualTo(-1));
        pace.Ended(sideBySide: true, lastEvents: 100, events: 100, wallTicks: 60);
        Assert.That(pace.Costs.SideBySide, Is.EqualTo((60L << 10) / 100));
    }
}
