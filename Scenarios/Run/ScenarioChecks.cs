using GossipSim.Analysis.Checks;
using GossipSim.Engine.Core;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Threads;
using GossipSim.Scenarios.Definition;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Run;

/// <summary>The checkers' bounds for a scenario: when its faults end, and what the timings promise.</summary>
public static class ScenarioChecks
{
    public static CheckBounds BoundsOf(Scenario s, double runEndSeconds, double timeOffsetSeconds = 0)
    {
        var faults = FaultParser.Parse(s);
        double faultsEnd = 0;
        foreach (var f in faults)
        {
            double end = f.At + (f is PartitionFault or LossFault or DuplicationFault or LatencySpikeFault
                ? f.DurationSeconds ?? runEndSeconds : 0);
            // A partition without a duration lasts until a heal.
            if (f is PartitionFault { DurationSeconds: null })
                end = faults.OfType<HealFault>().Where(h => h.At >= f.At).Select(h => h.At).DefaultIfEmpty(runEndSeconds).Min();
            faultsEnd = Math.Max(faultsEnd, end);
        }
        if (s.Churn is { } c) faultsEnd = Math.Max(faultsEnd, c.Until);
        // Loss for the whole run never stops: there is no heal phase to check liveness in.
        if (s.Network.Loss > 0) faultsEnd = runEndSeconds;
        double maxLoss = faults.OfType<LossFault>().Select(f => f.Rate).Append(s.Network.Loss).Max();
        // A spike whose slow round trips (99th percentile of the latency model, times the
        // factor, plus the extra, both ways) outlast the shortest probe timeout makes live peers look dead.
        var peer = ScenarioConfig.PeerConfigOf(s);
        var seedConfig = ScenarioConfig.SeedConfigOf(s);
        double probeMs = Math.Min(peer.WitnessProbeTimeout.TotalMilliseconds / peer.WitnessProbeAttempts,
            seedConfig.ProbeTimeout.TotalMilliseconds / seedConfig.ProbeAttempts);
        double p99Ms = P99Ms(ScenarioConfig.LatencyOf(s));
        bool slow = faults.OfType<LatencySpikeFault>().Any(f => 2 * (p99Ms * f.Factor + f.ExtraMs) > probeMs);
        return new CheckBounds
        {
            SeedCount = s.Seeds,
            FaultsEndSeconds = faultsEnd + timeOffsetSeconds,
            RemovalBoundSeconds = ScenarioConfig.DetectionBoundSeconds(s),
            UnwatchedRemovalBoundSeconds = ScenarioConfig.UnwatchedRemovalBoundSeconds(s),
            SeedProbeSeconds = seedConfig.ProbeTimeout.TotalSeconds,
            // A detector that watches in rounds (SWIM) bounds its report for watchers with rounds of a newcomer's links; each
            // neighbour more in the shortest round of a crashed peer's watchers adds its menu entry's step (SWIM: two periods).
            WatchRoundCovered = peer.LinksPerNewcomer,
            SecondsPerWatchRoundStep =
                Engine.Peer.FailureDetectorMenu.Choices[(int)peer.FailureDetector].WatchRoundStep?.Invoke(peer).TotalSeconds ?? 0,
            // A removed live peer learns it at its next membership refresh, then registers again.
            RejoinBoundSeconds = peer.MembershipRefresh.TotalSeconds + ScenarioConfig.DetectionBoundSeconds(s),
            MaxLoss = maxLoss,
            HadPartition = faults.OfType<PartitionFault>().Any(),
            HadSlowNetwork = slow,
            MessageListCapacity = ScenarioConfig.PeerConfigOf(s).MessageListCapacity,
            RunEndSeconds = runEndSeconds + timeOffsetSeconds,
        };
    }

    /// <summary>Draws a model without a closed form gives its 99th percentile from: enough for two digits.</summary>
    private const int P99Draws = 10_000;

    /// <summary>
    /// The link delay (ms) 99 % of messages beat under the scenario's model: exact where the model
    /// has a closed form (a uniform model's maximum, as the bound has always taken it), else read
    /// off draws from a fixed stream, so the same scenario always gets the same bound.
    /// </summary>
    public static double P99Ms(LatencyModel model)
    {
        switch (model)
        {
            case ConstantLatency c: return c.Ms;
            case UniformLatency u: return u.MaxMs;
            case LogNormalLatency l: return l.MinMs + l.MedianMs * Math.Exp(2.326 * l.Sigma);
            case EmpiricalLatency e: return e.MsAt(0.99);
        }
        var rng = new Rng(0x50393921); // "P99!": any fixed seed will do
        var ticks = new long[P99Draws];
        for (int i = 0; i < ticks.Length; i++) ticks[i] = model.SampleTicks(rng);
        Array.Sort(ticks);
        return ticks[(int)(0.99 * (ticks.Length - 1))] / (double)TimeSpan.TicksPerMillisecond;
    }
}
