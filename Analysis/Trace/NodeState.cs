using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Trace;

/// <summary>
/// One node as the trace tells it, kept up to date by <see cref="TraceFold"/> (the only writer):
/// its role, its current life and incarnation, its links, what it received and which seeds list
/// it. Plain fields and no collection unless neighbours are tracked: a million peers each hold one.
/// </summary>
public sealed class NodeState
{
    /// <summary>Seed or peer, from its start (or crash) event; null while no such event was seen.</summary>
    public NodeRole? Role { get; internal set; }
    public bool IsSeed => Role == NodeRole.Seed;
    public bool IsPeer => Role == NodeRole.Peer;

    /// <summary>It traced a start at some point (any life).</summary>
    public bool Started { get; internal set; }
    public NodeLife Life { get; internal set; }
    /// <summary>Alive at the end of the run (or now): started, not crashed, not left.</summary>
    public bool IsUp => Life == NodeLife.Up;
    /// <summary>The incarnation of its current life, or the one it rejoined as.</summary>
    public long Incarnation { get; internal set; }

    /// <summary>A seed removed it from its list while it was up or crashed, in this life (a rejoin or a crash since clears it).</summary>
    public bool Removed { get; internal set; }
    /// <summary>Registered (or rejoined) in this life.</summary>
    public bool Registered { get; internal set; }
    /// <summary>Registered in any life.</summary>
    public bool EverRegistered { get; internal set; }

    /// <summary>
    /// Its links: link-ups minus link-downs of this life. Frozen when the run ends: the links a
    /// real run's peers close while everything stops (goodbyes) are the shutdown, not the overlay.
    /// </summary>
    public int Degree { get; internal set; }
    /// <summary>Its side of its links now, shutdown included; kept only when the fold tracks neighbours (the dashboard draws
    /// them).</summary>
    public HashSet<NodeAddress>? Neighbours { get; internal set; }
    /// <summary>Its links' modes and its passive entries, where its protocol traces them; kept only with <see cref="Neighbours"/>, null
    /// until its first such event in this life.</summary>
    public EdgeModes? EdgeModes { get; internal set; }
    /// <summary>Its degree when it crashed (the crash event's, else its links then).</summary>
    public int DegreeAtCrash { get; internal set; }
    /// <summary>When this life was first linked at both ends (ticks): its own first link-up and the first link-up another node traced
    /// to it, the later of the two (its own alone while no other node traced one to it); <see cref="long.MaxValue"/> while it has
    /// no link of its own. Gossip reaches it once another node holds a link to it, and it forwards once it holds one: a newcomer
    /// whose own side came up first missed a message its far end sent before taking the link (local CI, drain-host: 35 ms between
    /// the two, the message created between them).</summary>
    public long LinkedSinceTicks => LinkedToSinceTicks == long.MaxValue ? OwnLinkSinceTicks : Math.Max(OwnLinkSinceTicks, LinkedToSinceTicks);

    /// <summary>When this life's first own link came up (ticks); <see cref="long.MaxValue"/> while it has had none.</summary>
    internal long OwnLinkSinceTicks { get; set; } = long.MaxValue;
    /// <summary>When another node first traced a link to this life (ticks); <see cref="long.MaxValue"/> while none has.</summary>
    internal long LinkedToSinceTicks { get; set; } = long.MaxValue;

    /// <summary>Gossip messages it received first hand in this life: a start begins a new process, whose counters (the copies its
    /// gossip-counters line gives at its stop) start from zero too. Over all lives, a restarted peer's first life's receipts were set
    /// against its last life's copies (soak-hyparview's committed run: redundancy -0.187, fewer copies than first receipts).</summary>
    public long Deliveries { get; internal set; }
    /// <summary>Of this life's receipts, those of messages created once it was linked (what the delivery ratio counts).</summary>
    public long DeliveriesSinceLinked { get; internal set; }

    /// <summary>Which seeds list it now, a bit per seed (<see cref="TraceFold"/> numbers the seeds as first seen).</summary>
    public UInt128 ListedBy { get; internal set; }
    /// <summary>Seeds: peers on its list, as its latest member-added or member-removed said.</summary>
    public int Members { get; internal set; }
    /// <summary>The incarnation whose addition / removal some seed last committed (-1: none): a second seed committing the same change is
    /// no new change.</summary>
    internal long AddCommitted = -1, RemoveCommitted = -1;
    /// <summary>Seeds: its bit in <see cref="ListedBy"/>, or -1 before it added or removed anyone.</summary>
    internal sbyte SeedBit = -1;
    /// <summary>Seeds: a change of the seed set it took left it out (<see cref="TraceFold"/>): its list no longer makes a peer a member,
    /// as a crashed seed's does not.</summary>
    public bool VotedOut { get; internal set; }
}
