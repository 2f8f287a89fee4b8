using GossipSim.Analysis.Summary;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;

namespace GossipSim.Scenarios.Results;

/// <summary>What a finished run prints: each figure named for what it measures, each check with its verdict, and what was written
/// where.</summary>
public static class RunSummaryLines
{
    public static IEnumerable<string> Of(RunResult r)
    {
        var s = r.Summary;
        string span = s.Runtime == RuntimeNames.Sim ? $"{s.SimulatedSeconds:F1} s simulated" : $"{s.SimulatedSeconds:F1} s of run";
        yield return $"done in {s.WallSeconds:F1} s wall: {s.Events:N0} events ({s.EventsPerSecond:N0}/s), {span}, {Memory(s)}";
        yield return $"gossip: {s.Gossip.Messages:N0} messages created, {s.Gossip.Deliveries:N0} first receipts (delivery "
            + $"ratio {s.Gossip.DeliveryRatio:F5}), "
            + $"latency p50 {s.Gossip.LatencySeconds.P50:F3} s p99 {s.Gossip.LatencySeconds.P99:F3} s, redundancy {s.Gossip.Redundancy:F2} "
            + $"extra copies per first receipt";
        if (s.Gossip.ReceivedBeforeCreated is { } skew)
            yield return $"clocks: {skew.Receipts:N0} first receipts were timed before their message's creation, the earliest by "
                + $"{skew.WorstSeconds * 1000:F1} ms: the nodes' clocks differ by at least that (those latencies count as 0)";
        if (s.Gossip.Plumtree is { } tree)
            yield return $"plumtree: {tree.IhavesPerReceipt:F2} IHAVE and {tree.GraftsPerReceipt:F4} GRAFT per first receipt ({tree.IhavesSent:N0} "
                + $"IHAVE in {tree.IhaveMessagesSent:N0} messages, {tree.GraftsSent:N0} GRAFT, {tree.PrunesSent:N0} PRUNE sent; {tree.GivenUp:N0} messages given up)";
        yield return $"overlay: {s.Membership.LivePeersAtEnd:N0} live peers, degree mean {s.Degree.Mean:F2} max {s.Degree.Max:N0}";
        yield return $"membership: {s.Membership.DistinctChanges:N0} distinct changes ({s.Membership.ProposalsCommitted:N0} commits, "
            + $"counting each seed that committed one)";
        if (s.Membership.Swim is { } swim)
            yield return $"swim: {swim.ProbesSent:N0} probes ({swim.ProbesPerPeer:F1} a peer), {swim.IndirectProbesAsked:N0} indirect probes "
                + $"asked, {swim.Suspicions:N0} suspicions of which {swim.SuspicionsCleared:N0} cleared (the suspect answered)";
        foreach (var f in s.Failures.Take(MostFailureLines))
            yield return $"failure: {f.Role} {f.Node} (degree {f.Degree}) crashed at {f.At:F1} s, suspected {T(f.SuspectedAt)}, "
                + $"reported {T(f.ReportedAt)}, removed {T(f.RemovedAt)} (by {f.RemovedBySeeds} seeds)"
                + (f.RestartedAt is { } back ? $", started again at {back:F1} s first" : "");
        if (s.Failures.Count > MostFailureLines)
            yield return $"failures: {s.Failures.Count:N0} crashed, {s.Failures.Count(f => f.SuspectedAt != null):N0} suspected, "
                + $"{s.Failures.Count(f => f.RemovedAt != null):N0} removed by the seeds; {s.Failures.Count - MostFailureLines:N0} more "
                + "than the lines above, which summary.json lists every one of";
        if (s.Checks is { } checks)
        {
            foreach (var c in checks) yield return c.Line();
            yield return "checks: " + CheckCounts.Of(checks).Sentence();
        }
        yield return $"falseRemovals {s.FalseRemovals}, seedsAgree {s.SeedsAgree.ToString().ToLowerInvariant()}, "
            + $"traceHash {s.TraceHash ?? "(none: a real run is not byte-for-byte reproducible)"}";
        yield return OutputFiles.Line(r.OutDir);
    }

    /// <summary>Failures named a line each; a mass failure's others are counted in one line.</summary>
    public const int MostFailureLines = 10;

    /// <summary>The summary's field with each rank's peak memory (bytes, by rank) of a simulation on the ranks of an mpirun.</summary>
    public const string RankPeaksField = "rankPeakWorkingSetBytes";

    /// <summary>Which memory was measured: the whole run in one process, or the node processes one by one.</summary>
    public static string Memory(RunSummary s) => s.PeakWorkingSetPerNodeBytes is { } perNode
        ? $"peak memory per node process {Readable.Bytes(perNode)} (the largest), launcher {Readable.Bytes(s.PeakWorkingSetBytes)}"
        : s.Extra?.GetValueOrDefault(RankPeaksField) is long[] ranks
            ? $"peak memory per rank {string.Join(", ", ranks.Select(Readable.Bytes))} (ranks 0 to {ranks.Length - 1}), "
                + $"{Readable.Bytes(ranks.Sum())} in all"
        : s.Runtime == RuntimeNames.Sim
            ? $"peak memory {Readable.Bytes(s.PeakWorkingSetBytes)} (the whole run: one simulator process)"
            : $"peak memory {Readable.Bytes(s.PeakWorkingSetBytes)} (the whole run: every node in this one process)";

    private static string T(double? t) => t is { } v ? $"{v:F1} s" : "never";
}
