using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Roles;

/// <summary>
/// Everything an overlay may do, and all it may read: its peer's links, the requests it has out, the seeds' lists (asked for with
/// <see cref="RequestPeers"/>), the engine's link primitives (ask a member to link, showing the certificate; drop a link), its own
/// messages, timers, the peer's random stream, trace and log. Handed to each call of <see cref="OverlayRole"/>; a value, not to be kept
/// past the call. Bounds hold an overlay to the protocol's: at most <see cref="MaxPendingLinks"/> requests out, links only up to the
/// peer's hard cap, its messages only to a neighbour, a member it asked to link, or the sender of the message it is handling, and at
/// most <see cref="MaxTimers"/> timers at once; a call past one throws <see cref="RoleBoundException"/> saying which.
/// </summary>
public readonly struct OverlayContext
{
    /// <summary>Link requests one peer's overlay may have out at once (each is a dial to a member the overlay named).</summary>
    public const int MaxPendingLinks = 64;

    /// <summary>Timers one peer's overlay may have set and not yet fired or cancelled.</summary>
    public const int MaxTimers = 4_096;

    private readonly IOverlayHost _host;

    internal OverlayContext(IOverlayHost host) => _host = host;

    /// <summary>This peer's address.</summary>
    public NodeAddress Self => _host.Ctx.Self;

    /// <summary>The time: virtual in the simulator, since the Unix epoch on a real node. Only differences mean anything.</summary>
    public TimeSpan Now => _host.Ctx.Now;

    /// <summary>The peer's own seeded stream: the only randomness an overlay may use (same seed, same draws, on every runtime).</summary>
    public Rng Random => _host.Ctx.Random;

    /// <summary>The peer's settings, among them a registered overlay's own (<see cref="PeerConfig.Setting"/>).</summary>
    public PeerConfig Config => _host.Config;

    /// <summary>The overlay's name in the menu.</summary>
    public string OverlayName => _host.OverlayName;

    /// <summary>The overlay's own object for this peer, kept by the peer: null until the overlay sets it.</summary>
    public object? State
    {
        get => _host.OverlayState;
        set => _host.OverlayState = value;
    }

    /// <summary>The neighbours now, in link order.</summary>
    public ReadOnlySpan<NodeAddress> Neighbours => _host.NeighbourAddresses;

    /// <summary>Whether <paramref name="a"/> is a neighbour.</summary>
    public bool IsNeighbour(NodeAddress a) => _host.NeighbourIndex(a) >= 0;

    /// <summary>Link requests out now (asked, not yet answered or timed out).</summary>
    public int PendingLinks => _host.PendingLinks;

    /// <summary>Whether a link request to <paramref name="a"/> is out.</summary>
    public bool IsPending(NodeAddress a) => _host.IsPendingLink(a);

    /// <summary>
    /// Whether <paramref name="a"/> may be asked now: this peer is registered (it has a certificate to show), and <paramref name="a"/>
    /// is not this peer, not a neighbour, has no request out, and is not a member the seeds removed lately (its removal is still
    /// spreading; asking it would link to the dead).
    /// </summary>
    public bool CanAsk(NodeAddress a) =>
        !_host.Registering && a != Self && !IsNeighbour(a) && !IsPending(a) && !_host.WasRemovedLately(a);

    /// <summary>
    /// Asks <paramref name="target"/> to link, showing this peer's certificate. Answered by <see cref="OverlayRole.OnLinkUp"/> or
    /// <see cref="OverlayRole.OnLinkFailed"/> (refused, or no answer within <see cref="PeerConfig.LinkTimeout"/>). A target
    /// <see cref="CanAsk"/> refuses, or a request past <see cref="MaxPendingLinks"/>, is a bound broken.
    /// </summary>
    public void AskLink(NodeAddress target)
    {
        if (!CanAsk(target))
            throw new RoleBoundException($"asked {target} to link, which it may not: "
                + (_host.Registering ? "this peer is registering with the seeds (it has no certificate to show)"
                    : target == Self ? "it is this peer" : IsNeighbour(target) ? "it is a neighbour already"
                    : IsPending(target) ? "a request to it is out already" : "the seeds removed it lately")
                + " (check CanAsk first)");
        if (PendingLinks >= MaxPendingLinks)
            throw new RoleBoundException($"asked for more than {MaxPendingLinks} links at once (none of them answered yet)");
        _host.AskLink(target);
    }

    /// <summary>Ends the link to <paramref name="neighbour"/> (it is told, and <see cref="OverlayRole.OnLinkDown"/> follows). A peer
    /// that is not a neighbour is a bound broken.</summary>
    public void DropLink(NodeAddress neighbour)
    {
        if (!IsNeighbour(neighbour))
            throw new RoleBoundException($"dropped the link to {neighbour}, which is not a neighbour");
        _host.DropLink(neighbour);
    }

    /// <summary>Asks one of the seeds that accepted this peer for a list of peers; its answer is <see cref="OverlayRole.OnPeers"/>.
    /// One request at a time: false when one is out already (or no seed has accepted this peer). A request not answered within
    /// <see cref="PeerConfig.ReattachRetry"/> was lost: it lapses, and the overlay may ask again (its next event, e.g. the refresh).</summary>
    public bool RequestPeers() => _host.RequestPeers();

    /// <summary>Sends one of this overlay's own messages: to a neighbour, to a member a link request is out to, or to the sender of
    /// the message being handled (an answer). Anyone else is a bound broken: an overlay reaches new members by asking them to link.</summary>
    public void Send(NodeAddress to, ProtocolMessage message)
    {
        if (!IsNeighbour(to) && !IsPending(to) && to != _host.AnsweringTo)
            throw new RoleBoundException($"sent a {message.GetType().Name} to {to}, which is not a neighbour, not asked to link and "
                + "not the sender of the message being answered");
        _host.SendOverlayMessage(to, message);
    }

    /// <summary>Fires <see cref="OverlayRole.OnTimer"/> with <paramref name="arg"/> after the delay, unless cancelled or the peer
    /// stopped. At most <see cref="MaxTimers"/> may be set and not yet fired or cancelled.</summary>
    public TimerId SetTimer(TimeSpan after, long arg) => _host.SetOverlayTimer(after, arg);

    public void CancelTimer(TimerId timer) => _host.CancelOverlayTimer(timer);

    /// <summary>A structured event into the run's trace.</summary>
    public void Trace(in TraceEvent e) => _host.Ctx.Trace(e);

    /// <summary>Whether <see cref="Log"/> writes anywhere: build a line only when it does.</summary>
    public bool LogEnabled => _host.Ctx.LogEnabled;

    /// <summary>One line of the peer's output file.</summary>
    public void Log(string line) => _host.Ctx.Log(line);

    /// <summary>Drops input the role will not act on: counted, the line logged (a burst a second, then a count).</summary>
    public void Reject(string line) => _host.Reject(line);
}
