using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class OverlayTests
{
    /// <summary>
    /// Preferential attachment through the seeds (R8) must give a heavy tail. For 10,000 peers
    /// with mean degree 6, a geometric (exponential) degree law puts essentially nobody at
    /// degree 40 or more (P ~ (5/6)^37 ~ 1e-3 for the most generous one with that mean, so
    /// about 10 peers, none beyond 70); Barabasi-Albert theory, P(k >= 40) ~ (3/40)^2 ~ 0.6 %,
    /// i.e. about 60 peers, and a hub of a few hundred.
    /// </summary>
    [Test]
    public void ABarabasiAlbertGrownOverlay_HasATailHeavierThanAnyExponential()
    {
        var peer = SimHarness.FastPeer() with { MessagesPerPeer = 0, PingInterval = TimeSpan.FromSeconds(60) };
        var h = new SimHarness(3, seed: 31, peer: peer, record: false);
        h.AddPeers(10_000, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(200));
        h.Run(215);

        var degrees = h.LivePeers.Select(p => p.Degree).ToArray();
        double mean = degrees.Average();
        Assert.That(mean, Is.EqualTo(6).Within(0.2), "3 links per newcomer give mean degree 6");
        Assert.That(degrees.Count(d => d >= 40), Is.GreaterThan(30));
        Assert.That(degrees.Max(), Is.GreaterThan(150));

        // Continuous MLE of the tail exponent above k = 10 (Clauset et al. eq. 3.7 with the -1/2 correction).
        var tail = degrees.Where(d => d >= 10).ToArray();
        double alpha = 1 + tail.Length / tail.Sum(d => Math.Log(d / 9.5));
        Assert.That(alpha, Is.InRange(2.4, 3.6), $"tail exponent {alpha:F2} near the BA value 3");
    }
}
