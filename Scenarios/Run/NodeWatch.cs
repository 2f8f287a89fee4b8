using GossipSim.Scenarios.Run.Faults;

namespace GossipSim.Scenarios.Run;

/// <summary>A running node as a watcher sees it: which one, where, and its OS process (null: it shares the runner's process or runs in a
/// container).</summary>
public sealed record WatchedNode(NodeRef Node, string Address, int? ProcessId);

/// <summary>
/// Real runs: every <see cref="EverySeconds"/> (and once more before the nodes stop) the run's loop hands <see cref="Sample"/> the
/// scenario's time in seconds and every running node. Called on the run's loop, so it must be quick (a soak reads /proc).
/// </summary>
public sealed record NodeWatch(double EverySeconds, Action<double, IReadOnlyList<WatchedNode>> Sample);
