using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Simulator.Partitions;
using GossipSim.Simulator.World;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Network;

/// <summary>
/// A node's <see cref="ITransport"/>, <see cref="IClock"/> and <see cref="NodeContext"/> in one small
/// object (at a million nodes every object per peer counts), holding the node's index (sends and timers
/// reach its partition with no lookup) and its own network stream (the same draws whichever thread runs
/// it). Contract here: one thread at a time calls back, in virtual-time order; a message is on the wire
/// once sent, so Abort has nothing to discard and messages in flight still arrive.
/// </summary>
public sealed class SimTransport : NodeAttachment, ITransport, IClock
{
    private readonly SimNetwork _network;
    private readonly SimPartition _partition;
    private readonly INodeLog? _log;
    private bool _closed;

    /// <param name="random">The node's own stream (<see cref="NodeContext.Random"/>); a bare endpoint's is never drawn from.</param>
    internal SimTransport(SimNetwork network, SimPartition partition, int index, NodeAddress address, Rng random, Rng networkRandom,
        INodeLog? log, long made) : base(address, random, index, networkRandom, made)
    {
        _network = network;
        _partition = partition;
        _log = log;
    }

    public NodeAddress LocalAddress => Self;
    public override TimeSpan Now => new(_partition.Now);

    /// <summary>
    /// For an endpoint from <see cref="SimNetwork.Open"/>: messages that arrive from now on go to
    /// <paramref name="onMessage"/>. A node's own transport needs no start: the network hands its
    /// messages to the node.
    /// </summary>
    public void Start(MessageHandler onMessage)
    {
        if (_closed) throw new InvalidOperationException("transport closed");
        _network.Attach(Index, new HandlerEndpoint(onMessage));
    }

    public override void Send(NodeAddress to, Message message)
    {
        if (!_closed) _partition.Send(this, to, message);
    }

    public override TimerId SetTimer(TimeSpan after, TimerTag tag) => _partition.SetTimer(this, after, tag);

    public override void CancelTimer(TimerId id) => _partition.CancelTimer(id);

    public override void Trace(in TraceEvent e) => _partition.Output.Write(e);

    public override bool LogEnabled => _log is { Detailed: true };

    public override void Log(string line) => _log?.Line(Self, Now, line);

    /// <summary>See <see cref="LongLivedArrays"/>.</summary>
    public override NodeAddress[] NewLongLived(int count) => LongLivedArrays.Addresses(count);

    public void Abort()
    {
        if (_closed) return;
        _closed = true;
        _network.Detach(Index);
    }

    /// <summary>The same as <see cref="Abort"/>: nothing is ever queued at the sender.</summary>
    public ValueTask DisposeAsync()
    {
        Abort();
        return ValueTask.CompletedTask;
    }

    /// <summary>Stands in the network's node slot for an endpoint that is a handler, not a node.</summary>
    private sealed class HandlerEndpoint(MessageHandler onMessage) : Node
    {
        public override NodeRole Role => default; // no protocol role: only the contract tests use bare endpoints
        protected override void OnStart() { }
        public override void OnMessage(NodeAddress from, Message message) => onMessage(from, message, 0);
        public override void OnTimer(TimerTag tag) { }
    }
}
