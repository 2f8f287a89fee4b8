using System.Diagnostics;
using GossipSim.Analysis.Checks;
using GossipSim.Analysis.Stats;
using GossipSim.Analysis.Summary;
using GossipSim.Scenarios.Definition;

namespace GossipSim.Scenarios.Run;

/// <summary>
/// The one builder of a run's summary (summary.json), whatever ran it: the scenario's header,
/// the figures of its trace, the checks' verdicts, then what the runtime itself measured.
/// </summary>
public static class RunSummaries
{
    /// <summary>The checkers of a run of <paramref name="s"/>, on the clock its results count from.</summary>
    /// <param name="origin">The scenario's time zero on the trace's clock (a real run's start-up grace ends there).</param>
    /// <param name="runEndSeconds">When the run ended on the scenario's clock, when a real run moved its end (a fault applied late,
    /// <see cref="Runtimes.Processes.RunEnd"/>); else the scenario's planned length.</param>
    public static TraceChecks Checks(Scenario s, RunStatistics stats, TimeSpan origin = default, double? runEndSeconds = null) =>
        new(ScenarioChecks.BoundsOf(s, runEndSeconds ?? ScenarioConfig.DurationOf(s)), stats, origin);

    /// <param name="events">Events the run processed (the simulator) or traced (real nodes): with the wall time, the rate.</param>
    /// <param name="traceHash">The trace's fingerprint; null for a real run, which is not reproducible byte for byte.</param>
    /// <param name="simulatedSeconds">The simulator's clock at the end; null: the trace's last event.</param>
    /// <param name="measuredHere">The run ran in this process (not nodes collected from elsewhere): its peak memory is the run's.</param>
    /// <param name="peakWorkingSetPerNodeBytes">The largest node process's peak, when the nodes were processes of their own.</param>
    /// <remarks>The runtime adds its own figures under <see cref="RunSummary.Extra"/>.</remarks>
    public static RunSummary Of(Scenario s, string runtime, ulong seed, RunStatistics stats, TraceChecks checks, TimeSpan wall,
        long events, long traceLines,
        string? traceHash = null, double? simulatedSeconds = null, bool measuredHere = true, long? peakWorkingSetPerNodeBytes = null)
    {
        var summary = new RunSummary { Scenario = s.Name!, Runtime = runtime, Seed = seed, Seeds = s.Seeds, Peers = s.Peers };
        stats.FillSummary(summary);
        summary.Checks = checks.Results();
        if (simulatedSeconds is { } simulated) summary.SimulatedSeconds = simulated;
        summary.WallSeconds = Math.Round(wall.TotalSeconds, 3);
        summary.Events = events;
        summary.EventsPerSecond = Math.Round(events / Math.Max(1e-9, wall.TotalSeconds));
        summary.TraceHash = traceHash;
        summary.TraceLines = traceLines;
        if (measuredHere) summary.PeakWorkingSetBytes = Process.GetCurrentProcess().PeakWorkingSet64;
        summary.PeakWorkingSetPerNodeBytes = peakWorkingSetPerNodeBytes;
        // Last: an expected figure may be any of the summary's, the run's own measures included.
        summary.Checks!.AddRange(ExpectedFigures.Check((s.Expected ?? []).Select(e => new ExpectedFigure(e.Figure, e.Value, e.Within, e.Source))
            .ToList(), summary));
        return summary;
    }
}
