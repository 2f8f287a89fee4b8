using GossipSim.Engine.Config;
using GossipSim.Engine.HyParView;
using GossipSim.Engine.Roles;
using GossipSim.Engine.SeedPa;

namespace GossipSim.Engine.Peer;

/// <summary>
/// The overlays a peer can run: the engine's own (seed-pa, HyParView) and those a host registers at start-up, before any run (a
/// user's project registers its own: docs/extending.md). The one place an overlay is chosen by name.
/// </summary>
public static class OverlayMenu
{
    // Filled by the static constructor and by a host's registrations at start-up; read after (ProcessWideStateTests names it).
    private static readonly List<OverlayChoice> s_choices =
    [
        new("seed-pa", "R8: about three links by preferential attachment from the seeds' lists; a lost own link replaced the same way",
            SeedPaOverlay.Instance),
        new("hyparview", "Leitão, Pereira and Rodrigues, DSN 2007: active and passive views, JOIN, FORWARDJOIN, SHUFFLE",
            HyParViewOverlay.Instance),
    ];
    private static readonly object s_lock = new();

    /// <summary>Every overlay on the menu, in the order of their positions (<see cref="Overlay"/>).</summary>
    public static IReadOnlyList<OverlayChoice> Choices => s_choices;

    /// <summary>
    /// Puts an overlay on the menu: from now on a scenario or a node may name it. Call it at start-up, before any run, in every
    /// program that runs peers. Registering the same choice again is harmless; another choice under a taken name, a bad name, a
    /// choice without a role, or a setting whose field or option is taken, is refused with why.
    /// </summary>
    /// <returns>Its position: the <see cref="Overlay"/> value a <see cref="PeerConfig"/> names it by.</returns>
    public static Overlay Register(OverlayChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        if (choice.Role == null) throw new ArgumentException($"overlay \"{choice.Name}\" has no role: give the object every peer runs");
        lock (s_lock)
        {
            int known = s_choices.FindIndex(c => c.Name == choice.Name);
            if (known >= 0)
            {
                if (ReferenceEquals(s_choices[known], choice)) return (Overlay)known;
                throw new ArgumentException($"an overlay named \"{choice.Name}\" is on the menu already");
            }
            RoleMenuRules.CheckNew("overlay", choice.Name, choice.Settings);
            int position = PeerTunables.AddOverlay(choice.Name, choice.Settings);
            s_choices.Add(choice);
            return (Overlay)position;
        }
    }

    /// <summary>The overlay role a peer of <paramref name="overlay"/> runs (every entry has one).</summary>
    internal static OverlayRole RoleOf(Overlay overlay) => (uint)overlay < (uint)s_choices.Count ? s_choices[(int)overlay].Role!
        : throw new ArgumentException($"no overlay at position {(int)overlay} of the menu ({string.Join(", ", s_choices.Select(c => c.Name))})");

    /// <summary>The name of overlay <paramref name="o"/>.</summary>
    public static string NameOf(Overlay o) => (uint)o < (uint)s_choices.Count ? s_choices[(int)o].Name : $"overlay #{(int)o}";
}
