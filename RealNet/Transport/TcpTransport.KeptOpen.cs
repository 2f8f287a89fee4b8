using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Transport;

/// <summary>
/// Which connections live long: those to the node's links and to the seeds stay open until <see cref="TcpTransportOptions.IdleTimeout"/>;
/// every other one is a contact (HyParView's walk replies and passive tries, SWIM's indirect probes) and closes after
/// <see cref="TcpTransportOptions.ContactIdleTimeout"/>. Without this a node reached by many one-off contacts kept a socket for each
/// for five minutes, and its descriptors grew toward the live count (the HyParView soak of docs/soak.md).
/// </summary>
public sealed partial class TcpTransport
{
    private readonly Dictionary<NodeAddress, int> _keptOpen = new(); // under _gate: how many reasons (a link, a seed) to keep it

    /// <summary>Marks <paramref name="node"/>'s connections as long-lived (a link came up, or it is a seed), or takes one such mark back
    /// (the link went down). Marks count: a seed that is also a link stays long-lived until both are taken back.</summary>
    public void KeepOpen(NodeAddress node, bool keep)
    {
        lock (_gate)
        {
            _keptOpen.TryGetValue(node, out int reasons);
            reasons += keep ? 1 : -1;
            if (reasons > 0) _keptOpen[node] = reasons;
            else _keptOpen.Remove(node);
        }
    }

    /// <summary>Whether connections to <paramref name="node"/> wait the full idle timeout.</summary>
    public bool IsKeptOpen(NodeAddress node)
    {
        lock (_gate) return _keptOpen.ContainsKey(node);
    }
}
