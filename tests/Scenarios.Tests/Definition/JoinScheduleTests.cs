using GossipSim.Scenarios.Definition;

namespace GossipSim.Scenarios.Tests.Definition;

public class JoinScheduleTests
{
    private static Scenario Of(int peers, double window, double? doubling) =>
        new() { Peers = peers, JoinWindowSeconds = window, JoinDoublingSeconds = doubling };

    // peers, window, doubling, peer -> start (s)
    [TestCase(11, 10.0, null, 0, 0.0)]
    [TestCase(11, 10.0, null, 5, 5.0)]      // evenly spread: one a second
    [TestCase(11, 10.0, null, 10, 10.0)]    // the last at the window's end
    [TestCase(1, 10.0, null, 0, 0.0)]
    [TestCase(1_000_001, 10.0, 1.0, 1, 1.0)]  // growing from one peer: the second a doubling later
    [TestCase(1_000_001, 10.0, 1.0, 3, 2.0)]  // four peers after two doublings
    [TestCase(1_000_001, 10.0, 1.0, 1023, 10.0)]
    [TestCase(1_000_001, 10.0, 1.0, 1_000_000, 25.6957)] // grows to 100,000 / ln 2 - 1 peers (17.14 s), then 100,000 a second
    [TestCase(101, 1.0, 2.0, 63, 12.0)]      // the rate (100 a second) never binds: 64 peers after 6 doublings of 2 s
    public void StartSeconds_IsEvenOrGrowing(int peers, double window, double? doubling, int peer, double start) =>
        Assert.That(JoinSchedule.StartSeconds(Of(peers, window, doubling), peer), Is.EqualTo(start).Within(1e-3));

    [Test]
    public void GrowingThenSteady_StartsInOrder_AndKeepsTheRateAtTheEnd()
    {
        var s = Of(200_000, 20, 1);
        double previous = -1;
        for (int i = 0; i < s.Peers; i += 997)
        {
            double t = JoinSchedule.StartSeconds(s, i);
            Assert.That(t, Is.GreaterThan(previous), $"peer {i}");
            previous = t;
        }
        double rate = (s.Peers - 1) / s.JoinWindowSeconds;
        Assert.That(JoinSchedule.EndSeconds(s) - JoinSchedule.StartSeconds(s, s.Peers - 1001), Is.EqualTo(1000 / rate).Within(1e-9));
        Assert.That(JoinSchedule.EndSeconds(s), Is.GreaterThan(s.JoinWindowSeconds), "growing first takes longer than the window");
    }
}
