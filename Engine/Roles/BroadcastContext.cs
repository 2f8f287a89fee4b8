using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Roles;

/// <summary>
/// Everything a broadcast may do, and all it may read: its peer's neighbours (the links, by position), the Message List's record
/// of which links a message crossed, sending to a neighbour, timers, the peer's random stream, trace and log. Handed to each call
/// of <see cref="BroadcastRole"/>; a value, not to be kept past the call. Bounds hold a role to the protocol's: it sends only to
/// neighbours, sets at most <see cref="MaxTimers"/> timers at once, and its messages carry at most
/// <see cref="ProtocolMessage.MaxBodyBytes"/> bytes; a call past one throws <see cref="RoleBoundException"/> saying which.
/// </summary>
public readonly struct BroadcastContext
{
    /// <summary>Timers one peer's broadcast may have set and not yet fired or cancelled.</summary>
    public const int MaxTimers = 131_072;

    private readonly IBroadcastHost _host;

    internal BroadcastContext(IBroadcastHost host) => _host = host;

    /// <summary>This peer's address.</summary>
    public NodeAddress Self => _host.Ctx.Self;

    /// <summary>The time: virtual in the simulator, since the Unix epoch on a real node. Only differences mean anything.</summary>
    public TimeSpan Now => _host.Ctx.Now;

    /// <summary>The peer's own seeded stream: the only randomness a role may use (same seed, same draws, on every runtime).</summary>
    public Rng Random => _host.Ctx.Random;

    /// <summary>The peer's settings, among them a registered broadcast's own (<see cref="PeerConfig.Setting"/>).</summary>
    public PeerConfig Config => _host.Config;

    /// <summary>The broadcast's name in the menu ("flood", "plumtree", or a registered one).</summary>
    public string BroadcastName => _host.BroadcastName;

    /// <summary>The neighbours now, in link order; a link is named by its position here (valid until the next link made or lost,
    /// which <see cref="BroadcastRole.OnLinkUp"/> and <see cref="BroadcastRole.OnLinkDown"/> tell).</summary>
    public ReadOnlySpan<NodeAddress> Neighbours => _host.NeighbourAddresses;

    /// <summary>The position of <paramref name="neighbour"/> among <see cref="Neighbours"/>; -1 when it is not one.</summary>
    public int IndexOf(NodeAddress neighbour) => _host.NeighbourIndex(neighbour);

    /// <summary>The broadcast's own mark on a link (false for a new link): one bit a link that the peer keeps for it, at no cost
    /// (Plumtree marks its lazy links).</summary>
    public bool LinkMark(int link) => _host.LinkMark(CheckLink(link));

    public void SetLinkMark(int link, bool mark) => _host.SetLinkMark(CheckLink(link), mark);

    /// <summary>
    /// The links <paramref name="copy"/> has not crossed yet (either way; not the one it came on), written as positions into
    /// <paramref name="links"/> (at least <see cref="Neighbours"/> long) and marked crossed now; returns how many. One Message List
    /// lookup for them all: the flood sends the message on each.
    /// </summary>
    public int ClaimLinks(in GossipCopy copy, Span<int> links)
    {
        if (links.Length < Neighbours.Length)
            throw new RoleBoundException($"ClaimLinks needs room for {Neighbours.Length} links, was given {links.Length}");
        return _host.ClaimLinks(copy, links);
    }

    /// <summary>Notes that a message crossed <paramref name="link"/> (a copy sent on it another way, as Plumtree's answer to a GRAFT).</summary>
    public void MarkCrossed(MessageId id, long incarnation, int link) => _host.MarkCrossed(id, incarnation, CheckLink(link));

    /// <summary>Whether this peer has the message (received or created, and not yet past the Message List's time to live).</summary>
    public bool HasReceived(MessageId id, long incarnation) => _host.HasReceived(id, incarnation);

    /// <summary>Sends a gossip message this peer holds on a link (counted as gossip sent). The receiver takes it only as its
    /// origin signed it.</summary>
    public void SendGossip(int link, Messages.Gossip message) => _host.SendGossip(CheckLink(link), message);

    /// <summary>Sends one of this broadcast's own messages to the neighbour on <paramref name="link"/>.</summary>
    public void Send(int link, ProtocolMessage message)
    {
        message.Role = RoleSlot.Broadcast;
        _host.Ctx.Send(Neighbours[CheckLink(link)], message);
    }

    /// <summary>Sends one of this broadcast's own messages to a neighbour; a peer that is not one is a bound broken.</summary>
    public void Send(NodeAddress neighbour, ProtocolMessage message)
    {
        if (_host.NeighbourIndex(neighbour) < 0)
            throw new RoleBoundException($"sent a {message.GetType().Name} to {neighbour}, which is not a neighbour: a broadcast "
                + "speaks only to its neighbours");
        message.Role = RoleSlot.Broadcast;
        _host.Ctx.Send(neighbour, message);
    }

    /// <summary>The engine's own broadcasts' messages (Plumtree's IHAVE, GRAFT, PRUNE), on a link.</summary>
    internal void SendEngineMessage(int link, Message message) => _host.Ctx.Send(Neighbours[CheckLink(link)], message);

    /// <summary>Fires <see cref="BroadcastRole.OnTimer"/> with <paramref name="arg"/> after the delay, unless cancelled or the peer
    /// stopped. At most <see cref="MaxTimers"/> may be set and not yet fired or cancelled.</summary>
    public TimerId SetTimer(TimeSpan after, long arg) => _host.SetRoleTimer(after, arg);

    public void CancelTimer(TimerId timer) => _host.CancelRoleTimer(timer);

    /// <summary>A structured event into the run's trace (what the analysis and the checks read).</summary>
    public void Trace(in TraceEvent e) => _host.Ctx.Trace(e);

    /// <summary>Whether <see cref="Log"/> writes anywhere: build a line only when it does.</summary>
    public bool LogEnabled => _host.Ctx.LogEnabled;

    /// <summary>One line of the peer's output file.</summary>
    public void Log(string line) => _host.Ctx.Log(line);

    /// <summary>Drops input the role will not act on: counted as gossip rejected, the line logged (a burst a second, then a count).</summary>
    public void Reject(string line) => _host.Reject(line);

    private int CheckLink(int link)
    {
        int count = _host.NeighbourAddresses.Length;
        if ((uint)link >= (uint)count)
            throw new RoleBoundException($"link {link} does not exist: the peer has {count} neighbours (positions 0 to {count - 1})");
        return link;
    }
}
