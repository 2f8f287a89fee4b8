using System.Text.Json;
using GossipSim.Engine.Config;
using GossipSim.Scenarios.Definition;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Soak;

/// <summary>What a soak runs: its size, length, protocol, seed and churn pace.</summary>
public sealed record SoakSettings
{
    public int Seeds { get; init; } = 3;
    public int Peers { get; init; } = 50;
    public double Minutes { get; init; } = 60;
    public ulong Seed { get; init; } = 1;
    public BroadcastProtocol Broadcast { get; init; } = BroadcastProtocol.Flood;
    public Overlay Overlay { get; init; } = Overlay.SeedPa;
    public FailureDetector Detector { get; init; } = FailureDetector.Classic;
    public double PeerChurnSeconds { get; init; } = 20;
    public double SeedRestartSeconds { get; init; } = 600;
    /// <summary>How often every node's resources are read.</summary>
    public double SampleSeconds { get; init; } = 60;
    /// <summary>Peers that originate gossip (one message each every <see cref="GossipIntervalSeconds"/>).</summary>
    public int Origins { get; init; } = 10;
    public double GossipIntervalSeconds { get; init; } = 10;

    /// <summary>"flood", "plumtree+hyparview+swim": the protocol as compare-protocols names a run.</summary>
    public string ProtocolName =>
        Engine.Peer.BroadcastMenu.NameOf(Broadcast)
        + (Overlay == Overlay.SeedPa ? "" : "+" + Engine.Peer.OverlayMenu.NameOf(Overlay))
        + (Detector == FailureDetector.Classic ? "" : "+" + TunableChoice.NamesOf<FailureDetector>()[(int)Detector]);
}

/// <summary>
/// A soak's scenario: real node processes on loopback with crash-hub's demo timings (gossip every second's scale, ping every
/// second, three misses: failures found in seconds, so an hour holds a few hundred of them), a few peers originating gossip for
/// the whole run, and the churn of <see cref="ChurnPlan"/> from the end of the joins until a quiet tail long enough for every
/// usual check (a crash's removal, a heal, gossip after it).
/// </summary>
public static class SoakScenario
{
    /// <summary>Quiet time after the churn beyond the removal bound: gossip created after the heal settles, to check it reaches everyone.</summary>
    public const double QuietBeyondRemovalSeconds = 30;

    /// <summary>Churn starts this long after the last planned join: the overlay is built and gossip flows.</summary>
    public const double ChurnAfterJoinsSeconds = 20;

    public static Scenario Make(SoakSettings o)
    {
        double duration = Math.Round(o.Minutes * 60, 1);
        var s = new Scenario
        {
            Name = "soak",
            Description = $"soak: {o.Seeds} seeds and {o.Peers} peers as processes on 127.0.0.1 for {o.Minutes} min under churn (a peer "
                + $"crashes, restarts, joins or leaves every ~{o.PeerChurnSeconds} s, a seed restarts every ~{o.SeedRestartSeconds / 60} min), "
                + $"protocol {o.ProtocolName}; every node's RSS, descriptors and threads read every {o.SampleSeconds} s",
            Runtime = RuntimeNames.Real,
            Seed = o.Seed,
            Seeds = o.Seeds,
            Peers = o.Peers,
            JoinWindowSeconds = Math.Max(0, o.Peers - 1) * 0.5,
            DurationSeconds = duration,
            Gossip = new GossipSettings
            {
                Origins = JsonSerializer.SerializeToElement(Math.Min(o.Origins, o.Peers)),
                ["intervalSeconds"] = o.GossipIntervalSeconds,
                ["messagesPerPeer"] = Math.Ceiling(duration / o.GossipIntervalSeconds) + 1,
            },
            PeerSettings = new PeerSettings
            {
                ["linksPerNewcomer"] = 3, ["pingIntervalSeconds"] = 1, ["missesBeforeSuspect"] = 3, ["witnessProbeTimeoutSeconds"] = 0.5,
                ["suspicionQueryTimeoutSeconds"] = 1, ["registerTimeoutSeconds"] = 2, ["linkTimeoutSeconds"] = 1,
                ["reattachRetrySeconds"] = 1,
            },
            SeedSettings = new SeedSettings { ["probeTimeoutSeconds"] = 1, ["proposalTimeoutSeconds"] = 2, ["antiEntropyIntervalSeconds"] = 2 },
            Network = new NetworkSettings { Latency = new LatencySpec { Model = "uniform", MinMs = 1, MaxMs = 5 } },
        };
        s.Protocol["broadcast"] = (double)o.Broadcast;
        s.Protocol["overlay"] = (double)o.Overlay;
        s.Protocol["failureDetector"] = (double)o.Detector;
        var plan = PlanOf(s, o);
        s.Faults = plan.Draw(o.Seed, o.Seeds, o.Peers, Runtimes.RuntimeDrivers.MaxProcessPeers).ToList();
        return s;
    }

    /// <summary>The churn's stretch: from the end of the joins to the quiet tail (none when the run is too short for one).</summary>
    public static ChurnPlan PlanOf(Scenario s, SoakSettings o)
    {
        double from = JoinSchedule.EndSeconds(s) + ChurnAfterJoinsSeconds;
        double until = s.DurationSeconds!.Value - ScenarioConfig.DetectionBoundSeconds(s) - QuietBeyondRemovalSeconds;
        return new ChurnPlan(from, Math.Max(from, until), o.PeerChurnSeconds, o.SeedRestartSeconds);
    }
}
