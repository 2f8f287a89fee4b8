using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Dashboard.Tests.Support;

/// <summary>Trace events written by hand for the tests.</summary>
public static class Trace
{
    public static NodeAddress Seed(int i) => new((127u << 24) | 1, (ushort)(5000 + i));
    public static NodeAddress Peer(int i) => new((127u << 24) | 1, (ushort)(4000 + i));

    public static TraceEvent E(double t, TraceKind kind, NodeAddress node, NodeAddress peer = default, MessageId msg = default, long a = 0, long b = 0, string? detail = null) =>
        new(TimeSpan.FromSeconds(t), kind, node, peer, msg, a, b, detail);

    /// <summary>Seeds and peers started (and peers registered) at time <paramref name="t"/>.</summary>
    public static IEnumerable<TraceEvent> Start(double t, int seeds, int peers)
    {
        for (int i = 0; i < seeds; i++) yield return E(t, TraceKind.NodeStarted, Seed(i), a: 1, detail: "seed");
        for (int i = 0; i < peers; i++)
        {
            yield return E(t, TraceKind.NodeStarted, Peer(i), a: 1, detail: "peer");
            yield return E(t, TraceKind.Registered, Peer(i), a: 2);
        }
    }

    /// <summary>Both sides of a link coming up.</summary>
    public static IEnumerable<TraceEvent> Link(double t, NodeAddress a, NodeAddress b)
    {
        yield return E(t, TraceKind.LinkUp, a, b);
        yield return E(t, TraceKind.LinkUp, b, a);
    }

    public static TraceEvent Delivered(double t, NodeAddress at, NodeAddress from, MessageId m, double createdAt, int hops) =>
        E(t, TraceKind.GossipDelivered, at, from, m, hops, TimeSpan.FromSeconds(createdAt).Ticks);

    public static string Line(in TraceEvent e) => TraceJson.ToLine(e);
}
