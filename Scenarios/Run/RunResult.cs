using GossipSim.Analysis.Stats;
using GossipSim.Analysis.Summary;

namespace GossipSim.Scenarios.Run;

/// <summary>What a finished run hands to the results writer, whatever ran it.</summary>
public sealed record RunResult(RunSummary Summary, RunStatistics Statistics, string OutDir);
