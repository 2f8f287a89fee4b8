using GossipSim.Scenarios.Definition;

namespace GossipSim.Scenarios.Compare;

/// <summary>
/// How busy a scenario keeps the machine's cores when its nodes run as processes on loopback: the copies of gossip a core serves
/// a second. Every node process shares the cores, and every copy a peer floods is read, checked and sent on by one of them, so a
/// real hop's cost follows this load (docs/calibration.md, "Without calibration"): the copies a second are the messages created a
/// second (origins over the gossip interval) times the copies each one makes (a copy on each end of every link: the peers times
/// the overlay's mean degree), shared by the cores. It is read from the scenario and the core count alone, before any run.
/// </summary>
public static class HopLoad
{
    /// <summary>Copies of gossip a core serves a second, for <paramref name="cores"/> cores (0 when nobody gossips).</summary>
    public static double CopiesPerCoreSecond(Scenario s, int cores)
    {
        var peer = ScenarioConfig.PeerConfigOf(s);
        int origins = ScenarioConfig.OriginsOf(s) is var o and >= 0 ? Math.Min(o, s.Peers) : s.Peers;
        double interval = peer.GossipInterval.TotalSeconds;
        if (origins <= 0 || s.Peers < 2 || interval <= 0 || peer.MessagesPerPeer <= 0) return 0;
        return origins / interval * s.Peers * MeanDegree(s.Peers, peer.LinksPerNewcomer) / Math.Max(1, cores);
    }

    /// <summary>
    /// The overlay's mean degree: every newcomer adds its links, so each peer has twice the links a newcomer makes on average,
    /// and never more than the other peers.
    /// </summary>
    public static double MeanDegree(int peers, int linksPerNewcomer) => Math.Min(2.0 * linksPerNewcomer, peers - 1);
}
