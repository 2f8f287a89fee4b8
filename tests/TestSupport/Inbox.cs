using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.TestSupport;

/// <summary>What one endpoint received, in arrival order; fed by the transport's handler from any thread.</summary>
public sealed class Inbox
{
    private readonly object _gate = new();
    private readonly List<(NodeAddress From, Message Message)> _received = new();

    /// <summary>A transport's <c>MessageHandler</c>.</summary>
    public void Add(NodeAddress from, Message message, int wireBytes)
    {
        lock (_gate) _received.Add((from, message));
    }

    public int Count
    {
        get { lock (_gate) return _received.Count; }
    }

    public (NodeAddress From, Message Message)[] Snapshot()
    {
        lock (_gate) return _received.ToArray();
    }

    public Task WaitForAsync(int count, TimeSpan timeout, string what) =>
        Eventually.HoldsAsync(() => Count >= count, $"{what} ({count} messages; {Count} so far)", timeout);

    public Task WaitForAsync(Func<Message, bool> match, TimeSpan timeout, string what) =>
        Eventually.HoldsAsync(() => Snapshot().Any(r => match(r.Message)), what, timeout);
}
