namespace GossipSim.Analysis.Fitting;

/// <summary>
/// An empirical latency model as a calibration fits it: quantile tables in ms at evenly spaced
/// probabilities 0 ... 1 and the factors on them. The fields are a scenario's <c>empirical</c>
/// latency fields of the same names (the compare command writes them into the calibrated scenario).
/// </summary>
/// <param name="QuantilesMs">A link delay per copy.</param>
/// <param name="ReceiverQuantilesMs">The receiving node's own delay, once per node and gossip message; null: none.</param>
/// <param name="MessageFactorMedian">Every delay of one gossip message's copies times a log-normal factor drawn once per message; null:
/// none.</param>
/// <param name="SlotQuantilesMs">A node's slot per gossip message, before which no copy reaches it; null: none.</param>
/// <param name="SlotWakeWeight">How much the slot follows how early a copy reaches the node; null: not at all.</param>
public sealed record FittedLatency(
    IReadOnlyList<double> QuantilesMs,
    IReadOnlyList<double>? ReceiverQuantilesMs = null,
    double? MessageFactorMedian = null,
    double? MessageFactorSigma = null,
    IReadOnlyList<double>? SlotQuantilesMs = null,
    double? SlotWakeWeight = null);
