using GossipSim.Scenarios.Run.Control;

namespace GossipSim.Scenarios.Tests.Run.Control;

/// <summary>How far a live simulation may run: a pure function of the pace and the clocks.</summary>
public class SimPacerTests
{
    // anchor (virtual s), anchor wall s, wall s now, speed, playing, reached, end -> target
    [TestCase(0, 0, 0.05, 1, true, 0, 60, 0.05, TestName = "1x: virtual time follows wall time")]
    [TestCase(10, 2, 2.05, 4, true, 10, 60, 10.2, TestName = "4x: four times as fast from the anchor")]
    [TestCase(10, 2, 9, 1, false, 10, 60, 10, TestName = "paused: stands at the anchor")]
    [TestCase(12, 2, 9, 1, false, 10, 60, 10.1, TestName = "a step while paused: runs on one slice at a time")]
    [TestCase(0, 0, 30, 1, true, 5, 60, 5.1, TestName = "a simulation that fell behind goes one slice at a time, so commands wait little")]
    [TestCase(0, 0, 100, 1, true, 59.95, 60, 60, TestName = "never past the end")]
    [TestCase(0, 0, 0.0123456, 1, true, 0, 60, 0.012, TestName = "whole milliseconds: a command's time is written exactly")]
    [TestCase(9.635 + 8, 2, 9, 1, false, 17.6, 60, 17.635, TestName = "a step from a whole millisecond ends on one, though 9.635 + 8 is held as 17.634999")]
    public void TheTarget(double anchor, double anchorWall, double wall, double speed, bool playing, double reached, double end, double expected) =>
        Assert.That(SimPacer.Target(anchor, anchorWall, wall, speed, playing, reached, end), Is.EqualTo(expected).Within(1e-9));

    [Test]
    public void PausingWhilePlaying_StopsWhereTheSimulationIs_AndStepsAddUp()
    {
        var pace = new SimPacer();
        pace.Reach(3.5);
        pace.Pause();
        Assert.That(pace.TargetNow(60), Is.EqualTo(3.5));
        pace.Step(1);
        pace.Step(1);
        pace.Reach(5.5);
        Assert.That(pace.TargetNow(60), Is.EqualTo(5.5), "two steps of 1 s from 3.5 s");
        Assert.That(pace.Playing, Is.False);
    }
}
