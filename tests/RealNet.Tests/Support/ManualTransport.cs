using System.Collections.Concurrent;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.RealNet.Transport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Support;

/// <summary>A transport the test drives by hand: what the node sends is recorded, what it receives is injected.</summary>
public sealed class ManualTransport(NodeAddress local) : ITransport
{
    private MessageHandler? _handler;

    public NodeAddress LocalAddress { get; } = local;
    public ConcurrentQueue<(NodeAddress To, Message Message)> Sent { get; } = new();
    public bool Aborted { get; private set; }
    public bool Disposed { get; private set; }

    public void Start(MessageHandler onMessage) => _handler = onMessage;

    public void Send(NodeAddress to, Message message)
    {
        if (!Aborted && !Disposed) Sent.Enqueue((to, message));
    }

    public void Inject(NodeAddress from, Message message, int wireBytes = 0) => _handler!(from, message, wireBytes);

    public void Abort() => Aborted = true;

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
