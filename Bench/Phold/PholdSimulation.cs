using GossipSim.Engine.Core;
using GossipSim.Simulator.Events;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Bench.Phold;

/// <summary>What a PHOLD run did: events handled before the end time, how many went to a random logical process, and a hash of every (time,
/// process) handled, in order.</summary>
public sealed record PholdResult(int LogicalProcesses, double EndTime, long Events, long RemoteEvents, ulong Hash);

/// <summary>
/// PHOLD, the standard synthetic benchmark of discrete-event simulators, with ROSS's defaults
/// (models/phold): each logical process starts with one event; handling an event sends one
/// new event, to a uniformly random process (self included) with probability 0.25 and
/// otherwise to itself, at now + lookahead (1) + an exponential delay of mean 1. Nothing else
/// happens: it measures the event queue and the loop around it. Events run on the full
/// protocol's <see cref="EventQueue"/> (one time unit = one second of its ticks), in
/// (time, insertion) order, drawing from one seeded stream, so a seed is one exact run.
/// </summary>
public static class PholdSimulation
{
    public const double RemoteFraction = 0.25;
    public const double Mean = 1.0;
    public const double Lookahead = 1.0;
    public const int StartEventsPerProcess = 1;
    private const long TicksPerUnit = TimeSpan.TicksPerSecond;

    public static PholdResult Run(int processes, double endTime, Rng rng)
    {
        if (processes < 1) throw new ArgumentOutOfRangeException(nameof(processes), "at least one logical process");
        if (!(endTime > 0) || endTime > 1e9)
            throw new ArgumentOutOfRangeException(nameof(endTime), "end time must be above 0 and at most 10^9");
        var queue = new EventQueue();
        long endTicks = (long)Math.Round(endTime * TicksPerUnit);
        for (int lp = 0; lp < processes; lp++)
        {
            var start = new SimEvent { Time = Delay(rng), Target = lp, Kind = SimEventKind.Deliver };
            queue.Push(ref start, 0);
        }
        long events = 0, remote = 0;
        ulong hash = 0;
        // The remote coin, one in four: two bits of a word drawn once every 32 events, not a word an event.
        ulong coins = 0;
        int coinsLeft = 0;
        while (queue.TryPeekTime(out long now) && now < endTicks)
        {
            var e = queue.Pop();
            events++;
            hash = (hash ^ ((ulong)now * 0x9E3779B97F4A7C15UL ^ (ulong)e.Target)) * 0x100000001B3UL;
            int dest = e.Target;
            if (coinsLeft == 0)
            {
                coins = rng.NextUInt64();
                coinsLeft = 32;
            }
            bool isRemote = (coins & 3) == 0; // RemoteFraction
            coins >>= 2;
            coinsLeft--;
            if (isRemote)
            {
                remote++;
                dest = rng.NextInt(processes);
            }
            var next = new SimEvent { Time = now + Delay(rng), Target = dest, Kind = SimEventKind.Deliver };
            queue.Push(ref next, now);
        }
        return new PholdResult(processes, endTime, events, remote, hash);
    }

    /// <summary>lookahead + Exp(mean), in ticks. The exponential by the ziggurat (<see cref="Rng.NextExponential"/>): ROSS draws it as
    /// -mean ln(U), the same distribution; the logarithm was 17.6 % of a run's samples at 10^3 processes (docs/performance.md).</summary>
    private static long Delay(Rng rng) =>
        (long)Math.Round((Lookahead + Mean * rng.NextExponential()) * TicksPerUnit);
}
