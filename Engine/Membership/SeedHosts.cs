using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Membership;

/// <summary>The IPs and /24s of the seeds of a seed list: the operator's own hosts, which no host limit applies to.</summary>
/// <remarks>
/// A seed admits any number of members from them (<see cref="Seed.HostLimit"/>), endorsements
/// between members on one of them count (<see cref="DegreeBacking.Counts"/>), and a newcomer
/// may take all its links there (<see cref="Peer.HostSpread"/>): a run with every node on one
/// host is one operator's run. A view of the seed list, not a copy: a million simulated peers
/// each hold one for nothing.
/// </remarks>
public readonly struct SeedHosts(NodeAddress[] seeds)
{
    public bool IsSeedIp(uint ip)
    {
        foreach (var s in seeds ?? []) if (s.Ip == ip) return true;
        return false;
    }

    public bool InSeedPrefix(uint ip)
    {
        foreach (var s in seeds ?? []) if (HostCounts.PrefixOf(s.Ip) == HostCounts.PrefixOf(ip)) return true;
        return false;
    }
}
