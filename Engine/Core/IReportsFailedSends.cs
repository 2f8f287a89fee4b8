using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Core;

/// <summary>
/// A transport that tells its node when a send failed, as TCP tells a sender (a connection refused, reset by the other end, or a
/// connect or write nobody answers within its timeout): the host passes each report to the node's loop as
/// <see cref="Node.OnSendFailed"/>. Optional, outside <see cref="ITransport"/>: its
/// contract stays best effort, and a transport that cannot tell says nothing. The simulator's network reports through its own events
/// (it is the node's context, not a transport the host wraps).
/// </summary>
public interface IReportsFailedSends
{
    /// <summary>From now on each failed send to a node is given to <paramref name="report"/>, on the transport's threads (it must not
    /// block), at most once per destination per reconnect back-off.</summary>
    void ReportFailedSends(Action<NodeAddress> report);
}
