using GossipSim.Engine.Config;
using GossipSim.Engine.Simulation;

namespace GossipSim.Scenarios.Definition;

/// <summary>Turns a scenario's settings into the Engine's config records and network models.</summary>
public static class ScenarioConfig
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    public static PeerConfig PeerConfigOf(Scenario s)
    {
        var p = s.PeerSettings;
        var d = new PeerConfig();
        return d with
        {
            LinksPerNewcomer = p.LinksPerNewcomer ?? d.LinksPerNewcomer,
            GossipInterval = S(s.Gossip.IntervalSeconds),
            MessagesPerPeer = s.Gossip.MessagesPerPeer,
            PingInterval = p.PingIntervalSeconds is { } pi ? S(pi) : d.PingInterval,
            MissesBeforeSuspect = p.MissesBeforeSuspect ?? d.MissesBeforeSuspect,
            SuspicionWitnesses = p.SuspicionWitnesses ?? d.SuspicionWitnesses,
            WitnessProbeTimeout = p.WitnessProbeTimeoutSeconds is { } w ? S(w) : d.WitnessProbeTimeout,
            SuspicionQueryTimeout = p.SuspicionQueryTimeoutSeconds is { } q ? S(q) : d.SuspicionQueryTimeout,
            NeighbourSampleSize = p.NeighbourSampleSize ?? d.NeighbourSampleSize,
            RegisterTimeout = p.RegisterTimeoutSeconds is { } r ? S(r) : d.RegisterTimeout,
            LinkTimeout = p.LinkTimeoutSeconds is { } l ? S(l) : d.LinkTimeout,
            MessageListTtl = p.MessageListTtlSeconds is { } t ? S(t) : d.MessageListTtl,
            MessageListCapacity = p.MessageListCapacity ?? d.MessageListCapacity,
            ReattachOnLoss = p.ReattachOnLoss ?? d.ReattachOnLoss,
            ReattachRetry = p.ReattachRetrySeconds is { } rr ? S(rr) : d.ReattachRetry,
            MembershipRefresh = p.MembershipRefreshSeconds is { } mr ? S(mr) : d.MembershipRefresh,
        };
    }

    public static SeedConfig SeedConfigOf(Scenario s)
    {
        var p = s.SeedSettings;
        var d = new SeedConfig();
        return d with
        {
            ProbeTimeout = p.ProbeTimeoutSeconds is { } pt ? S(pt) : d.ProbeTimeout,
            ProposalTimeout = p.ProposalTimeoutSeconds is { } pr ? S(pr) : d.ProposalTimeout,
            AntiEntropyInterval = p.AntiEntropyIntervalSeconds is { } ae ? S(ae) : d.AntiEntropyInterval,
            FullPeerListMax = p.FullPeerListMax ?? d.FullPeerListMax,
            PeerListSampleSize = p.PeerListSampleSize ?? d.PeerListSampleSize,
            ExpectedPeers = s.Peers,
        };
    }

    public static LatencyModel LatencyOf(Scenario s)
    {
        var l = s.Network.Latency;
        return l.Model switch
        {
            "constant" => new ConstantLatency(l.Ms ?? 20),
            "lognormal" => new LogNormalLatency(l.MedianMs ?? 30, l.Sigma ?? 0.5),
            _ => new UniformLatency(l.MinMs ?? 10, l.MaxMs ?? 50),
        };
    }

    /// <summary>-1 for "all", else the number of origins.</summary>
    public static int OriginsOf(Scenario s) =>
        s.Gossip.Origins is { ValueKind: System.Text.Json.JsonValueKind.Number } o ? o.GetInt32() : -1;

    /// <summary>
    /// How long after a crash the network should have removed the peer: the misses, one more
    /// ping period of phase, the witnesses' round, the seeds' probe and vote, and slack.
    /// </summary>
    public static double DetectionBoundSeconds(Scenario s)
    {
        var p = PeerConfigOf(s);
        var sd = SeedConfigOf(s);
        return (p.MissesBeforeSuspect + 1) * p.PingInterval.TotalSeconds + p.SuspicionQueryTimeout.TotalSeconds
             + sd.ProposalTimeout.TotalSeconds + 2;
    }

    /// <summary>The run's length: explicit, or long enough for joins, all gossip, each fault's detection, and the drain.</summary>
    public static double DurationOf(Scenario s)
    {
        if (s.DurationSeconds is { } d) return d;
        var p = PeerConfigOf(s);
        double gossipEnd = s.JoinWindowSeconds + p.LinkTimeout.TotalSeconds + (s.Gossip.MessagesPerPeer + 1) * s.Gossip.IntervalSeconds;
        double faultsEnd = s.Faults.Count == 0 ? 0
            : s.Faults.Max(f => f.At + (f.DurationSeconds ?? 0)) + DetectionBoundSeconds(s);
        if (s.Churn is { } c) faultsEnd = Math.Max(faultsEnd, c.Until + DetectionBoundSeconds(s) + (s.Gossip.MessagesPerPeer + 1) * s.Gossip.IntervalSeconds);
        return Math.Max(gossipEnd, faultsEnd) + s.DrainSeconds;
    }
}
