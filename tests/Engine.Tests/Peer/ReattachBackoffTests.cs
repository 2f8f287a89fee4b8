using GossipSim.Engine.Peer;
using NUnit.Framework;
using GossipSim.Engine.Vocabulary;

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

public class QuietSmallNetworkTests
{
    [Test]
    public void PeersWithNobodyLeftToLinkTo_AskForListsLessAndLessOften_ButStillAsk()
    {
        var (backedOff, gaps, degree) = ListsOfTheFirstPeer(TimeSpan.FromSeconds(60));
        var (fixedRetry, _, _) = ListsOfTheFirstPeer(Support.SimHarness.FastPeer().ReattachRetry); // a cap at the retry: no backoff
        Assert.That(degree, Is.EqualTo(2));
        Assert.That(gaps.TakeLast(3), Is.All.EqualTo(60).Within(1), "at the cap it asks once a minute, and goes on asking");
        Assert.That(backedOff * 10, Is.LessThan(fixedRetry), $"{backedOff} lists with the backoff, {fixedRetry} without");
    }

    /// <summary>Three peers, each wanting three links: two is all they can have, so each keeps wanting one, for 10 minutes.</summary>
    private static (int Lists, List<double> Gaps, int Degree) ListsOfTheFirstPeer(TimeSpan cap)
    {
        var h = new Support.SimHarness(1, seed: 5, peer: Support.SimHarness.FastPeer() with { ReattachRetryMax = cap });
        h.AddPeers(3, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        h.Run(600);
        var lists = h.Trace.Of(Trace.TraceKind.PeerListReceived).Where(e => e.Node == Support.SimHarness.PeerAddress(0)).Select(e => e.Time.TotalSeconds).ToList();
        return (lists.Count, lists.Zip(lists.Skip(1), (a, b) => b - a).ToList(), h.Peer(0).Degree);
    }
}
