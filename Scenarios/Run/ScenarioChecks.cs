using GossipSim.Analysis.Checks;
using GossipSim.Scenarios.Definition;

namespace GossipSim.Scenarios.Run;

/// <summary>The checkers' bounds for a scenario: when its faults end, and what the timings promise.</summary>
public static class ScenarioChecks
{
    public static CheckBounds BoundsOf(Scenario s, double runEndSeconds, double timeOffsetSeconds = 0)
    {
        double faultsEnd = 0;
        foreach (var f in s.Faults)
        {
            double end = f.At + (f.Action is "partition" or "loss" or "duplication" or "latency-spike" ? f.DurationSeconds ?? runEndSeconds : 0);
            // A partition without a duration lasts until a heal.
            if (f.Action == "partition" && f.DurationSeconds == null)
                end = s.Faults.Where(h => h.Action == "heal" && h.At >= f.At).Select(h => h.At).DefaultIfEmpty(runEndSeconds).Min();
            faultsEnd = Math.Max(faultsEnd, end);
        }
        if (s.Churn is { } c) faultsEnd = Math.Max(faultsEnd, c.Until);
        // Loss for the whole run never stops: there is no heal phase to check liveness in.
        if (s.Network.Loss > 0) faultsEnd = runEndSeconds;
        double maxLoss = s.Faults.Where(f => f.Action == "loss").Select(f => f.Rate ?? 0).Append(s.Network.Loss).Max();
        // A spike whose slow round trips (99th percentile of the latency model, times the
        // factor, plus the extra, both ways) outlast the shortest probe timeout makes live peers look dead.
        var peer = ScenarioConfig.PeerConfigOf(s);
        var seedConfig = ScenarioConfig.SeedConfigOf(s);
        double probeMs = Math.Min(peer.WitnessProbeTimeout.TotalMilliseconds / peer.WitnessProbeAttempts, seedConfig.ProbeTimeout.TotalMilliseconds / seedConfig.ProbeAttempts);
        double p99Ms = s.Network.Latency.Model switch
        {
            "constant" => s.Network.Latency.Ms ?? 20,
            "lognormal" => (s.Network.Latency.MinMs ?? 0) + (s.Network.Latency.MedianMs ?? 30) * Math.Exp(2.326 * (s.Network.Latency.Sigma ?? 0.5)),
            _ => s.Network.Latency.MaxMs ?? 50,
        };
        bool slow = s.Faults.Any(f => f.Action == "latency-spike" && 2 * (p99Ms * (f.Factor ?? 1) + (f.ExtraMs ?? 0)) > probeMs);
        return new CheckBounds
        {
            SeedCount = s.Seeds,
            FaultsEndSeconds = faultsEnd + timeOffsetSeconds,
            RemovalBoundSeconds = ScenarioConfig.DetectionBoundSeconds(s),
            // A removed live peer learns it at its next membership refresh, then registers again.
            RejoinBoundSeconds = peer.MembershipRefresh.TotalSeconds + ScenarioConfig.DetectionBoundSeconds(s),
            MaxLoss = maxLoss,
            HadPartition = s.Faults.Any(f => f.Action == "partition"),
            HadSlowNetwork = slow,
            MessageListCapacity = ScenarioConfig.PeerConfigOf(s).MessageListCapacity,
            RunEndSeconds = runEndSeconds + timeOffsetSeconds,
        };
    }
}
