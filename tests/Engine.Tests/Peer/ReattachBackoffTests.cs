using GossipSim.Engine.Peer;
using NUnit.Framework;

namespace GossipSim.Engine.Tests;

public class ReattachBackoffTests
{
    [TestCase(5, 120, 0, 5)]
    [TestCase(5, 120, 1, 5)]     // the first fruitless list: ask again after the usual wait
    [TestCase(5, 120, 2, 10)]
    [TestCase(5, 120, 3, 20)]
    [TestCase(5, 120, 5, 80)]
    [TestCase(5, 120, 6, 120)]   // 160 s, capped
    [TestCase(5, 120, 1000, 120)] // no overflow however long it goes on
    [TestCase(5, 5, 4, 5)]       // a cap at the retry: no backoff
    [TestCase(5, 2, 4, 5)]       // a cap below it: no backoff either, never shorter than the retry
    [TestCase(1, 30, 4, 8)]
    public void TheWait_DoublesForEachFruitlessListInARow_UpToTheCap(double retrySeconds, double capSeconds, int fruitless, double expectedSeconds)
    {
        var wait = ReattachBackoff.Delay(TimeSpan.FromSeconds(retrySeconds), TimeSpan.FromSeconds(capSeconds), fruitless);
        Assert.That(wait, Is.EqualTo(TimeSpan.FromSeconds(expectedSeconds)));
    }
}
