using GossipSim.Engine.Membership;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.Membership;

/// <summary>The seed's count of a member's silence: passes of the sweep since its last refresh here, and when it is probed.</summary>
public class CertificateSilenceTests
{
    [TestCase(120, 30, 4, Description = "the defaults: four passes of 30 s span a 120 s certificate")]
    [TestCase(100, 30, 4, Description = "a lifetime between passes: the pass after it runs out")]
    [TestCase(10, 30, 1, Description = "a lifetime shorter than the sweep: the next pass")]
    [TestCase(36000, 1, 63, Description = "at most 63 passes (six bits)")]
    public void PassesToProbe_SpanTheCertificateLifetime(int lifetimeSeconds, int sweepSeconds, int passes) =>
        Assert.That(CertificateSilence.PassesToProbe(TimeSpan.FromSeconds(lifetimeSeconds), TimeSpan.FromSeconds(sweepSeconds)),
            Is.EqualTo(passes));

    [Test]
    public void AMemberThatDoesNotRefreshHere_IsNeverProbed()
    {
        byte state = CertificateSilence.Untracked;
        for (int pass = 0; pass < 100; pass++)
        {
            state = CertificateSilence.Pass(state, 4, out bool probe);
            Assert.That(probe, Is.False, $"pass {pass}");
        }
        Assert.That(CertificateSilence.SilentPasses(state), Is.EqualTo(0));
    }

    [Test]
    public void AMemberThatKeepsRefreshing_IsNeverProbed()
    {
        byte state = CertificateSilence.Reported;
        for (int pass = 0; pass < 100; pass++)
        {
            state = CertificateSilence.Pass(state, 4, out bool probe);
            Assert.That(probe, Is.False, $"pass {pass}");
            if (pass % 3 == 2) state = CertificateSilence.Reported; // a refresh every three passes at most
        }
    }

    [Test]
    public void AMemberThatFallsSilent_IsProbedFromTheFourthPassWithoutARefresh_AtEveryPassAfter()
    {
        // The pass after the refresh counts nothing (the refresh came since the last pass), then 1, 2, 3, 4: probed.
        byte state = CertificateSilence.Pass(CertificateSilence.Reported, 4, out bool probe);
        Assert.That((probe, CertificateSilence.SilentPasses(state)), Is.EqualTo((false, 0)));
        var probed = new List<bool>();
        for (int pass = 1; pass <= 70; pass++)
        {
            state = CertificateSilence.Pass(state, 4, out probe);
            probed.Add(probe);
        }
        Assert.That(probed.Take(3), Is.All.False);
        Assert.That(probed.Skip(3), Is.All.True, "until it answers or is removed");
        Assert.That(CertificateSilence.SilentPasses(state), Is.EqualTo(63), "the count stops at its six bits");
    }

    [Test]
    public void ARefreshBeforeTheLifetimeRunsOut_StartsTheCountAgain()
    {
        byte state = CertificateSilence.Pass(CertificateSilence.Reported, 4, out _);
        for (int pass = 0; pass < 3; pass++) state = CertificateSilence.Pass(state, 4, out _);
        Assert.That(CertificateSilence.SilentPasses(state), Is.EqualTo(3));
        state = CertificateSilence.Pass(CertificateSilence.Reported, 4, out bool probe);
        Assert.That((probe, CertificateSilence.SilentPasses(state)), Is.EqualTo((false, 0)));
    }
}
