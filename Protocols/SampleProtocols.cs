using GossipSim.Engine.Config;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Roles;
using GossipSim.Protocols.PhiAccrual;
using GossipSim.Protocols.Rumour;
using GossipSim.Protocols.Uniform;

namespace GossipSim.Protocols;

/// <summary>
/// The protocols of this project as menu entries, and <see cref="Register"/>, which puts them on the menus. Every program
/// that runs peers calls it at start-up (the scenario runner and the node program do, from a module initializer), so a scenario
/// and a node name them alike on every runtime.
/// </summary>
public static class SampleProtocols
{
    /// <summary>Cycle: much longer than a link's delay (LAN 1-5 ms, the simulator's default 10-50 ms), so a push's feedback is back
    /// before the next push, as in the paper's synchronous cycles; short enough that an epidemic among 1,000 peers (about
    /// log2 n + ln n = 17 cycles) ends in seconds, far inside the Message List's time to live (5 min).</summary>
    public const double DefaultCycleSeconds = 1;

    /// <summary>k: each step of k divides the residue by about three for one more push a site (the paper's analysis, s =
    /// e^-(k+1)(1-s), and its Table 1); 3 is the first k whose residue is about 2 % (0.020 measured among 1,000 peers, 3.9 pushes a
    /// peer: docs/rumour.md).</summary>
    public const double DefaultCounter = 3;

    /// <summary>Rumour mongering, push, feedback and counter (Demers et al., PODC 1987): broadcast "rumour".</summary>
    public static readonly BroadcastChoice Rumour = new("rumour",
        "Demers et al., PODC 1987: push a hot rumour to a random neighbour each cycle; lose interest after k \"had it already\"",
        config => new RumourMongering(config))
    {
        Settings =
        [
            PeerTunables.RoleSetting(RumourMongering.CycleField, "--rumour-cycle", DefaultCycleSeconds, 0, whole: false,
                "rumour: each hot rumour is pushed to one random neighbour this often"),
            PeerTunables.RoleSetting(RumourMongering.CounterField, "--rumour-counter", DefaultCounter, 1, whole: true,
                "rumour: unnecessary contacts (\"had it already\") before the peer loses interest in a rumour (the paper's k)"),
            PeerTunables.RoleSetting(RumourMongering.CounterResetsField, "--rumour-counter-resets", 0, 0, whole: true,
                "rumour: 1 = a useful push (no \"had it already\" by the next cycle) starts the count again, so interest is lost after "
                    + "k unnecessary contacts in a row; 0 = the count only grows"),
        ],
        // Peers that never hear a rumour are the paper's residue s = e^-(k+1)(1-s), about 2 % at k = 3 (docs/rumour.md).
        ReachesEveryLivePeer = false,
    };

    /// <summary>The φ-accrual failure detector (Hayashibara et al., SRDS 2004): failure detector "phi-accrual".</summary>
    public static FailureDetectorChoice PhiAccrual => PhiAccrualDetector.Choice;

    /// <summary>A uniform random overlay: overlay "uniform".</summary>
    public static readonly OverlayChoice Uniform = new("uniform",
        "k links to members drawn uniformly from the seeds' lists (whatever their degree), others' asks taken up to 2k, a lost link replaced alike",
        UniformOverlay.Instance)
    {
        Settings =
        [
            PeerTunables.RoleSetting(UniformOverlay.LinksField, "--uniform-links", 3, 1, whole: true,
                "uniform: links each peer asks for (k); it takes others' asks up to 2k"),
        ],
    };

    /// <summary>Puts this project's protocols on the menus (rumour mongering on the broadcasts', φ-accrual on the failure
    /// detectors', the uniform overlay on the overlays'); calling it again is harmless.</summary>
    public static void Register()
    {
        BroadcastMenu.Register(Rumour);
        FailureDetectorMenu.Register(PhiAccrual);
        OverlayMenu.Register(Uniform);
    }
}
