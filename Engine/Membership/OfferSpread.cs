using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Membership;

/// <summary>
/// A seed's degree-proportional draws for a newcomer, spread over /24s: when more than half fell in
/// one /24, draws from outside it are added, so heavy Sybils on one /24 cannot fill every draw and the
/// newcomer's <see cref="Peer.HostSpread"/> has someone elsewhere to take. Added, not replacing (read
/// only once that spread caps the /24); the /24s left out are the newcomer's (seeds', own), so a run
/// whose peers share one /24 adds nothing.
/// </summary>
public static class OfferSpread
{
    /// <summary>The /24 (<see cref="HostCounts.PrefixOf"/>) holding more than half of <paramref name="draws"/>, if one does, and how many
    /// draws beyond half it holds: the additions to look for.</summary>
    public static bool TryFindCrowded(ReadOnlySpan<PeerListEntry> draws, NodeAddress requester, SeedHosts seedHosts, out uint prefix, out int beyondHalf)
    {
        prefix = 0;
        beyondHalf = 0;
        if (draws.Length < 2) return false;
        // Counted in place: a seed samples on every join (millions in a large simulated run), and a sample is a few dozen draws.
        Span<uint> prefixes = draws.Length <= 256 ? stackalloc uint[draws.Length] : new uint[draws.Length];
        int n = 0, most = 0;
        foreach (var e in draws)
            if (Counted(e.Address.Ip, requester, seedHosts)) prefixes[n++] = HostCounts.PrefixOf(e.Address.Ip);
        prefixes = prefixes[..n];
        prefixes.Sort();
        for (int i = 0, run = 1; i < n; i++, run++)
        {
            if (i + 1 < n && prefixes[i + 1] == prefixes[i]) continue;
            if (run > most) (most, prefix) = (run, prefixes[i]);
            run = 0;
        }
        int half = (draws.Length + 1) / 2;
        beyondHalf = most - half;
        return beyondHalf > 0;
    }

    /// <summary>Whether a candidate's /24 counts: not the requester's own, nor a seed's.</summary>
    public static bool Counted(uint ip, NodeAddress requester, SeedHosts seedHosts) =>
        HostCounts.PrefixOf(ip) != HostCounts.PrefixOf(requester.Ip) && !seedHosts.InSeedPrefix(ip);
}
