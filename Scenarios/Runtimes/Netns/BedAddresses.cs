using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Runtimes.Netns;

/// <summary>
/// The bed's address plan, on 10.77.0.0/16 (private to the bed's own switch namespace, so two
/// beds never clash): seed i at 10.77.0.(i+1), peer i at 10.77.(1 + i/250).(1 + i%250), every
/// node on port 7000 (each has its own IP, as on separate machines), and the router, where the
/// delaying relay listens, at 10.77.255.254.
/// </summary>
public static class BedAddresses
{
    public const string Subnet = "10.77.0.0/16";
    public const string RouterIp = "10.77.255.254";
    public const int NodePort = 7000;
    public const int RelayPort = 7999;
    public const int MaxPeers = 250 * 254;

    private static uint Ip(int c, int d) => (10u << 24) | (77u << 16) | ((uint)c << 8) | (uint)d;

    public static NodeAddress Seed(int i)
    {
        if (i < 0 || i > 249) throw new ArgumentOutOfRangeException(nameof(i), "the bed holds at most 250 seeds");
        return new NodeAddress(Ip(0, i + 1), NodePort);
    }

    public static NodeAddress Peer(int i)
    {
        if (i < 0 || i >= MaxPeers) throw new ArgumentOutOfRangeException(nameof(i), $"the bed holds at most {MaxPeers} peers");
        return new NodeAddress(Ip(1 + i / 250, 1 + i % 250), NodePort);
    }

    /// <summary>Node i's address (seeds first, then peers): the index the run's latency model places and pairs nodes by.</summary>
    public static NodeAddress OfNode(int i, int seeds) => i < seeds ? Seed(i) : Peer(i - seeds);

    /// <summary>The plan read backwards: a node's index (seeds first, then peers), -1 for an address the bed does not give.</summary>
    public static int IndexOf(NodeAddress a, int seeds)
    {
        uint ip = a.Ip - Ip(0, 0);
        if (a.Port != NodePort || ip >= (1u << 16)) return -1;
        int c = (int)(ip >> 8), d = (int)(ip & 0xFF);
        if (c == 0) return d >= 1 && d <= seeds ? d - 1 : -1;
        int peer = (c - 1) * 250 + d - 1;
        return d >= 1 && d <= 250 && peer < MaxPeers ? seeds + peer : -1;
    }
}
