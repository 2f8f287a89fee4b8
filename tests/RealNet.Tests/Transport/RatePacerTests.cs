using GossipSim.RealNet.Transport;

namespace GossipSim.RealNet.Tests.Transport;

/// <summary>The pacer behind the per-connection frame rate and the per-IP handshake rate: a burst at once, then the rate.</summary>
public class RatePacerTests
{
    // events booked at t=0, rate per second, burst, patience (s) -> admitted, wait of the last one (ms)
    [TestCase(1, 10, 5, 1.0, true, 0.0, Description = "a rested pacer lets the first one go")]
    [TestCase(5, 10, 5, 1.0, true, 0.0, Description = "the whole burst at once")]
    [TestCase(6, 10, 5, 1.0, true, 100.0, Description = "the next one interval later")]
    [TestCase(15, 10, 5, 1.0, true, 1000.0)]
    [TestCase(16, 10, 5, 1.0, false, 0.0, Description = "past the patience: refused")]
    [TestCase(3, 1000, 1, 1.0, true, 2.0)]
    public void Reserve_ABurstAtOnce_ThenOnePerInterval_UpToThePatience(int events, int perSecond, int burst, double patienceSeconds, bool admitted, double lastWaitMs)
    {
        var pacer = new RatePacer(TimeSpan.Zero);
        (bool Admitted, TimeSpan Wait, RatePacer After) last = default;
        for (int i = 0; i < events; i++)
        {
            last = pacer.Reserve(TimeSpan.Zero, perSecond, burst, TimeSpan.FromSeconds(patienceSeconds));
            pacer = last.After;
        }
        Assert.That(last.Admitted, Is.EqualTo(admitted));
        Assert.That(last.Wait.TotalMilliseconds, Is.EqualTo(lastWaitMs).Within(1e-6));
    }

    [Test]
    public void ARefusal_LeavesThePacerAsItWas()
    {
        var pacer = new RatePacer(TimeSpan.Zero);
        for (int i = 0; i < 3; i++) pacer = pacer.Reserve(TimeSpan.Zero, 1, 1, TimeSpan.FromSeconds(5)).After;
        var (admitted, _, after) = pacer.Reserve(TimeSpan.Zero, 1, 1, TimeSpan.FromSeconds(1));
        Assert.That(admitted, Is.False);
        Assert.That(after, Is.EqualTo(pacer), "a refused event books nothing: it does not push back the next one");
    }

    [Test]
    public void OverAMinute_AFlooderGetsTheBurstPlusTheRate_WhateverItTries()
    {
        var pacer = new RatePacer(TimeSpan.Zero);
        int admitted = 0;
        // 100 attempts every millisecond, each refused unless it may go at once (patience zero).
        for (int ms = 0; ms < 60_000; ms++)
            for (int k = 0; k < 100; k++)
            {
                var (ok, _, after) = pacer.Reserve(TimeSpan.FromMilliseconds(ms), 100, 200, TimeSpan.Zero);
                if (!ok) continue;
                admitted++;
                pacer = after;
            }
        Assert.That(admitted, Is.InRange(200 + 100 * 60 - 2, 200 + 100 * 60));
    }

    [Test]
    public void AfterAQuietSpell_TheWholeBurstIsBack()
    {
        var pacer = new RatePacer(TimeSpan.Zero);
        for (int i = 0; i < 10; i++) pacer = pacer.Reserve(TimeSpan.Zero, 10, 10, TimeSpan.MaxValue).After;
        Assert.That(pacer.IsRestedAt(TimeSpan.FromSeconds(0.5)), Is.False);
        Assert.That(pacer.IsRestedAt(TimeSpan.FromSeconds(1)), Is.True);
        var later = TimeSpan.FromSeconds(1);
        for (int i = 0; i < 10; i++)
        {
            var (_, wait, after) = pacer.Reserve(later, 10, 10, TimeSpan.MaxValue);
            Assert.That(wait, Is.EqualTo(TimeSpan.Zero), $"event {i + 1} of the burst");
            pacer = after;
        }
    }
}
