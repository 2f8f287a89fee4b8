using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Trust;

/// <summary>What a peer makes of a membership certificate shown for an address.</summary>
public enum CertificateVerdict : byte
{
    Valid,
    /// <summary>None was shown (an outsider, or a node of an older wire version).</summary>
    Missing,
    /// <summary>It binds another key than the one the sender proved: someone shows another member's certificate.</summary>
    OtherKey,
    /// <summary>Its votes are not a majority of the seed list's seeds signing this address's add with this key.</summary>
    VotesFail,
    /// <summary>Its add is proven, but the member is no longer one: removed, or its renewal ran out
    /// (<see cref="CertificateStanding"/>).</summary>
    Lapsed,
}

/// <summary>
/// Whether a certificate proves that <c>member</c> was admitted with the key <c>proven</c>:
/// the key matches, and its votes prove the add as <see cref="CommitCheck"/> proves a commit
/// (floor(n/2)+1 distinct seeds of the seed list, each vote verified against that seed's key).
/// That the member is still one is the other half, checked each time: <see cref="CertificateStanding"/>.
/// </summary>
public static class CertificateCheck
{
    /// <param name="why">Null when valid; otherwise why not, for the log line.</param>
    public static CertificateVerdict Decide(NodeAddress member, in MembershipCertificate certificate, NodeKey? proven,
        NodeAddress[] sortedSeeds, SeedSetHistory? learned, ISeedIdentity identity, out string? why)
    {
        if (certificate.IsNone)
        {
            why = "it shows no membership certificate";
            return CertificateVerdict.Missing;
        }
        if (!Equals(certificate.Key, proven))
        {
            why = $"its certificate binds {Name(certificate.Key)}, but it proved {Name(proven)}";
            return CertificateVerdict.OtherKey;
        }
        var add = new CommittedOp(NodeAddress.None, 0, 0, certificate.AddOf(member), certificate.Proof);
        why = CommitCheck.Verify(add, sortedSeeds, learned, identity);
        if (why == null) return CertificateVerdict.Valid;
        why = $"its certificate (incarnation {certificate.Incarnation}) does not prove it: {why}";
        return CertificateVerdict.VotesFail;
    }

    private static string Name(NodeKey? key) => key?.ToString() ?? "no key";
}
