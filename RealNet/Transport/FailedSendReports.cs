using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Transport;

/// <summary>
/// Which failed sends a <see cref="TcpTransport"/> reports to its node: at most one per destination per back-off. A dead node fails
/// every connect, and a reset is often followed at once by a refused reconnect; the node needs to hear it once per back-off, not at
/// each try. Not thread-safe: the transport calls it under its lock.
/// </summary>
internal sealed class FailedSendReports
{
    private readonly Dictionary<NodeAddress, long> _lastMs = new(); // when each destination's last report went out

    /// <summary>A report was made <paramref name="lastMs"/> ago-or-never (null): whether one at <paramref name="nowMs"/> goes out, with
    /// the destination's back-off <paramref name="backoffMs"/> (the time its next connect waits).</summary>
    public static bool IsDue(long? lastMs, long nowMs, long backoffMs) => lastMs is not { } last || nowMs - last >= backoffMs;

    /// <summary>True, and noted, when a failed send to <paramref name="to"/> is reported now.</summary>
    public bool Take(NodeAddress to, long nowMs, long backoffMs)
    {
        if (!IsDue(_lastMs.TryGetValue(to, out long last) ? last : null, nowMs, backoffMs)) return false;
        _lastMs[to] = nowMs;
        return true;
    }

    /// <summary>A connection to <paramref name="to"/> was made: its next failure is news at once.</summary>
    public void Connected(NodeAddress to) => _lastMs.Remove(to);
}
