using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Latency;

/// <summary>
/// One-way link delay, drawn per message from the sending node's network stream. A model holds
/// no state that draws change: the simulator may draw from it on several threads at once.
/// </summary>
public abstract record LatencyModel
{
    public abstract long SampleTicks(Rng rng);

    /// <summary>The model as one run uses it: a model whose draws are keyed (per receiver and message) takes its salt from the run's seed
    /// here.</summary>
    public virtual LatencyModel ForRun(ulong seed) => this;

    /// <summary>
    /// The delay of one copy of <paramref name="message"/> to node <paramref name="target"/>, sent at
    /// <paramref name="nowTicks"/> (simulated time, the clock a gossip message's creation time is on);
    /// a model that delays per receiver, or by the time since a message's creation, overrides it.
    /// </summary>
    public virtual long SampleTicks(Rng rng, int target, Message message, long nowTicks) => SampleTicks(rng);

    /// <summary>The same from node <paramref name="from"/>: a model whose delay belongs to the pair of nodes (where each is) overrides
    /// it; the others keep their draw by receiver.</summary>
    public virtual long SampleTicks(Rng rng, int from, int target, Message message, long nowTicks) => SampleTicks(rng, target, message, nowTicks);

    /// <summary>A copy from node <paramref name="from"/> to node <paramref name="target"/> whose message is not known (the namespace
    /// bed's relay sees bytes, not messages): a model whose delay belongs to the pair overrides it; the others draw as they would
    /// without the nodes.</summary>
    public virtual long SampleTicks(Rng rng, int from, int target) => SampleTicks(rng);
    public abstract string Describe();

    /// <summary>The smallest delay a draw can give (ticks): how far apart in time threads may run. 0 when a model cannot promise
    /// more.</summary>
    public virtual long MinTicks => 0;

    public static long TicksOfMs(double ms) => (long)Math.Round(ms * TimeSpan.TicksPerMillisecond);
}

public sealed record ConstantLatency(double Ms) : LatencyModel
{
    public override long SampleTicks(Rng rng) => TicksOfMs(Ms);
    public override long MinTicks => TicksOfMs(Ms);
    public override string Describe() => $"constant {Ms} ms";
}

public sealed record UniformLatency(double MinMs, double MaxMs) : LatencyModel
{
    public override long SampleTicks(Rng rng) => TicksOfMs(MinMs + rng.NextDouble() * (MaxMs - MinMs));
    public override long MinTicks => TicksOfMs(Math.Min(MinMs, MaxMs));
    public override string Describe() => $"uniform {MinMs}-{MaxMs} ms";
}

/// <summary>
/// Log-normal with the given median and sigma (of the underlying normal): heavy-tailed WAN-like
/// delays, on top of a floor every delay has (<paramref name="MinMs"/>: the propagation time).
/// </summary>
public sealed record LogNormalLatency(double MedianMs, double Sigma, double MinMs = 0) : LatencyModel
{
    public override long SampleTicks(Rng rng) => TicksOfMs(MinMs + MedianMs * Math.Exp(Sigma * rng.NextGaussian()));
    public override long MinTicks => TicksOfMs(MinMs);
    public override string Describe()
        => MinMs > 0 ? $"{MinMs} ms plus log-normal median {MedianMs} ms, sigma {Sigma}"
            : $"log-normal median {MedianMs} ms, sigma {Sigma}";
}
