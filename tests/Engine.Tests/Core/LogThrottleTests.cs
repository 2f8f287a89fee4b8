using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class LogThrottleTests
{
    [Test]
    public void LinesBeyondTheBurst_AreCounted_AndOneSummaryComesOnceTheSecondIsOver_EvenIfTheTimerFiresEarly()
    {
        long now = 0;
        var log = new List<string>();
        var throttle = new LogThrottle(log.Add, burst: 2, "lines about reports", () => now);
        var firstHeld = Enumerable.Range(0, 5).Select(i => throttle.Line($"report {i}")).ToList();
        Assert.That(firstHeld, Is.EqualTo(new[] { false, false, true, false, false }), "the first line held says a summary is due");
        Assert.That(log, Is.EqualTo(new[] { "report 0", "report 1" }));

        now = 999; // a timer that fires a hair before the second ends
        Assert.That(throttle.Flush(), Is.False, "the count is still to come: set the timer again");
        Assert.That(throttle.MsUntilWindowEnds, Is.EqualTo(1));
        Assert.That(log, Has.Count.EqualTo(2));

        now = 1000;
        Assert.That(throttle.Flush(), Is.True);
        Assert.That(log, Has.Count.EqualTo(3));
        Assert.That(log[2], Does.StartWith("... and 3 more lines about reports in 1 s"));
        Assert.That(throttle.Flush(), Is.True, "nothing held, nothing written");
        Assert.That(log, Has.Count.EqualTo(3));
    }
}
