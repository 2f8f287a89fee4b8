using GossipSim.Engine.Config;
using GossipSim.Scenarios.Definition;

namespace GossipSim.Scenarios.Run;

/// <summary>A command-line option that runs a scenario with another role from a menu: the option, the scenario's protocol field it
/// replaces, and the menu's names now (a host's registered roles among them).</summary>
public sealed record RoleOption(string Option, string Field, string What, Func<IReadOnlyList<string>> Names)
{
    public static readonly RoleOption Broadcast = new("--broadcast", "broadcast", "broadcast", () => PeerTunables.BroadcastNames);
    public static readonly RoleOption Overlay = new("--overlay", "overlay", "overlay", () => PeerTunables.OverlayNames);
    public static readonly RoleOption Detector = new("--failure-detector", "failureDetector", "failure detector", () => PeerTunables.DetectorNames);

    /// <summary>The three, in the order the command line and the repro command give them.</summary>
    public static readonly IReadOnlyList<RoleOption> All = [Broadcast, Overlay, Detector];

    /// <summary>The position of <paramref name="name"/> on the menu (what the scenario's field holds).</summary>
    public int PositionOf(string name)
    {
        var names = Names();
        for (int i = 0; i < names.Count; i++) if (names[i] == name) return i;
        throw new ScenarioException($"{Option} {name}: no such {What} on the menu; it has {string.Join(", ", names)}");
    }
}
