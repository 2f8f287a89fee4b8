using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>
/// What every part of a peer knows of the peer, fixed for its life (its tunables, seed list,
/// identity and life id, and, once started, its node context), and the one throttled line
/// every part writes about input it refused. A mutable struct held in place in the peer, like
/// its parts (never copied): as an object of its own it would cost every peer a header and a
/// reference (docs/performance.md, section 4).
/// </summary>
internal struct PeerSelf(PeerConfig config, NodeAddress[] seeds, long life, IPeerIdentity identity)
{
    public readonly PeerConfig Config = config;
    /// <summary>The seeds of the set in force here, in address order (its seed list until it learns a step of the seed set); a seed's
    /// position in it names it in the join's sets.</summary>
    public NodeAddress[] Seeds { readonly get; private set; } = seeds;
    /// <summary>This process's life: what neighbours compare to notice a restart (pongs and links carry it).</summary>
    public readonly long Life = life;
    public readonly IPeerIdentity Identity = identity;
    private NodeContext? _ctx;
    private Rare? _rare; // what few peers ever need, in one object made on first need: one reference in every peer

    private sealed class Rare
    {
        public LogThrottle? RejectedInputLog;
        public SeedAddresses? Moves;
        public SeedSetHistory? LearnedSets;
        public TimeSpan StepsAskedAt = TimeSpan.MinValue;
        public ReportRetries? ReportRetries;
        public AsksAwaitingSet? AsksAwaitingSet;
    }

    /// <summary>Reports about unwatched neighbours waiting for a seed's answer (<see cref="Peer.ReportRetries"/>); null: none yet.</summary>
    public readonly ReportRetries? ReportRetries => _rare?.ReportRetries;

    /// <summary>Link asks waiting for a seed-set version this peer has not learned (<see cref="Peer.AsksAwaitingSet"/>); null: none
    /// yet.</summary>
    public readonly AsksAwaitingSet? AsksAwaitingSet => _rare?.AsksAwaitingSet;

    public AsksAwaitingSet TakeAsksAwaitingSet() => (_rare ??= new Rare()).AsksAwaitingSet ??= new AsksAwaitingSet();

    public ReportRetries TakeReportRetries() => (_rare ??= new Rare()).ReportRetries ??= new ReportRetries();

    /// <summary>Whether to ask a seed for the seed set's steps now: at most once a <paramref name="every"/>, however much input
    /// hints at a change this peer has not learned.</summary>
    public bool AskForStepsDue(TimeSpan every)
    {
        var rare = _rare ??= new Rare();
        if (rare.StepsAskedAt != TimeSpan.MinValue && Ctx.Now - rare.StepsAskedAt < every) return false;
        rare.StepsAskedAt = Ctx.Now;
        return true;
    }

    public readonly NodeContext Ctx => _ctx ?? throw new InvalidOperationException("node not started");
    public readonly NodeAddress Address => Ctx.Self;

    public void Started(NodeContext ctx) => _ctx = ctx;

    /// <summary>Whether <paramref name="a"/> speaks as a seed here: a seed of the set in force, or while a change is joint one of the
    /// set it replaces (that set still votes, and its seeds still send the steps, notices and replies of their decisions).</summary>
    public readonly bool IsSeed(NodeAddress a) =>
        Array.BinarySearch(Seeds, a) >= 0 || (_rare?.LearnedSets?.Current is { IsJoint: true } joint && joint.Counts(a));

    public readonly int SeedPosition(NodeAddress seed) => Array.BinarySearch(Seeds, seed);

    /// <summary>Where each seed is now, by name; null until a seed's word moved one.</summary>
    public readonly SeedAddresses? Moves => _rare?.Moves;

    /// <summary>The seed-set versions this peer learned from the seeds since it started; null: none (its seed list decides).</summary>
    public readonly SeedSetHistory? LearnedSets => _rare?.LearnedSets;

    /// <summary>The version of the seed set in force here (0: its seed list).</summary>
    public readonly long SetVersion => _rare?.LearnedSets?.Current.Version ?? 0;

    /// <summary>A checked step of the seed set: from now on the peer registers with, reports to and refreshes at the set's seeds.</summary>
    /// <param name="history">Its newest step stamped with <see cref="Ctx"/>'s time by <see cref="SeedSetHistory.Then"/>.</param>
    public void Learn(SeedSetHistory history)
    {
        (_rare ??= new Rare()).LearnedSets = history;
        Seeds = history.Current.Seeds;
    }

    public SeedAddresses TakeMoves() => (_rare ??= new Rare()).Moves ??= new SeedAddresses();

    /// <summary>Sends to seed <paramref name="seed"/> (a name) wherever it is now.</summary>
    public readonly void SendToSeed(NodeAddress seed, Message message) =>
        Ctx.Send(_rare?.Moves is { } moves ? moves.AddressOf(seed) : seed, message);

    /// <summary>The seed now at <paramref name="from"/> (its name), or <paramref name="from"/>.</summary>
    public readonly NodeAddress SeedNameOf(NodeAddress from) => _rare?.Moves is { } moves ? moves.NameOf(from) : from;

    public readonly void Log(string line) => Ctx.Log(line);

    /// <summary>
    /// A line about input this peer refused: a burst per second, then a count, written by a timer
    /// once the second is over (set only when a line was held), so a flood that stops is counted too.
    /// </summary>
    public void RejectInput(string line)
    {
        var ctx = Ctx; // a struct's lambda cannot capture the struct
        var rare = _rare ??= new Rare();
        var log = rare.RejectedInputLog ??= new LogThrottle(ctx.Log, burst: 20, "refused inputs", () => (long)ctx.Now.TotalMilliseconds);
        if (log.Line(line))
            ctx.SetTimer(TimeSpan.FromMilliseconds(log.MsUntilWindowEnds), new TimerTag(TimerKind.HeldOutputFlush));
    }

    /// <summary>The second in which refused-input lines were held is over: their count.</summary>
    public readonly void OnHeldOutputFlush()
    {
        if (_rare?.RejectedInputLog is { } log && !log.Flush()) // fired a hair early: the second's count is still to come
            Ctx.SetTimer(TimeSpan.FromMilliseconds(Math.Max(1, log.MsUntilWindowEnds)), new TimerTag(TimerKind.HeldOutputFlush));
    }
}
