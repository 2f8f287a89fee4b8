using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Runtimes.Sim;

/// <summary>
/// Where simulated nodes live: seeds at 10.0.0.x:5000, peers each on an IP of their own in
/// 10.1.0.1 upward at port 7000 (so R9's message text needs no port in simulation).
/// </summary>
public static class SimAddresses
{
    public const ushort SeedPort = 5000;
    public const ushort PeerPort = 7000;

    public static NodeAddress Seed(int i) => new((10u << 24) | (uint)(i + 1), SeedPort);

    public static NodeAddress Peer(int i) => new((10u << 24) + (1u << 16) + (uint)(i + 1), PeerPort);

    /// <summary>A node's index in the simulated network (seeds first, then peers in the order added), from its address; -1 for an
    /// address the simulator does not give.</summary>
    public static int IndexOf(NodeAddress a, int seeds)
    {
        // Peer numbers past 65,535 run on into the next octets (10.2.0.0 is peer 65,535): the offset from 10.1.0.0, not the low bits.
        if (a.Port == SeedPort && a.Ip - (10u << 24) - 1 < (uint)seeds) return (int)(a.Ip - (10u << 24) - 1);
        uint peer = a.Ip - ((10u << 24) + (1u << 16) + 1); // wraps to a large number below 10.1.0.1
        if (a.Port == PeerPort && peer < (11u << 24) - ((10u << 24) + (1u << 16) + 1)) return seeds + (int)peer; // inside 10.0.0.0/8
        return -1;
    }
}
