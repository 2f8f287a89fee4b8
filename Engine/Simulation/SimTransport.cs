using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;

namespace GossipSim.Engine.Simulation;

/// <summary>
/// A node's attachment to the simulated network: its <see cref="ITransport"/> and its
/// <see cref="IClock"/> in one small object, since both are the node's slot of the same
/// <see cref="SimNetwork"/> (a million nodes make every object and every pointer followed per
/// send count). It holds the node's index and address, so a send or a timer goes straight to
/// the network with no lookup. What the contract leaves open, here: one thread (the one running
/// the network) calls back, in virtual-time order; a message is on the wire the moment it is
/// sent, so there is nothing queued for Abort to discard and the messages in flight still arrive.
/// </summary>
public sealed class SimTransport : ITransport, IClock
{
    private readonly SimNetwork _network;
    private readonly int _index;
    private bool _closed;

    internal SimTransport(SimNetwork network, int index, NodeAddress address)
    {
        _network = network;
        _index = index;
        LocalAddress = address;
    }

    public NodeAddress LocalAddress { get; }

    public TimeSpan Now => _network.Now;

    /// <summary>
    /// For an endpoint from <see cref="SimNetwork.Open"/>: messages that arrive from now on go to
    /// <paramref name="onMessage"/>. A node's own transport needs no start: the network hands its
    /// messages to the node.
    /// </summary>
    public void Start(MessageHandler onMessage)
    {
        if (_closed) throw new InvalidOperationException("transport closed");
        _network.Attach(_index, new HandlerEndpoint(onMessage));
    }

    public void Send(NodeAddress to, Message message)
    {
        if (!_closed) _network.Send(_index, LocalAddress, to, message);
    }

    public TimerId SetTimer(TimeSpan after, TimerTag tag) => _network.SetTimer(_index, after, tag);

    public void CancelTimer(TimerId id) => _network.CancelTimer(id);

    public void Abort()
    {
        if (_closed) return;
        _closed = true;
        _network.Detach(_index);
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
