namespace GossipSim.Analysis.Plots;

/// <summary>One named set of delivery latencies, in seconds (e.g. "before crash").</summary>
public sealed record LatencySeries(string Name, double[] Seconds);

/// <summary>
/// One injected failure and how the network reacted, times in seconds since the run began.
/// Null means the event was not observed (a seed is never suspected; a removal may not have happened by the end).
/// </summary>
/// <param name="Degree">The node's links when it crashed.</param>
/// <param name="RemovedBySeeds">Seeds that removed it from their peer list.</param>
public sealed record FailureRow(string Node, string Role, double CrashAt, double? SuspectedAt, double? ReportedAt, double? RemovedAt,
    int Degree = 0, int RemovedBySeeds = 0);
