using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Latency;

/// <summary>
/// A node's turn at a core, on top of a per-copy model: real nodes sharing a few cores serve the peers
/// a message wakes one after another, so each (node, gossip message) has a slot, a time after the
/// message's creation before which no copy reaches the node; a slower path arrives as the inner model
/// says. The slot is a pure function of (run salt, node, message), taking no state and no draw of the
/// network's stream; other messages see the inner model alone. With <see cref="WakeWeight"/> above 0
/// a node woken earlier is served earlier (<see cref="SlotProbability"/>), as a run queue does.
/// </summary>
public sealed record SlotLatency(LatencyModel Inner, EmpiricalLatency Slot, double WakeWeight = 0) : LatencyModel
{
    /// <summary>
    /// Copies that wait for one slot are read in the order they arrived (a woken process reads its
    /// sockets in the order they became ready), so the first-read copy, whose hop count the node
    /// keeps, is the one whose path was fastest. A waiting copy arrives this fraction of its path's
    /// arrival (since creation) after the slot: a few microseconds that order ties without moving the slot.
    /// Paths that reach the node less than TieOrder ticks (0.41 ms) apart stay in the simulator's event order.
    /// </summary>
    public const long TieOrder = 4096;

    /// <summary>Mixed into every slot draw, apart from the receiver's own keyed delay (which keys on the same node and message); set per
    /// run by <see cref="ForRun"/>.</summary>
    public ulong Salt { get; init; }

    public override LatencyModel ForRun(ulong seed) => this with { Inner = Inner.ForRun(seed), Salt = SaltOf(seed) };

    /// <summary>The run's slot salt: the latency salt mixed once more with "SLOT", so the slot and the receiver's delay of one node and
    /// message are independent.</summary>
    public static ulong SaltOf(ulong seed)
    {
        ulong x = SimStreams.LatencySalt(seed) ^ 0x534C4F54; // "SLOT"
        return Rng.SplitMix64(ref x);
    }

    /// <summary>Without a creation time and a receiver (the bed's relay): the inner model alone.</summary>
    public override long SampleTicks(Rng rng) => Inner.SampleTicks(rng);

    public override long SampleTicks(Rng rng, int target, Message message, long nowTicks)
    {
        long path = Inner.SampleTicks(rng, target, message, nowTicks);
        if (message is not Engine.Messages.Gossip g) return path;
        long sinceCreation = nowTicks - g.CreatedAt.Ticks;
        double u = SlotProbability(KeyedDraw.Uniform(Salt, (uint)target, g.Id),
            (Math.Max(0, sinceCreation) + path) / (double)TimeSpan.TicksPerMillisecond, Slot, WakeWeight);
        return DelayTicks(path, TicksOfMs(Slot.MsAt(u)), sinceCreation);
    }

    /// <summary>
    /// Where in the slot table a node's slot is read: the node's keyed draw and where the copy's
    /// arrival a (ms after the message's creation) falls in the slot table, joined by a Gaussian
    /// copula with correlation w: Φ(√(1 − w²) · Φ⁻¹(keyed) + w · Φ⁻¹(F_slot(a))). Where arrivals
    /// spread as the slots do, the result is uniform, so the table's marginal holds. It rises with a,
    /// so of one node's copies the earliest still gets the earliest slot.
    /// </summary>
    public static double SlotProbability(double keyed, double arrivalMs, EmpiricalLatency slot, double wakeWeight)
    {
        if (wakeWeight == 0) return keyed;
        const double edge = 1e-4; // Φ⁻¹ of 0 or 1 is infinite: a woken-at-once node is read near, not at, the table's end
        double v = Math.Clamp(slot.ProbabilityAt(arrivalMs), edge, 1 - edge), u = Math.Clamp(keyed, edge, 1 - edge);
        return StandardNormal.Cdf(Math.Sqrt(1 - wakeWeight * wakeWeight) * StandardNormal.Quantile(u)
            + wakeWeight * StandardNormal.Quantile(v));
    }

    /// <summary>
    /// One copy's delay: its path's delay, or, when the path would reach the node before its slot,
    /// the wait until the slot (plus the tie order, <see cref="TieOrder"/>).
    /// </summary>
    /// <param name="sinceCreationTicks">How long ago the message was created when this copy is sent.</param>
    public static long DelayTicks(long pathTicks, long slotTicks, long sinceCreationTicks)
    {
        long pathArrival = Math.Max(0, sinceCreationTicks) + pathTicks;
        if (pathArrival >= slotTicks) return pathTicks;
        return slotTicks - Math.Max(0, sinceCreationTicks) + pathArrival / TieOrder;
    }

    /// <summary>A slot only lengthens a delay: the inner model's floor holds.</summary>
    public override long MinTicks => Inner.MinTicks;

    public override string Describe() =>
        $"{Inner.Describe()}; no copy of a gossip message reaches a node before that node's slot, drawn once per node and message as a "
            + $"time after the message's creation, {Slot.Describe()}" +
        (WakeWeight == 0 ? "" : string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $", correlated {WakeWeight:0.##} (Gaussian copula) with how early the copy reaches the node (a node woken "
                + $"earlier is served earlier)"));
}
