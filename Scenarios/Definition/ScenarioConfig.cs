using GossipSim.Engine.Config;
using GossipSim.Simulator.Latency;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Definition;

/// <summary>Turns a scenario's settings into the Engine's config records and network models.</summary>
public static class ScenarioConfig
{
    /// <summary>The peers' record: the classic defaults, with what gossip, peerSettings and protocol set (<see cref="PeerTunables"/>).</summary>
    public static PeerConfig PeerConfigOf(Scenario s)
    {
        var p = Apply(new PeerConfig(), PeerTunables.All, s.Gossip, s.PeerSettings, s.Protocol);
        // Unset, a Message List's first ring follows the gossip schedule, on every runtime alike: it changes no event, only memory.
        return p.MessageListExpected == 0 ? p with { MessageListExpected = MessagesHeldAtOnce(s, p) } : p;
    }

    /// <summary>
    /// The messages a peer's Message List holds at once by the scenario's schedule (<see cref="PeerConfig.MessageListExpected"/>):
    /// its origins times each one's messages, of which at most one a gossip interval falls within the time to live, within the
    /// capacity. A peer that holds more (an origin restarted, peers added as origins) grows its ring as without it.
    /// </summary>
    public static int MessagesHeldAtOnce(Scenario s, PeerConfig p)
    {
        long perOrigin = Math.Min(p.MessagesPerPeer, (long)Math.Floor(p.MessageListTtl / p.GossipInterval) + 1);
        return (int)Math.Min(p.MessageListCapacity, OriginCount(s) * perOrigin);
    }

    /// <summary>The peers that create messages: the scenario's origins, or every peer when "all".</summary>
    public static long OriginCount(Scenario s) => OriginsOf(s) is var origins && origins < 0 ? s.Peers : origins;

    /// <summary>The seeds' record: the defaults, with what seedSettings sets (<see cref="SeedTunables"/>).</summary>
    public static SeedConfig SeedConfigOf(Scenario s) => Apply(new SeedConfig(), SeedTunables.All, s.SeedSettings);

    private static T Apply<T>(T config, IReadOnlyList<Tunable<T>> table, params TunableSettings[] sections)
    {
        foreach (var section in sections)
            foreach (var t in table)
                if (section.TryGet(t, out double value)) config = t.Set(config, value);
        return config;
    }

    public static LatencyModel LatencyOf(Scenario s) =>
        s.Network.Latency.NodeHop is { } hop ? new PlusNodeHopLatency(WireLatencyOf(s), EmpiricalOf(hop)) : WireLatencyOf(s);

    /// <summary>The model without <see cref="LatencySpec.NodeHop"/>: what a link itself takes, as the namespace bed's relay applies it.</summary>
    public static LatencyModel WireLatencyOf(Scenario s)
    {
        var l = s.Network.Latency;
        return l.Model switch
        {
            "constant" => new ConstantLatency(l.Ms ?? 20),
            "lognormal" => new LogNormalLatency(l.MedianMs ?? 30, l.Sigma ?? 0.5, l.MinMs ?? 0),
            "empirical" => EmpiricalOf(l),
            WanSpec.Model => WanSpec.ModelOf(l, s.Seeds + s.Peers),
            _ => new UniformLatency(l.MinMs ?? 10, l.MaxMs ?? 50),
        };
    }

    private static LatencyModel EmpiricalOf(LatencySpec l)
    {
        var link = new EmpiricalLatency(l.QuantilesMs ?? (IReadOnlyList<double>?)l.Measured
            ?? throw new InvalidOperationException("an empirical latency's trace is measured before its model is built "
            + "(MeasuredLatencies.Measure)"), l.From ?? "a quantile table");
        LatencyModel perCopy = l.ReceiverQuantilesMs is { } receiver ? new ReceiverDelayLatency(link,
            new EmpiricalLatency(receiver, "a quantile table")) : link;
        LatencyModel path = l.MessageFactorMedian is null && l.MessageFactorSigma is null ? perCopy
            : new MessageFactorLatency(perCopy, l.MessageFactorMedian ?? 1, l.MessageFactorSigma ?? 0);
        return l.SlotQuantilesMs is { } slot ? new SlotLatency(path, new EmpiricalLatency(slot, "a quantile table"),
            l.SlotWakeWeight ?? 0) : path;
    }

    /// <summary>-1 for "all", else the number of origins.</summary>
    public static int OriginsOf(Scenario s) =>
        s.Gossip.Origins is { ValueKind: System.Text.Json.JsonValueKind.Number } o ? o.GetInt32() : -1;

    /// <summary>
    /// How long after a crash the network should have removed the peer: the detector's own bound to its report (its menu entry's
    /// <see cref="Engine.Roles.FailureDetectorChoice.ReportedWithin"/>: the classic detector's misses, a ping interval of phase and
    /// the witnesses' round; SWIM's rounds and Lifeguard's shortest suspicion; a registered detector's own, or the classic's when
    /// it gives none), then the seeds' probe and vote, and slack.
    /// </summary>
    public static double DetectionBoundSeconds(Scenario s)
    {
        var p = PeerConfigOf(s);
        var sd = SeedConfigOf(s);
        var menu = Engine.Peer.FailureDetectorMenu.Choices;
        var reported = (menu[(int)p.FailureDetector].ReportedWithin ?? menu[(int)FailureDetector.Classic].ReportedWithin!)(p);
        return reported.TotalSeconds + sd.ProposalTimeout.TotalSeconds + 2;
    }

    /// <summary>
    /// How long after its crash a peer nobody could report (every peer linked to it crashed with it) may stay a member: the seed
    /// that took its reports and refreshes counts the sweep's passes from the first after its last refresh (at most a sweep interval after
    /// the crash), probes it once they span a certificate lifetime (<see cref="Engine.Membership.CertificateSilence"/>), proposes
    /// it when it is silent at the next pass too (<see cref="Engine.Membership.SweepEvidence"/>), and the seeds decide as for any
    /// proposed removal.
    /// </summary>
    public static double UnwatchedRemovalBoundSeconds(Scenario s)
    {
        var sd = SeedConfigOf(s);
        int passes = Engine.Membership.CertificateSilence.PassesToProbe(sd.CertificateLifetime, sd.MemberSweepInterval);
        return (passes + 2) * sd.MemberSweepInterval.TotalSeconds + sd.ProbeTimeout.TotalSeconds + sd.ProposalTimeout.TotalSeconds + 2;
    }

    /// <summary>The run's length: explicit, or long enough for joins, all gossip, each fault's detection, and the drain.</summary>
    public static double DurationOf(Scenario s)
    {
        if (s.DurationSeconds is { } d) return d;
        var p = PeerConfigOf(s);
        double gossiping = (p.MessagesPerPeer + 1) * p.GossipInterval.TotalSeconds;
        double gossipEnd = JoinSchedule.EndSeconds(s) + p.LinkTimeout.TotalSeconds + gossiping;
        var faults = FaultParser.Parse(s);
        double faultsEnd = faults.Count == 0 ? 0
            : faults.Max(f => f.At + (f.DurationSeconds ?? 0)) + DetectionBoundSeconds(s);
        if (s.Churn is { } c) faultsEnd = Math.Max(faultsEnd, c.Until + DetectionBoundSeconds(s) + gossiping);
        return Math.Max(gossipEnd, faultsEnd) + s.DrainSeconds;
    }
}
