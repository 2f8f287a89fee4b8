using GossipSim.Analysis.Stats;
using GossipSim.Analysis.Trace;
using GossipSim.Scenarios.Definition;

namespace GossipSim.Scenarios.Run;

/// <summary>
/// An empirical latency's "from": the per-hop delays of the real run it names, measured
/// (<see cref="HopDelayFit"/>) into the quantile table its model draws from. The loader only finds
/// the trace; measuring it is the analysis's work, done here once a scenario is loaded and
/// before its latency model is built.
/// </summary>
public static class MeasuredLatencies
{
    /// <summary>Measures the trace <paramref name="s"/>'s empirical latency names, if it names one and it is not measured yet.</summary>
    /// <exception cref="ScenarioException">The trace is missing from its folder, or is not a real run's trace with gossip hops.</exception>
    public static void Measure(Scenario s)
    {
        var lat = s.Network.Latency;
        if (lat.Model != "empirical" || lat.QuantilesMs != null || lat.Measured != null || lat.FromPath is not { } from) return;
        string field = $"{s.Name}: field network.latency.from: expected";
        string trace = File.Exists(from) ? from
            : TraceFile.Find(from) ?? throw new ScenarioException($"{field} a trace file (trace.jsonl.gz) or a results folder that holds "
            + $"one; {lat.From} holds none");
        try
        {
            lat.Measured = HopDelayFit.Of(TraceFile.Read(trace)).QuantilesMs;
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or IOException)
        {
            throw new ScenarioException($"{field} a real run's trace with gossip hops to measure; {ex.Message}");
        }
    }
}
