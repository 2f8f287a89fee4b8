namespace GossipSim.Analysis.Plots;

/// <summary>A figure that cannot be drawn (its size, Skia's refusal), said in words; the report leaves the plot out with this reason.</summary>
public sealed class PlotException(string message) : Exception(message);
