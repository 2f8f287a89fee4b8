using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Trust;

/// <summary>Whether a certificate whose add is proven still speaks for its member now.</summary>
public enum Standing : byte
{
    Current,
    /// <summary>The seeds removed this incarnation (or a later one): this peer holds the removal's proof.</summary>
    Removed,
    /// <summary>It carries no renewal (a node of an older wire version, or a made-up certificate).</summary>
    NotRenewed,
    /// <summary>Its renewal is not from a seed of the list.</summary>
    NotASeed,
    /// <summary>Its renewal ran out: nobody renewed it for a lifetime, as no seed renews a removed member.</summary>
    Expired,
    /// <summary>Its renewal's signature is not the seed's.</summary>
    RenewalFails,
}

/// <summary>
/// The second half of checking a certificate (the first is <see cref="CertificateCheck"/>, the
/// add's proof, checked once per binding): a certificate counts only with an unexpired renewal
/// signed by a seed of the list, and never for an incarnation this peer knows was removed
/// (a certificate that never expired would let a removed member keep its voice). The cheap
/// comparisons come first, so a removed or expired member costs no signature check.
/// </summary>
public static class CertificateStanding
{
    /// <summary>
    /// How long after a seed left the seed set (as this node took the step) a renewal it signed still counts: one it signed while it
    /// voted runs out at most a certificate lifetime later (the seeds' default is 120 s; twice that here, so a seed with a longer
    /// lifetime is not cut short). Until then the member refreshes at a seed of the new set and carries that seed's renewal.
    /// </summary>
    public static readonly TimeSpan RetiredSeedVoice = TimeSpan.FromSeconds(240);

    /// <summary>A renewal from a seed that left: good only if it runs out within <see cref="RetiredSeedVoice"/> of the seed's leaving,
    /// so a seed voted out cannot keep members alive by renewing them for ever.</summary>
    private static bool StillSpeaks(SeedSetHistory learned, CertificateRenewal renewal) =>
        learned.LeftAt(renewal.Seed) is { } left && renewal.ValidUntil <= left + RetiredSeedVoice;

    /// <param name="removedUpTo">The highest incarnation of <paramref name="member"/> this peer knows removed; -1: none.</param>
    /// <param name="why">Null when current; otherwise why not, for the log line.</param>
    public static Standing Decide(NodeAddress member, in MembershipCertificate certificate, TimeSpan now, long removedUpTo,
        NodeAddress[] sortedSeeds, SeedSetHistory? learned, ISeedIdentity identity, out string? why)
    {
        if (certificate.Incarnation <= removedUpTo)
        {
            why = $"the seeds removed it (incarnation {removedUpTo})";
            return Standing.Removed;
        }
        if (certificate.Renewal is not { } renewal)
        {
            why = "its certificate carries no renewal";
            return Standing.NotRenewed;
        }
        if (learned != null ? !learned.Current.Counts(renewal.Seed) && !StillSpeaks(learned, renewal)
            : Array.BinarySearch(sortedSeeds, renewal.Seed) < 0)
        {
            why = $"its certificate's renewal is from {renewal.Seed}, which is not a seed";
            return Standing.NotASeed;
        }
        if (renewal.ValidUntil < now)
        {
            why = $"its certificate (incarnation {certificate.Incarnation}) expired {(now - renewal.ValidUntil).TotalSeconds:0.###} s ago";
            return Standing.Expired;
        }
        if (!identity.VerifyRenewal(renewal.Seed, new PeerId(member, certificate.Incarnation), renewal.ValidUntil, renewal.Signature))
        {
            why = $"its certificate's renewal does not verify as {renewal.Seed}'s";
            return Standing.RenewalFails;
        }
        why = null;
        return Standing.Current;
    }
}
