namespace GossipSim.Simulator.Latency.Wan;

/// <summary>One row of the measured table: the round trips (ms) between two countries, or inside one, over <see cref="Count"/>
/// pings.</summary>
public readonly record struct RttRow(long Count, double MeanMs, double StdMs, double MinMs, double MaxMs);
