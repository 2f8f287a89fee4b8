using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>
/// Newcomers' links spread over hosts: at most half a peer's links, rounded up, on one IP and as many in one /24 (one party gets a /24
/// for about a host's price; <see cref="HostCounts.PrefixOf"/>) while candidates elsewhere are left, so the Sybils that weigh most get
/// at most 2 of 3. Not counted: a seed's host (<see cref="SeedHosts"/>), the seeds' /24s and the peer's own, where an operator's nodes
/// sit (docs/security.md, "Membership and removal notices"). With none left elsewhere it takes what there is (<see cref="NeighbourChoice"/>).
/// </summary>
public sealed class HostSpread
{
    private readonly SeedHosts _seedHosts;
    private readonly uint _ownPrefix;
    private readonly int _cap;
    private uint[] _ips;
    private int _count;

    /// <param name="held">Neighbours and peers asked already: they count towards their IPs and /24s.</param>
    /// <param name="wanted">Links still to choose.</param>
    /// <param name="self">The choosing peer: its own /24 is not counted.</param>
    public HostSpread(ReadOnlySpan<NodeAddress> held, IEnumerable<NodeAddress> pending, int wanted, SeedHosts seedHosts, NodeAddress self)
    {
        _seedHosts = seedHosts;
        _ownPrefix = HostCounts.PrefixOf(self.Ip);
        _ips = new uint[held.Length + wanted + 4];
        foreach (var a in held) Take(a);
        foreach (var a in pending) Take(a);
        _cap = Cap(_count + wanted);
    }

    /// <summary>The most links on one IP, or in one counted /24, among <paramref name="links"/>: half, rounded up (3 links: 2; 1 link: 1).</summary>
    public static int Cap(int links) => (links + 1) / 2;

    /// <summary>Whether a link to <paramref name="a"/> keeps its IP and its /24 within the cap.</summary>
    public bool Allows(NodeAddress a)
    {
        if (_seedHosts.IsSeedIp(a.Ip)) return true;
        if (OnIp(a.Ip) >= _cap) return false;
        return !PrefixCounted(a.Ip) || InPrefix(a.Ip) < _cap;
    }

    /// <summary>Counts a link chosen.</summary>
    public void Take(NodeAddress a)
    {
        if (_count == _ips.Length) Array.Resize(ref _ips, _count * 2);
        _ips[_count++] = a.Ip;
    }

    private bool PrefixCounted(uint ip) => HostCounts.PrefixOf(ip) != _ownPrefix && !_seedHosts.InSeedPrefix(ip);

    private int OnIp(uint ip) => _ips.AsSpan(0, _count).Count(ip);

    private int InPrefix(uint ip)
    {
        uint prefix = HostCounts.PrefixOf(ip);
        int n = 0;
        foreach (uint held in _ips.AsSpan(0, _count)) if (HostCounts.PrefixOf(held) == prefix) n++;
        return n;
    }
}
