using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.Trust;

/// <summary>A proven certificate speaks for its member only while a seed's renewal of it runs, and never once this peer holds its removal.</summary>
public class CertificateStandingTests
{
    private static readonly NodeAddress[] Seeds = Enumerable.Range(1, 3).Select(i => new NodeAddress((10u << 24) | (uint)i, 5000)).ToArray();
    private static readonly NodeAddress Member = new((10u << 24) + (1u << 16) + 9, 7000);
    private static readonly NodeAddress Outsider = new((10u << 24) + (9u << 16) + 1, 5000);
    private static readonly TimeSpan Now = TimeSpan.FromSeconds(1000);

    public enum Renewed { BySeed, None, ByOutsider, ForgedSignature, ForAnotherIncarnation }

    [TestCase(Renewed.BySeed, 10.0, -1, Standing.Current)]
    [TestCase(Renewed.BySeed, 0.0, -1, Standing.Current)] // valid until this very moment
    [TestCase(Renewed.BySeed, -0.001, -1, Standing.Expired)]
    [TestCase(Renewed.BySeed, 10.0, 4, Standing.Current)] // an earlier incarnation was removed, not this one
    [TestCase(Renewed.BySeed, 10.0, 5, Standing.Removed)]
    [TestCase(Renewed.BySeed, 10.0, 6, Standing.Removed)] // a later incarnation's removal ends the earlier ones
    [TestCase(Renewed.BySeed, -10.0, 5, Standing.Removed)] // removed is said before expired: the peer knows more than the clock
    [TestCase(Renewed.None, 10.0, -1, Standing.NotRenewed)]
    [TestCase(Renewed.ByOutsider, 10.0, -1, Standing.NotASeed)]
    [TestCase(Renewed.ForgedSignature, 10.0, -1, Standing.RenewalFails)]
    [TestCase(Renewed.ForAnotherIncarnation, 10.0, -1, Standing.RenewalFails)]
    [TestCase(Renewed.ForgedSignature, -1.0, -1, Standing.Expired)] // an expired renewal costs no signature check
    public void Decide(Renewed renewed, double validForSeconds, long removedUpTo, Standing expected)
    {
        var validUntil = Now + TimeSpan.FromSeconds(validForSeconds);
        CertificateRenewal? renewal = renewed switch
        {
            Renewed.BySeed => new(Seeds[1], validUntil, CertificateCheckTests.SignedText.Of(Seeds[1], new PeerId(Member, 5), validUntil)),
            Renewed.ByOutsider => new(Outsider, validUntil, CertificateCheckTests.SignedText.Of(Outsider, new PeerId(Member, 5), validUntil)),
            Renewed.ForgedSignature => new(Seeds[1], validUntil, new byte[64]),
            Renewed.ForAnotherIncarnation => new(Seeds[1], validUntil, CertificateCheckTests.SignedText.Of(Seeds[1], new PeerId(Member, 4), validUntil)),
            _ => null,
        };
        var certificate = new MembershipCertificate(5, new CommitProof(null, []), renewal);

        var standing = CertificateStanding.Decide(Member, certificate, Now, removedUpTo, Seeds, null, new CertificateCheckTests.SignedText(), out var why);

        Assert.That(standing, Is.EqualTo(expected));
        Assert.That(why, expected == Standing.Current ? Is.Null : Is.Not.Empty);
    }

    [Test]
    public void InTheSimulator_AnEmptyRenewalFromASeed_IsCurrentUntilItRunsOut()
    {
        var certificate = new MembershipCertificate(5, new CommitProof(null, []), new CertificateRenewal(Seeds[0], Now, []));
        Assert.That(CertificateStanding.Decide(Member, certificate, Now, -1, Seeds, null, StructuralIdentity.ForPeers, out _), Is.EqualTo(Standing.Current));
        Assert.That(CertificateStanding.Decide(Member, certificate, Now + TimeSpan.FromTicks(1), -1, Seeds, null, StructuralIdentity.ForPeers, out var why), Is.EqualTo(Standing.Expired));
        Assert.That(why, Does.Contain("expired"));
    }

    /// <summary>
    /// A seed voted out of the set (issue 56, 2) keeps its word on renewals it signed while it voted, for <see
    /// cref="CertificateStanding.RetiredSeedVoice"/> after this peer took the step that left it out; a renewal running out later than
    /// that, or from a seed that never voted, is not a seed's.
    /// </summary>
    [TestCase(true, 100.0, Standing.Current)]        // signed while it voted: good until it runs out
    [TestCase(true, 240.0, Standing.Current)]        // runs out exactly at the end of the voice
    [TestCase(true, 240.001, Standing.NotASeed)]     // would outlive its voice: a voted-out seed cannot renew for ever
    [TestCase(false, 10.0, Standing.NotASeed)]       // never a seed
    public void ARenewalFromASeedVotedOut_CountsOnlyWithinItsVoice(bool wasSeed, double runsOutAfterLeaving, Standing expected)
    {
        var left = Now - TimeSpan.FromSeconds(30); // the step that left seed 0 out, as this peer took it
        var history = SeedSetHistory.Starting(Seeds).Then(new SeedSet(1, Seeds[1..], Seeds), left - TimeSpan.FromSeconds(1))
            .Then(new SeedSet(2, Seeds[1..]), left);
        var signer = wasSeed ? Seeds[0] : Outsider;
        var validUntil = left + TimeSpan.FromSeconds(runsOutAfterLeaving);
        var certificate = new MembershipCertificate(5, new CommitProof(null, []),
            new CertificateRenewal(signer, validUntil, CertificateCheckTests.SignedText.Of(signer, new PeerId(Member, 5), validUntil)));

        var standing = CertificateStanding.Decide(Member, certificate, Now, -1, Seeds[1..], history, new CertificateCheckTests.SignedText(), out var why);

        Assert.That(standing, Is.EqualTo(expected), why);
        Assert.That(history.LeftAt(Seeds[0]), Is.EqualTo(left), "it left at the step that made the set stable without it");
        Assert.That(history.LeftAt(Seeds[1]), Is.Null, "a seed of the set in force has not left");
        Assert.That(history.LeftAt(Outsider), Is.Null, "nor has one that never voted");
    }
}
