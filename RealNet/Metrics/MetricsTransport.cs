using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Metrics;

/// <summary>
/// The node's transport, counting the messages it sends and receives by kind: pings sent and
/// the like have no trace event, and every message crosses this seam. Sends come from the node's
/// loop, receipts from the transport's threads, so the counts are interlocked.
/// </summary>
public sealed class MetricsTransport(ITransport inner) : ITransport, IReportsFailedSends
{
    /// <summary>Passed on to the transport it counts for, when that one reports (TCP does).</summary>
    public void ReportFailedSends(Action<NodeAddress> report) => (inner as IReportsFailedSends)?.ReportFailedSends(report);

    private readonly long[] _sent = new long[byte.MaxValue + 1];
    private readonly long[] _received = new long[byte.MaxValue + 1];

    public NodeAddress LocalAddress => inner.LocalAddress;

    public long Sent(MessageKind kind) => Interlocked.Read(ref _sent[(byte)kind]);

    public long Received(MessageKind kind) => Interlocked.Read(ref _received[(byte)kind]);

    public void Start(MessageHandler onMessage) => inner.Start((from, message, wireBytes) =>
    {
        Interlocked.Increment(ref _received[(byte)message.Kind]);
        onMessage(from, message, wireBytes);
    });

    public void Send(NodeAddress to, Message message)
    {
        Interlocked.Increment(ref _sent[(byte)message.Kind]);
        inner.Send(to, message);
    }

    public void Abort() => inner.Abort();

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
