namespace GossipSim.Simulator.Latency.Wan;

/// <summary>Where a pair's round trip comes from: its own measured row; the distance fit (no row, or too few pings behind it); a row
/// whose mean is at the 2 ms floor, drawn there; or the distance fit for a row whose mean light could not make between its two
/// countries (<see cref="WanAtlas.FloorMs"/>).</summary>
public enum RttSource : byte { Measured, Distance, BelowFloor, UnderLight }

/// <summary>
/// What a pair of countries' nodes draw: each pair of nodes its base round trip once, from <see cref="Base"/>, and each message an
/// exponential jitter of mean <see cref="JitterMeanMs"/> on top (a queue only adds delay, so the base stays the floor).
/// </summary>
public readonly record struct PairRtt(ShiftedLogNormal Base, double JitterMeanMs, RttSource Source);
