using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Tests.Stats;

/// <summary>The nodes and times of the traces these tests write by hand: a seed at 10.0.0.1, peer i at 10.1.0.(1 + i).</summary>
internal static class TracedNodes
{
    public static readonly NodeAddress Seed = new(0x0A000001, 5000);
    public static NodeAddress Peer(int i) => new((uint)(0x0A010001 + i), 7000);
    public static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);
}
