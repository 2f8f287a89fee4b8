using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Gossip;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Trust;

namespace GossipSim.Engine.Peer;

/// <summary>
/// A peer (R7-R12): registers with a majority of seeds, links by preferential attachment,
/// gossips, watches its neighbours and reports the dead. Split by concern: join and links,
/// gossip, liveness.
/// </summary>
public sealed partial class PeerNode : Node
{
    private readonly PeerConfig _config;
    private readonly NodeAddress[] _seeds;
    /// <summary>Membership incarnation: starts as the life id, goes up when the peer rejoins after a removal.</summary>
    private long _incarnation;
    /// <summary>This process's life: what neighbours compare to notice a restart (pongs and links carry it).</summary>
    private readonly long _life;
    // Mutable structs held in place (never copied).
    private NeighbourTable _neighbours = new();
    private MessageList _messages;
    private readonly IPeerIdentity _identity;
    /// <summary>The proof that the seeds admitted this peer, shown with its links and its gossip (none until registered).</summary>
    private MembershipCertificate _certificate;

    /// <param name="identity">How gossip is signed and certificates checked: a real peer's keys; none: the simulator's structural stand-in.</param>
    public PeerNode(PeerConfig config, IReadOnlyList<NodeAddress> seeds, long incarnation, IPeerIdentity? identity = null)
    {
        config.Validate();
        if (seeds.Count == 0) throw new ArgumentException("a peer needs at least one seed");
        _config = config;
        // Every peer of a run gets the same seed list: share it when it is already a sorted array.
        _seeds = seeds is NodeAddress[] array && IsSorted(array) ? array : seeds.OrderBy(s => s).ToArray();
        _incarnation = incarnation;
        _life = incarnation;
        _messages = new MessageList(config.MessageListTtl, config.MessageListCapacity);
        _identity = identity ?? StructuralIdentity.ForPeers;
    }

    public override NodeRole Role => NodeRole.Peer;
    public long Incarnation => _incarnation;
    public int Degree => _neighbours.Count;
    public override int OverlayDegree => Degree;
    public override bool IsRegisteredPeer => IsRegistered;
    /// <summary>A copy of the neighbours in link order (for inspection: tests, status files).</summary>
    public IReadOnlyList<Neighbour> Neighbours => _neighbours.Snapshot();
    public int MessageListCount => _messages.Count;
    public bool IsRegistered => _phase != JoinPhase.Registering;
    public JoinPhase Phase => _phase;
    public long GossipReceived => _gossipReceived;
    public long GossipSent => _gossipSent;
    /// <summary>This peer's membership certificate (none until a seed that accepted it handed one over).</summary>
    public MembershipCertificate Certificate => _certificate;

    protected override void OnStart()
    {
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.NodeStarted, Address, A: _incarnation, Detail: "peer"));
        if (Ctx.LogEnabled) Log($"peer {Address} started (incarnation {_incarnation}); registering with {Quorum.Of(_seeds.Length)} of {_seeds.Length} seeds");
        var sweep = TimeSpan.FromTicks(Math.Max(_config.MessageListTtl.Ticks / 2, TimeSpan.TicksPerSecond));
        Ctx.SetTimer(sweep, new TimerTag(TimerKind.MessageListSweep));
        StartRegistration();
    }

    public override void OnMessage(NodeAddress from, Message message)
    {
        switch (message)
        {
            case Messages.Gossip m: OnGossip(from, m); break;
            case Ping m: OnPing(from, m); break;
            case Pong m: OnPong(from, m); break;
            case SuspectQuery m: OnSuspectQuery(from, m); break;
            case SuspectReply m: OnSuspectReply(from, m); break;
            case LinkRequest m: OnLinkRequest(from, m); break;
            case LinkReply m: OnLinkReply(from, m); break;
            case LinkClose: OnLinkClose(from); break;
            case RegisterReply m when IsSeed(from): OnRegisterReply(from, m); break;
            case PeerListReply m when IsSeed(from): OnPeerListReply(from, m); break;
            case RemovalNotice m when IsSeed(from): OnRemovalNotice(from, m); break;
            case MembershipStatus m when IsSeed(from): OnMembershipStatus(from, m); break;
            case Messages.ReportRejected m when IsSeed(from): OnReportRejected(from, m); break;
            case NotAMember m when IsSeed(from): OnNotAMember(from, m); break;
            case RefreshReply m when IsSeed(from): OnRefreshReply(from, m); break;
            case DialBackChallenge m: OnDialBackChallenge(m); break;
            default:
                RejectInput($"ignored unexpected {message.Kind} from {from}");
                break;
        }
    }

    public override void OnTimer(TimerTag tag)
    {
        switch (tag.Kind)
        {
            case TimerKind.RegisterTimeout: OnRegisterTimeout(tag.Arg); break;
            case TimerKind.LinkTimeout: OnLinkTimeout(NodeAddress.FromKey((ulong)tag.Arg)); break;
            case TimerKind.ReattachRetry: OnReattachRetry(tag.Arg); break;
            case TimerKind.GossipTick: OnGossipTick(); break;
            case TimerKind.PingTick: OnPingTick(); break;
            case TimerKind.SuspicionQueryTimeout: OnSuspicionQueryTimeout(tag.Arg); break;
            case TimerKind.WitnessProbe: OnWitnessProbeStep(tag.Arg); break;
            case TimerKind.MembershipRefresh: OnMembershipRefresh(); break;
            case TimerKind.HeldOutputFlush:
                if (_rejectedInputLog is { } log && !log.Flush()) // fired a hair early: the second's count is still to come
                    Ctx.SetTimer(TimeSpan.FromMilliseconds(Math.Max(1, log.MsUntilWindowEnds)), new TimerTag(TimerKind.HeldOutputFlush));
                break;
            case TimerKind.MessageListSweep:
                _messages.Sweep(Ctx.Now);
                Ctx.SetTimer(TimeSpan.FromTicks(Math.Max(_config.MessageListTtl.Ticks / 2, TimeSpan.TicksPerSecond)), tag);
                break;
        }
    }

    public override void OnStop(bool sayGoodbye)
    {
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.GossipCounters, Address, A: _gossipReceived, B: _gossipSent));
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.PeerState, Address, A: _neighbours.Count, B: _messages.Count));
        if (sayGoodbye)
        {
            foreach (var s in AcceptedSeeds()) Ctx.Send(s, new Goodbye(_incarnation));
            foreach (var a in _neighbours.Addresses()) Ctx.Send(a, new LinkClose());
            Log($"leaving: said goodbye to {_acceptedSeeds.Count} seeds and {_neighbours.Count} neighbours");
        }
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.NodeStopped, Address));
    }

    private bool IsSeed(NodeAddress a) => Array.BinarySearch(_seeds, a) >= 0;

    private static bool IsSorted(NodeAddress[] a)
    {
        for (int i = 1; i < a.Length; i++) if (a[i - 1].CompareTo(a[i]) >= 0) return false;
        return true;
    }
}
