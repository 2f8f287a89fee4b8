using System.Runtime.InteropServices;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Membership;

/// <summary>
/// How many members (or registrations under way) each source IP and each IPv4 /24 holds: what
/// a seed's admission limit per host counts (<see cref="Seed.HostLimit"/>).
/// </summary>
/// <remarks>
/// Kept per /24, with per-IP counts only for a /24 whose members use two or more IPs: a simulated
/// million peers (each its own IP) then hold one entry per /24, not a million; one host is one entry.
/// </remarks>
public sealed class HostCounts
{
    private struct Prefix
    {
        public int Members;
        public byte OnlyHost;   // while PerHost is null: the last byte of the one IP all its members share
        public int[]? PerHost;  // by the IP's last byte, once a second IP appears
    }

    private readonly Dictionary<uint, Prefix> _prefixes = new();

    /// <summary>The /24 an IPv4 address belongs to (its first three bytes): the block one party gets for the price of a host.</summary>
    /// <remarks>The one place the prefix is cut. Addresses are IPv4 only (<see cref="NodeAddress"/> packs four bytes and the
    /// transport opens IPv4 sockets); an IPv6 address would be cut at its /48 here, a site's block as a /24 is.</remarks>
    public static uint PrefixOf(uint ip) => ip & 0xFFFFFF00u;

    /// <summary>/24s holding at least one: what this costs is about this many entries.</summary>
    public int Prefixes => _prefixes.Count;

    public void Add(uint ip)
    {
        ref var p = ref CollectionsMarshal.GetValueRefOrAddDefault(_prefixes, PrefixOf(ip), out bool existed);
        byte host = (byte)ip;
        if (!existed || p.Members == 0) p.OnlyHost = host;
        else if (p.PerHost == null && p.OnlyHost != host)
        {
            p.PerHost = new int[256];
            p.PerHost[p.OnlyHost] = p.Members;
        }
        p.Members++;
        if (p.PerHost != null) p.PerHost[host]++;
    }

    /// <summary>Takes one away; a count that is not there is left alone (the callers pair their calls).</summary>
    public void Remove(uint ip)
    {
        if (OnIp(ip) == 0) return;
        ref var p = ref CollectionsMarshal.GetValueRefOrAddDefault(_prefixes, PrefixOf(ip), out _);
        p.Members--;
        if (p.PerHost != null) p.PerHost[(byte)ip]--;
        if (p.Members == 0) _prefixes.Remove(PrefixOf(ip));
    }

    public int OnIp(uint ip)
    {
        if (!_prefixes.TryGetValue(PrefixOf(ip), out var p)) return 0;
        if (p.PerHost != null) return p.PerHost[(byte)ip];
        return p.OnlyHost == (byte)ip ? p.Members : 0;
    }

    public int InPrefix(uint ip) => _prefixes.TryGetValue(PrefixOf(ip), out var p) ? p.Members : 0;
}
