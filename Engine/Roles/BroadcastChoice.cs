using GossipSim.Engine.Config;

namespace GossipSim.Engine.Roles;

/// <summary>
/// One broadcast on the menu: its name (a scenario's <c>"protocol": {"broadcast": "..."}</c> and a node's <c>--broadcast</c>),
/// a line of help, how a peer's role is made, and its own settings (<see cref="PeerTunables.RoleSetting"/>: numbers in the
/// scenario's "protocol" section and node options, read with <see cref="PeerConfig.Setting"/>).
/// </summary>
/// <param name="Name">Lower case letters, digits and dashes, starting with a letter ("push-pull").</param>
/// <param name="Create">Makes the role of one peer (called once a peer, when it is made): a new object for a role with state of
/// its own, or one shared object for a role without.</param>
public sealed record BroadcastChoice(string Name, string Help, Func<PeerConfig, BroadcastRole> Create)
{
    /// <summary>The broadcast's own settings.</summary>
    public IReadOnlyList<(Tunable<PeerConfig> Tunable, double Default)> Settings { get; init; } = [];

    /// <summary>Whether the broadcast promises every live peer every message created once the network has healed (the engine's
    /// own do). A probabilistic one that leaves a residue by design (rumour mongering) says no: a run still checks its delivery and
    /// the check names what it lost, but the swarm does not count that check against the run, and holds it to every other.</summary>
    public bool ReachesEveryLivePeer { get; init; } = true;
}
