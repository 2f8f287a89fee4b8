using GossipSim.Analysis.Checks;

namespace GossipSim.Scenarios.Definition;

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
        return new CheckBounds
        {
            SeedCount = s.Seeds,
            FaultsEndSeconds = faultsEnd + timeOffsetSeconds,
            RemovalBoundSeconds = ScenarioConfig.DetectionBoundSeconds(s),
            MaxLoss = maxLoss,
            HadPartition = s.Faults.Any(f => f.Action == "partition"),
            MessageListCapacity = ScenarioConfig.PeerConfigOf(s).MessageListCapacity,
            RunEndSeconds = runEndSeconds + timeOffsetSeconds,
        };
    }
}
