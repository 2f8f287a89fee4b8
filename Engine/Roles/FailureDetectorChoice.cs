using GossipSim.Engine.Config;

namespace GossipSim.Engine.Roles;

/// <summary>
/// One failure detector on the menu: its name (a scenario's <c>"protocol": {"failureDetector": "..."}</c> and a node's
/// <c>--failure-detector</c>), a line of help, how a peer's role is made, and its own settings
/// (<see cref="PeerTunables.RoleSetting"/>: numbers in the scenario's "protocol" section and node options, read with
/// <see cref="PeerConfig.Setting"/>).
/// </summary>
/// <param name="Name">Lower case letters, digits and dashes, starting with a letter ("phi-accrual").</param>
/// <param name="Create">Makes the role of one peer (called once a peer, when it is made): one shared object for a detector that
/// keeps each peer's state in <see cref="DetectorContext.State"/>, or a new object a peer.</param>
public sealed record FailureDetectorChoice(string Name, string Help, Func<PeerConfig, FailureDetectorRole> Create)
{
    /// <summary>The detector's own settings.</summary>
    public IReadOnlyList<(Tunable<PeerConfig> Tunable, double Default)> Settings { get; init; } = [];

    /// <summary>How long after a neighbour's crash this detector has reported it, at the latest, under the given settings on a
    /// network without loss: what a run's check "crashed peers removed in time" allows it (the seeds' probe and vote are added).
    /// The engine's own detectors give theirs; without it a registered detector is held to the classic detector's bound (its
    /// misses, a ping interval of phase and the witnesses' round), which a slower detector fails.</summary>
    public Func<PeerConfig, TimeSpan>? ReportedWithin { get; init; }

    /// <summary>How this detector's watch proceeds: null when it watches every neighbour at once (the classic detector), so its
    /// bound holds whatever a watcher's degree; for one that probes its neighbours in rounds, one a period (SWIM's round-robin),
    /// how much later its report may come for each neighbour its watcher has past a newcomer's links (SWIM: two periods, as its
    /// round-robin promises detection within twice a round). A run then notes the shortest round among a crashed peer's watchers,
    /// and the check "crashed peers removed in time" allows it this much more per neighbour past
    /// <see cref="PeerConfig.LinksPerNewcomer"/>, for the engine's detector and a registered one alike.</summary>
    public Func<PeerConfig, TimeSpan>? WatchRoundStep { get; init; }
}
