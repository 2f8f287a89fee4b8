using GossipSim.Engine.Config;
using GossipSim.Engine.Gossip;
using GossipSim.Engine.Plumtree;
using GossipSim.Engine.Roles;

namespace GossipSim.Engine.Peer;

/// <summary>
/// The broadcasts a peer can run: the engine's own (flood, Plumtree) and those a host registers at start-up, before any run (a
/// user's project registers its own: docs/extending.md). A peer's role is made here, once, from its configuration's choice: the
/// one place a broadcast is chosen by name.
/// </summary>
public static class BroadcastMenu
{
    // Filled by the static constructor and by a host's registrations at start-up; read after (ProcessWideStateTests names it).
    private static readonly List<BroadcastChoice> s_choices =
    [
        new("flood", "R10: every neighbour but the sender gets every message once", _ => FloodBroadcast.Instance),
        new("plumtree", "Leitão, Pereira and Rodrigues, SRDS 2007: the message on tree links, IHAVE on the others",
            _ => new PlumtreeBroadcast()),
    ];
    private static readonly object s_lock = new();

    /// <summary>Every broadcast on the menu, in the order of their positions (<see cref="BroadcastProtocol"/>).</summary>
    public static IReadOnlyList<BroadcastChoice> Choices => s_choices;

    /// <summary>
    /// Puts a broadcast on the menu: from now on a scenario or a node may name it. Call it at start-up, before any run, in every
    /// program that runs peers (a user's host does it in its Main, and its node mode is the same program). Registering the same
    /// choice again is harmless; another choice under a taken name, a bad name, or a setting whose field or option is taken, is
    /// refused with why.
    /// </summary>
    /// <returns>Its position: the <see cref="BroadcastProtocol"/> value a <see cref="PeerConfig"/> names it by.</returns>
    public static BroadcastProtocol Register(BroadcastChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        lock (s_lock)
        {
            int known = s_choices.FindIndex(c => c.Name == choice.Name);
            if (known >= 0)
            {
                if (ReferenceEquals(s_choices[known], choice)) return (BroadcastProtocol)known;
                throw new ArgumentException($"a broadcast named \"{choice.Name}\" is on the menu already");
            }
            RoleMenuRules.CheckNew("broadcast", choice.Name, choice.Settings);
            int position = PeerTunables.AddBroadcast(choice.Name, choice.Settings);
            s_choices.Add(choice);
            return (BroadcastProtocol)position;
        }
    }

    /// <summary>The role of a peer made with <paramref name="config"/>.</summary>
    internal static BroadcastRole Create(PeerConfig config)
    {
        int at = (int)config.Broadcast;
        if ((uint)at >= (uint)s_choices.Count)
            throw new ArgumentException($"no broadcast at position {at} of the menu ({string.Join(", ", s_choices.Select(c => c.Name))})");
        return s_choices[at].Create(config);
    }

    /// <summary>The name of broadcast <paramref name="p"/>.</summary>
    public static string NameOf(BroadcastProtocol p) => (uint)p < (uint)s_choices.Count ? s_choices[(int)p].Name : $"broadcast #{(int)p}";

}
