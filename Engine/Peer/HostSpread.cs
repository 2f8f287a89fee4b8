using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;

namespace GossipSim.Engine.Peer;

/// <summary>
/// Newcomers' links spread over hosts (issue 30, finding 4): at most half of a peer's links,
/// rounded up, on one IP, while candidates on other IPs are left. Sybils on one host that weigh
/// the most in preferential attachment then get at most 2 of a newcomer's 3 links, and the third
/// goes to another host. Links on a seed's host are not counted (<see cref="SeedHosts"/>: on
/// 127.0.0.1 every honest node shares it); with no candidate on another IP the choice takes
/// what there is (<see cref="NeighbourChoice"/>), so a peer is never left unlinked by this.
/// </summary>
/// <remarks>
/// Per IP, not per /24: the simulator numbers peers in order, 256 to a /24, so the early peers
/// that grow into hubs share a /24, and a per-/24 spread would move links away from them and
/// bend the degree distribution. A /24 is bounded at the seeds instead (<see cref="Seed.HostLimit"/>).
/// </remarks>
public sealed class HostSpread
{
    private readonly SeedHosts _seedHosts;
    private readonly int _cap;
    private uint[] _ips;
    private int _count;

    /// <param name="held">Neighbours and peers asked already: they count towards their IPs.</param>
    /// <param name="wanted">Links still to choose.</param>
    public HostSpread(ReadOnlySpan<NodeAddress> held, IEnumerable<NodeAddress> pending, int wanted, SeedHosts seedHosts)
    {
        _seedHosts = seedHosts;
        _ips = new uint[held.Length + wanted + 4];
        foreach (var a in held) Take(a);
        foreach (var a in pending) Take(a);
        _cap = Cap(_count + wanted);
    }

    /// <summary>The most links on one IP among <paramref name="links"/>: half, rounded up (3 links: 2; 1 link: 1).</summary>
    public static int Cap(int links) => (links + 1) / 2;

    /// <summary>Whether a link to <paramref name="a"/> keeps its IP within the cap.</summary>
    public bool Allows(NodeAddress a) => _seedHosts.IsSeedIp(a.Ip) || OnIp(a.Ip) < _cap;

    /// <summary>Counts a link chosen.</summary>
    public void Take(NodeAddress a)
    {
        if (_count == _ips.Length) Array.Resize(ref _ips, _count * 2);
        _ips[_count++] = a.Ip;
    }

    private int OnIp(uint ip) => _ips.AsSpan(0, _count).Count(ip);
}
