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
    /// <summary>Link requests one peer's overlay may have out at once (each is a dial to a member the overlay named), or
    /// <see cref="PeerConfig.LinksPerNewcomer"/> when a scenario sets that higher (a complete graph's 99).</summary>
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
    /// Whether <paramref name="a"/> may be asked now: this peer holds a membership certificate to show (from its first registration
    /// on; one registering again shows the one it holds until the new one comes), and <paramref name="a"/>
    /// is not this peer, not a neighbour, has no request out, and is not a member the seeds removed lately (its removal is still
    /// spreading; asking it would link to the dead).
    /// </summary>
    public bool CanAsk(NodeAddress a) =>
        _host.HasCertificate && a != Self && !IsNeighbour(a) && !IsPending(a) && !_host.WasRemovedLately(a);

    /// <summary>
    /// Asks <paramref name="target"/> to link, showing this peer's certificate. Answered by <see cref="OverlayRole.OnLinkUp"/> or
    /// <see cref="OverlayRole.OnLinkFailed"/> (refused, or no answer within <see cref="PeerConfig.LinkTimeout"/>). A target
    /// <see cref="CanAsk"/> refuses, or a request past <see cref="MaxPendingLinks"/>, is a bound broken.
    /// </summary>
    public void AskLink(NodeAddress target)
    {
        CheckAsk(target, newcomer: false);
        _host.AskLink(target, null);
    }

    private void CheckAsk(NodeAddress target, bool newcomer)
    {
        if (newcomer ? !_host.HasCertificate || target == Self || IsNeighbour(target) || IsPending(target) : !CanAsk(target))
            throw new RoleBoundException($"asked {target} to link, which it may not: "
                + (!_host.HasCertificate ? "this peer holds no membership certificate to show yet (the seeds have not answered it)"
                    : target == Self ? "it is this peer" : IsNeighbour(target) ? "it is a neighbour already"
                    : IsPending(target) ? "a request to it is out already" : "the seeds removed it lately")
                + " (check CanAsk first)");
        int most = Math.Max(MaxPendingLinks, Config.LinksPerNewcomer);
        if (PendingLinks >= most)
            throw new RoleBoundException($"asked for more than {most} links at once (none of them answered yet)");
    }

    /// <summary>As <see cref="AskLink(NodeAddress)"/>, with a priority the other's overlay weighs (<see cref="OverlayRole.RefusesAsk"/>):
    /// HyParView's JOIN (to its contact), the end of a FORWARDJOIN walk, and NEIGHBOR at high priority (this peer has no link
    /// left) or low. The same bounds hold, but for one: a walk's end (<see cref="NeighbourAsk.ForwardJoin"/>) may ask a member the
    /// seeds removed lately, as the walk names a newcomer that has just joined (after a partition, often a new incarnation of a
    /// member removed while cut off); its certificate proves it when it answers.</summary>
    public void AskLink(NodeAddress target, NeighbourAsk ask)
    {
        CheckAsk(target, newcomer: ask == NeighbourAsk.ForwardJoin);
        _host.AskLink(target, ask);
    }

    /// <summary>Ends the link to <paramref name="neighbour"/> (it is told, and <see cref="OverlayRole.OnLinkDown"/> follows with
    /// <see cref="LinkEnd.Dropped"/>); <paramref name="why"/>, if given, is what the trace says of it. A peer that is not a neighbour
    /// is a bound broken.</summary>
    public void DropLink(NodeAddress neighbour, string? why = null)
    {
        if (!IsNeighbour(neighbour))
            throw new RoleBoundException($"dropped the link to {neighbour}, which is not a neighbour");
        _host.DropLink(neighbour, why);
    }

    /// <summary>Whether this peer asked <paramref name="a"/> for a link since the seeds' last list came (a fresh list starts afresh).</summary>
    public bool AskedSinceLists(NodeAddress a) => _host.AskedSinceLists(a);

    /// <summary>The peer is registering with the seeds (at start, or again after they removed it).</summary>
    public bool Registering => _host.Registering;

    /// <summary>
    /// Answers the member that started a walk, named in the walk's message this overlay is handling (a neighbour's): HyParView's
    /// SHUFFLE reply, which the paper sends over a temporary connection, or Cyclon's. The one send an overlay may make to a stranger
    /// on another's word, so it is bounded to once a message handled: a neighbour that names a victim as the origin of its walks gets
    /// one message sent to the victim for each message of its own, never more (no amplification), and its walks are the overlay's to
    /// budget. A second answer, one outside <see cref="OverlayRole.OnMessage"/>, or one to this peer is a bound broken.
    /// </summary>
    public void AnswerOrigin(NodeAddress origin, ProtocolMessage answer)
    {
        if (origin == Self) throw new RoleBoundException($"answered a walk's origin {origin}, which is this peer");
        if (!_host.TakeOriginAnswer())
            throw new RoleBoundException($"answered a walk's origin {origin} "
                + (_host.AnsweringTo.IsNone ? "outside the handling of a message (OnMessage)" : "twice for one message handled"));
        _host.SendOverlayMessage(origin, answer);
    }

    /// <summary>Asks one of the seeds that accepted this peer for a list of peers; its answer is <see cref="OverlayRole.OnPeers"/>.
    /// One request at a time: false when one is out already (or no seed has accepted this peer). While links are wanted
    /// (<see cref="WantedLinks"/>) and none is out, the peer asks again by itself, less and less often while the lists bring nobody new
    /// (twice as long after each such list, from <see cref="PeerConfig.ReattachRetry"/> up to <see cref="PeerConfig.ReattachRetryMax"/>),
    /// so a small network where every other peer is a neighbour goes quiet.</summary>
    public bool RequestPeers() => _host.RequestPeers(again: false);

    /// <summary>As <see cref="RequestPeers"/>, even when a request is out already (its answer may be lost), unless the lists lately
    /// brought nobody new: then the backed-off retry asks, and this returns false.</summary>
    public bool RequestPeersAgain() => _host.RequestPeers(again: true);

    /// <summary>
    /// Links this overlay still means to ask for, kept by the peer for it (0 until the overlay sets it). While it is above 0 the
    /// peer is linking (its join phase), asks the seeds again after a list that brought nobody new (<see cref="RequestPeers"/>), and
    /// does not count its links settled. An overlay that counts its links otherwise may leave it at 0.
    /// </summary>
    public int WantedLinks
    {
        get => _host.WantedLinks;
        set
        {
            if (value < 0) throw new RoleBoundException($"wanted {value} links: a count is never below 0");
            _host.WantedLinks = value;
        }
    }

    /// <summary>This peer looks for links again (some were lost, or it is under-linked): its join phase says so
    /// (<c>PeerNode.Phase</c> is <c>Reattaching</c>) until no link is wanted and none is out. <paramref name="newNeed"/>: a need the
    /// seeds' past lists could not have met, so the next request for peers goes at once, whatever the back-off.</summary>
    public void Reattaching(bool newNeed) => _host.Reattaching(newNeed);

    /// <summary>The peer registered and is asking for its first links (<c>PeerNode.Phase</c> is <c>Linking</c>): links others ask for
    /// count towards them as much as those it asks for.</summary>
    public bool Linking => _host.Linking;

    /// <summary>The peer registered as a later incarnation of its life: the seeds removed it while it was alive, and the links it
    /// kept may be only the peers cut off with it (a removal ends the links of the incarnation removed).</summary>
    public bool RegisteredAgain => _host.RegisteredAgain;

    /// <summary>
    /// Up to <paramref name="count"/> members to ask for links, drawn from the seeds' lists the peer holds (the union of the lists
    /// since the last was asked for) by preferential attachment: each as likely as its degree, as the seeds know it (R8,
    /// Barabási–Albert), spread over hosts so that one host's members do not take every link. Members this peer may not ask
    /// (<see cref="CanAsk"/>) or asked since the lists came are left out; none when the peer holds no list.
    /// </summary>
    public IReadOnlyList<NodeAddress> ChooseByDegree(int count) => count <= 0 ? [] : _host.ChooseByDegree(count);

    /// <summary>The members the seeds' lists named since they were last taken (each once, in the order received, with the degrees
    /// the seeds know), taken: the next call returns only those of later lists. <see cref="OverlayRole.OnJoined"/>'s and
    /// <see cref="OverlayRole.OnPeers"/>'s candidates are these, taken when first read.</summary>
    public IReadOnlyList<PeerListEntry> TakeCandidates() => _host.TakeCandidates();

    /// <summary>Marks the link to <paramref name="neighbour"/> as of this peer's own choosing (not made on another's word): the mark
    /// stays with the link (<see cref="IsOwnLink"/>) and comes back with its end (<see cref="OverlayRole.OnLinkDown"/>). A peer that
    /// is not a neighbour is a bound broken.</summary>
    public void MarkOwnLink(NodeAddress neighbour)
    {
        if (!IsNeighbour(neighbour)) throw new RoleBoundException($"marked the link to {neighbour}, which is not a neighbour");
        _host.SetOwnLink(_host.NeighbourIndex(neighbour));
    }

    /// <summary>Whether the link at <paramref name="link"/> (its position in <see cref="Neighbours"/>) was marked with
    /// <see cref="MarkOwnLink"/>.</summary>
    public bool IsOwnLink(int link) => _host.IsOwnLink(link);

    /// <summary>Sends one of this overlay's own messages: to a neighbour, to a member a link request is out to, or to the sender of
    /// the message being handled (an answer). Anyone else is a bound broken: an overlay reaches new members by asking them to link
    /// (and a walk's origin by <see cref="AnswerOrigin"/>).</summary>
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
