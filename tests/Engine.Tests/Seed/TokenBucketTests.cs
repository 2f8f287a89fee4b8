using GossipSim.Engine.Core;
using GossipSim.Engine.Seed;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class TokenBucketTests
{
    // tokens held at t=0, seconds later, rate per second, burst -> admitted, tokens after
    [TestCase(5.0, 0.0, 2, 5, true, 4.0)]
    [TestCase(0.0, 0.0, 2, 5, false, 0.0)]
    [TestCase(0.0, 0.4, 2, 5, false, 0.8)]   // not yet a whole token
    [TestCase(0.0, 0.5, 2, 5, true, 0.0)]    // exactly one token gained
    [TestCase(1.0, 100.0, 2, 5, true, 4.0)]  // refills only up to the burst
    [TestCase(0.5, 0.25, 2, 5, true, 0.0)]
    public void Take_RefillsAtTheRate_UpToTheBurst_AndTakesOneToken(double tokens, double later, int rate, int burst, bool admitted, double after)
    {
        var bucket = new TokenBucket(tokens, TimeSpan.Zero);
        var (ok, next) = bucket.Take(TimeSpan.FromSeconds(later), rate, burst);
        Assert.That(ok, Is.EqualTo(admitted));
        Assert.That(next.Tokens, Is.EqualTo(after).Within(1e-9));
        Assert.That(next.At, Is.EqualTo(TimeSpan.FromSeconds(later)));
    }

    [Test]
    public void AClockThatGoesBack_GainsNothing()
    {
        var bucket = new TokenBucket(0, TimeSpan.FromSeconds(10));
        var (ok, next) = bucket.Take(TimeSpan.FromSeconds(5), 100, 5);
        Assert.That(ok, Is.False);
        Assert.That(next.At, Is.EqualTo(TimeSpan.FromSeconds(10)));
    }

    [TestCase(4.0, 0.0, false)]
    [TestCase(4.0, 0.5, true)]
    [TestCase(5.0, 0.0, true)]
    public void IsFullAt_OnceRefilledToTheBurst(double tokens, double later, bool full) =>
        Assert.That(new TokenBucket(tokens, TimeSpan.Zero).IsFullAt(TimeSpan.FromSeconds(later), 2, 5), Is.EqualTo(full));

    [Test]
    public void Limiter_AdmitsABurstPerIp_ThenTheRate_AndOtherIpsAreNotHeldBack()
    {
        var limiter = new RegistrationLimiter(perSecond: 2, burst: 3);
        var attacker = NodeAddress.Parse("127.0.0.2:9000");
        var honest = NodeAddress.Parse("127.0.0.1:6000");
        var admitted = Enumerable.Range(0, 10).Count(i => limiter.TryAdmit(attacker with { Port = (ushort)(9000 + i) }, TimeSpan.Zero));
        Assert.That(admitted, Is.EqualTo(3), "the burst, whatever ports it claims");
        Assert.That(limiter.TryAdmit(honest, TimeSpan.Zero), Is.True, "another IP has its own bucket");
        Assert.That(limiter.TryAdmit(attacker, TimeSpan.FromSeconds(0.5)), Is.True, "one token back after half a second at 2 a second");
        Assert.That(limiter.TryAdmit(attacker, TimeSpan.FromSeconds(0.5)), Is.False);
    }

    [Test]
    public void Limiter_ForgetsIpsWhoseBucketsRefilled_SoAMillionRegistrantsHoldFewEntries()
    {
        var limiter = new RegistrationLimiter(perSecond: 10, burst: 5);
        for (int i = 0; i < 100_000; i++)
            Assert.That(limiter.TryAdmit(new NodeAddress((10u << 24) + (uint)i, 7000), TimeSpan.FromMilliseconds(i)), Is.True);
        Assert.That(limiter.Held, Is.LessThan(1000), "a bucket refills in 0.1 s here: only the last few IPs are held");
    }
}
