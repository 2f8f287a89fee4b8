using GossipSim.Engine.Config;

namespace GossipSim.Engine.Roles;

/// <summary>
/// One overlay on the menu: its name (a scenario's <c>"protocol": {"overlay": "..."}</c> and a node's <c>--overlay</c>), a line of
/// help, its role (one object for every peer; a peer's state is <see cref="OverlayContext.State"/>), and its own settings
/// (<see cref="PeerTunables.RoleSetting"/>). The engine's own two are written on this contract as a user's is (<c>SeedPaOverlay</c>,
/// <c>HyParViewOverlay</c>), HyParView's walks its own messages (a SHUFFLE's reply by <see cref="OverlayContext.AnswerOrigin"/>).
/// </summary>
public sealed record OverlayChoice(string Name, string Help, OverlayRole? Role)
{
    /// <summary>The overlay's own settings.</summary>
    public IReadOnlyList<(Tunable<PeerConfig> Tunable, double Default)> Settings { get; init; } = [];
}
