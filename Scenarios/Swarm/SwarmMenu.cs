using GossipSim.Engine.Config;
using GossipSim.Engine.Vocabulary;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;

namespace GossipSim.Scenarios.Swarm;

/// <summary>
/// What a swarm draws its runs' protocols from: broadcasts, overlays and failure detectors by name. By default every one on the
/// menus when the swarm starts, the engine's own and each a host registered (<see cref="All"/>); the command line may name fewer
/// (<see cref="Only"/>), and a replay names one of each. A run's protocol depends on its seed and on this menu alone, so the same
/// seed and the same menu give the same runs.
/// </summary>
public sealed record SwarmMenu(IReadOnlyList<string> Broadcasts, IReadOnlyList<string> Overlays, IReadOnlyList<string> Detectors)
{
    /// <summary>Every broadcast, overlay and failure detector on the menus now.</summary>
    public static SwarmMenu All => new([.. PeerTunables.BroadcastNames], [.. PeerTunables.OverlayNames], [.. PeerTunables.DetectorNames]);

    /// <summary>The engine's own (flood, plumtree; seed-pa, hyparview; classic, swim): what the swarm drew before a host could
    /// register roles, and on it a run draws the protocol it drew then.</summary>
    public static SwarmMenu EngineOwn => new(TunableChoice.NamesOf<BroadcastProtocol>(), TunableChoice.NamesOf<Overlay>(),
        TunableChoice.NamesOf<FailureDetector>());

    /// <summary>This menu with the parts named on the command line instead (comma-separated; null: keep the part); a name not on
    /// the menus, or named twice, is an error naming the option.</summary>
    public SwarmMenu Only(string? broadcasts, string? overlays, string? detectors) => new(
        broadcasts == null ? Broadcasts : MenuNames.Of("--broadcast", "broadcast protocol", broadcasts, PeerTunables.BroadcastNames),
        overlays == null ? Overlays : MenuNames.Of("--overlay", "overlay", overlays, PeerTunables.OverlayNames),
        detectors == null ? Detectors : MenuNames.Of("--failure-detector", "failure detector", detectors, PeerTunables.DetectorNames));

    /// <summary>The menu of <paramref name="p"/> alone: a replay of its run.</summary>
    public static SwarmMenu Of(SwarmProtocol p) => All.Only(Engine.Peer.BroadcastMenu.NameOf(p.Broadcast),
        Engine.Peer.OverlayMenu.NameOf(p.Overlay), Engine.Peer.FailureDetectorMenu.NameOf(p.Detector));

    /// <summary>"flood, plumtree, rumour × seed-pa, hyparview × classic, swim, phi-accrual".</summary>
    public override string ToString() =>
        $"{string.Join(", ", Broadcasts)} × {string.Join(", ", Overlays)} × {string.Join(", ", Detectors)}";

    /// <summary>
    /// One combination, each as likely. The broadcast varies fastest, then the overlay, so on <see cref="EngineOwn"/> a draw is the
    /// combination the swarm drew when it knew only those.
    /// </summary>
    public SwarmProtocol Draw(Rng rng)
    {
        int pick = rng.NextInt(Broadcasts.Count * Overlays.Count * Detectors.Count);
        string broadcast = Broadcasts[pick % Broadcasts.Count];
        string overlay = Overlays[pick / Broadcasts.Count % Overlays.Count];
        string detector = Detectors[pick / (Broadcasts.Count * Overlays.Count)];
        return new((BroadcastProtocol)RoleOption.Broadcast.PositionOf(broadcast), (Overlay)RoleOption.Overlay.PositionOf(overlay),
            (FailureDetector)RoleOption.Detector.PositionOf(detector));
    }
}
