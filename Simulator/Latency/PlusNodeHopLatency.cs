using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Latency;

/// <summary>
/// The wire's delay plus what a hop costs at the nodes: on the namespace bed the relay applies the wire's model (the measured
/// Internet, say) and each hop adds the nodes' own work and scheduling on top, which a comparison with the bed models with a
/// real hop's cost measured on loopback (issue 54, item 6). The two are drawn one after the other from the same stream, so a run
/// keeps one trace on any threads; the window's floor is the two floors together.
/// </summary>
public sealed record PlusNodeHopLatency(LatencyModel Wire, LatencyModel NodeHop) : LatencyModel
{
    public override LatencyModel ForRun(ulong seed) => new PlusNodeHopLatency(Wire.ForRun(seed), NodeHop.ForRun(seed));

    public override long SampleTicks(Rng rng) => Wire.SampleTicks(rng) + NodeHop.SampleTicks(rng);

    public override long SampleTicks(Rng rng, int target, Message message, long nowTicks) =>
        Wire.SampleTicks(rng, target, message, nowTicks) + NodeHop.SampleTicks(rng, target, message, nowTicks);

    public override long SampleTicks(Rng rng, int from, int target, Message message, long nowTicks) =>
        Wire.SampleTicks(rng, from, target, message, nowTicks) + NodeHop.SampleTicks(rng, from, target, message, nowTicks);

    public override long SampleTicks(Rng rng, int from, int target) => Wire.SampleTicks(rng, from, target) + NodeHop.SampleTicks(rng, from, target);

    public override long MinTicks => Wire.MinTicks + NodeHop.MinTicks;

    public override string Describe() => $"{Wire.Describe()}; plus at each hop the nodes' own cost: {NodeHop.Describe()}";
}
