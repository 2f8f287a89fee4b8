using GossipSim.Engine.Config;
using GossipSim.Engine.Peer;
using GossipSim.Scenarios.Definition;

namespace GossipSim.Scenarios.Swarm;

/// <summary>
/// A swarm run's protocol: a broadcast, an overlay and a failure detector, by their positions on the menus. A run is replayed by
/// naming them (<see cref="Options"/>), so a replay is the same run whatever else is on the menus of the program that replays it.
/// </summary>
public readonly record struct SwarmProtocol(BroadcastProtocol Broadcast, Overlay Overlay, FailureDetector Detector)
{
    /// <summary>The protocol <paramref name="s"/> runs.</summary>
    public static SwarmProtocol Of(Scenario s)
    {
        var p = ScenarioConfig.PeerConfigOf(s);
        return new(p.Broadcast, p.Overlay, p.FailureDetector);
    }

    /// <summary>Sets it in <paramref name="s"/>'s "protocol" section.</summary>
    public void ApplyTo(Scenario s)
    {
        s.Protocol["broadcast"] = (double)Broadcast;
        s.Protocol["overlay"] = (double)Overlay;
        s.Protocol["failureDetector"] = (double)Detector;
    }

    /// <summary>"plumtree+hyparview+swim": as compare-protocols names it (the default overlay and detector are not named).</summary>
    public string Name => BroadcastMenu.NameOf(Broadcast)
        + (Overlay == Overlay.SeedPa ? "" : "+" + OverlayMenu.NameOf(Overlay))
        + (Detector == FailureDetector.Classic ? "" : "+" + FailureDetectorMenu.NameOf(Detector));

    /// <summary>"--broadcast rumour --overlay hyparview --failure-detector phi-accrual": the swarm's options that name every part.</summary>
    public string Options =>
        $"--broadcast {BroadcastMenu.NameOf(Broadcast)} --overlay {OverlayMenu.NameOf(Overlay)} --failure-detector {FailureDetectorMenu.NameOf(Detector)}";
}
