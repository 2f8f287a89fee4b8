using GossipSim.Engine.Config;
using GossipSim.Engine.Liveness;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Swim;

namespace GossipSim.Engine.Peer;

/// <summary>
/// The failure detectors a peer can run: the engine's own (classic, SWIM) and those a host registers at start-up, before any run
/// (a user's project registers its own: docs/extending.md). A peer's role is made here, once, from its configuration's choice: the
/// one place a detector is chosen by name.
/// </summary>
public static class FailureDetectorMenu
{
    // Filled by the static constructor and by a host's registrations at start-up; read after (ProcessWideStateTests names it).
    private static readonly List<FailureDetectorChoice> s_choices =
    [
        new("classic", "R11: every neighbour pinged each interval; after a few misses in a row its other neighbours are asked",
            _ => ClassicDetector.Instance)
        {
            // Its misses, one more ping interval of phase, and the witnesses' round.
            ReportedWithin = c => (c.MissesBeforeSuspect + 1) * c.PingInterval + c.SuspicionQueryTimeout,
        },
        new("swim", "Das, Gupta and Motivala, DSN 2002, with Lifeguard (Dadgar et al. 2018): one probe a period, k peers asked to "
            + "probe it, suspected, then reported after Lifeguard's timeout", _ => SwimFailureDetector.Instance)
        {
            // Its own bound to a suspicion (SwimRules.SuspectedWithin), the asked peers' probe, and Lifeguard's shortest suspicion: a
            // crashed peer's suspecters expect only the confirmations that can come (SwimRules.ExpectedConfirmations), and an asked
            // peer that stays silent stops being expected within its probe's timeout and a period.
            ReportedWithin = c => SwimRules.SuspectedWithin(c.SwimPeriod, c.SwimProbeTimeout, c.LinksPerNewcomer) + c.WitnessProbeTimeout
                + c.SwimSuspicionMin,
            // One neighbour probed a period, in turn: each neighbour more in a watcher's round adds two periods to SuspectedWithin.
            WatchRoundStep = c => 2 * c.SwimPeriod,
        },
    ];
    private static readonly object s_lock = new();

    /// <summary>Every detector on the menu, in the order of their positions (<see cref="FailureDetector"/>).</summary>
    public static IReadOnlyList<FailureDetectorChoice> Choices => s_choices;

    /// <summary>
    /// Puts a failure detector on the menu: from now on a scenario or a node may name it. Call it at start-up, before any run, in
    /// every program that runs peers (a user's host does it in its Main, and its node mode is the same program). Registering the
    /// same choice again is harmless; another choice under a taken name, a bad name, or a setting whose field or option is taken,
    /// is refused with why.
    /// </summary>
    /// <returns>Its position: the <see cref="FailureDetector"/> value a <see cref="PeerConfig"/> names it by.</returns>
    public static FailureDetector Register(FailureDetectorChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        lock (s_lock)
        {
            int known = s_choices.FindIndex(c => c.Name == choice.Name);
            if (known >= 0)
            {
                if (ReferenceEquals(s_choices[known], choice)) return (FailureDetector)known;
                throw new ArgumentException($"a failure detector named \"{choice.Name}\" is on the menu already");
            }
            RoleMenuRules.CheckNew("failure detector", choice.Name, choice.Settings);
            int position = PeerTunables.AddDetector(choice.Name, choice.Settings);
            s_choices.Add(choice);
            return (FailureDetector)position;
        }
    }

    /// <summary>The role of a peer made with <paramref name="config"/>.</summary>
    internal static FailureDetectorRole Create(PeerConfig config)
    {
        int at = (int)config.FailureDetector;
        if ((uint)at >= (uint)s_choices.Count)
            throw new ArgumentException($"no failure detector at position {at} of the menu ({string.Join(", ", s_choices.Select(c => c.Name))})");
        return s_choices[at].Create(config);
    }

    /// <summary>The name of failure detector <paramref name="d"/>.</summary>
    public static string NameOf(FailureDetector d) =>
        (uint)d < (uint)s_choices.Count ? s_choices[(int)d].Name : $"failure detector #{(int)d}";
}
