using System.Globalization;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Latency;

/// <summary>
/// Every delay of one gossip message's copies times one factor, drawn once per message
/// (log-normal: <see cref="Median"/>, and <see cref="Sigma"/> the spread of its log). On real nodes that share a
/// machine, how busy the machine is when a message spreads slows every hop of it alike: the
/// messages' latencies spread wider than independent per-hop delays make them. Scaling all of a
/// message's delays leaves the race of its copies, and so its hop counts, unchanged. The factor is
/// a pure function of (run salt, message), so it takes no state and no draw; other messages
/// (pings, joins) are not scaled.
/// </summary>
public sealed record MessageFactorLatency(LatencyModel Inner, double Median, double Sigma) : LatencyModel
{
    /// <summary>Keys of the factor's two uniform numbers: no node has these indices, so the factor is independent of any receiver's keyed
    /// delay.</summary>
    private const uint FirstKey = uint.MaxValue, SecondKey = uint.MaxValue - 1;

    /// <summary>Mixed into the factor's draws, so runs with other seeds give messages other factors; set per run by
    /// <see cref="ForRun"/>.</summary>
    public ulong Salt { get; init; }

    public override LatencyModel ForRun(ulong seed) => this with { Inner = Inner.ForRun(seed), Salt = SimStreams.LatencySalt(seed) };

    /// <summary>Without a message to key on (the bed's relay): the factor drawn per copy.</summary>
    public override long SampleTicks(Rng rng) => Scale(Inner.SampleTicks(rng), Median * Math.Exp(Sigma * rng.NextGaussian()));

    public override long SampleTicks(Rng rng, int target, Message message, long nowTicks)
    {
        long ticks = Inner.SampleTicks(rng, target, message, nowTicks);
        return message is Engine.Messages.Gossip g ? Scale(ticks, FactorOf(g.Id)) : ticks;
    }

    /// <summary>The factor on every delay of <paramref name="message"/> in this run: <see cref="Median"/> · exp(<see cref="Sigma"/> ·
    /// <see cref="NormalOf"/>).</summary>
    public double FactorOf(MessageId message) => Median * Math.Exp(Sigma * NormalOf(Salt, message));

    /// <summary>The standard normal number behind a message's factor (Box–Muller on two keyed uniform numbers).</summary>
    public static double NormalOf(ulong salt, MessageId message)
    {
        double u1 = 1.0 - KeyedDraw.Uniform(salt, FirstKey, message);
        double u2 = KeyedDraw.Uniform(salt, SecondKey, message);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static long Scale(long ticks, double factor) => (long)Math.Round(ticks * factor);

    public override string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Inner.Describe()}; every delay of one gossip message times a factor drawn once per message (log-normal, "
            + $"median {Median:0.####}, sigma {Sigma:0.###})");
}
