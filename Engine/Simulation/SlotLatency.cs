using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;

namespace GossipSim.Engine.Simulation;

/// <summary>
/// A node's turn at a core, on top of a per-copy model: every (node, gossip message) has a slot, a
/// time after the message's creation, and no copy of the message reaches the node before it. On
/// real nodes that share a few cores, a peer woken by a copy waits for its turn, and the peers a
/// message wakes are served one after another, whoever sent to them: a message's latencies are then
/// bounded by when the last peer is served, whatever paths the copies took. A copy whose path is
/// slower than the slot arrives as the inner model says. The slot is a pure function of (run salt,
/// node, message), like <see cref="ReceiverDelayLatency"/>'s delay, so it takes no state and no draw
/// of the network's stream; other messages are delayed by the inner model alone.
/// With <see cref="WakeWeight"/> above 0 a node woken earlier is served earlier, as a run queue
/// serves in the order of waking: the slot's draw is correlated with how early the copy reaches
/// the node (<see cref="SlotProbability"/>).
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

    /// <summary>Mixed into every slot draw, apart from the receiver's own keyed delay (which keys on the same node and message); set per run by <see cref="ForRun"/>.</summary>
    public ulong Salt { get; init; }

    public override LatencyModel ForRun(ulong seed) => this with { Inner = Inner.ForRun(seed), Salt = SaltOf(seed) };

    /// <summary>The run's slot salt: the latency salt mixed once more with "SLOT", so the slot and the receiver's delay of one node and message are independent.</summary>
    public static ulong SaltOf(ulong seed)
    {
        ulong x = RngStreams.LatencySalt(seed) ^ 0x534C4F54; // "SLOT"
        return Rng.SplitMix64(ref x);
    }

    /// <summary>Without a creation time and a receiver (the bed's relay): the inner model alone.</summary>
    public override long SampleTicks(Rng rng) => Inner.SampleTicks(rng);

    public override long SampleTicks(Rng rng, int target, Message message, long nowTicks)
    {
        long path = Inner.SampleTicks(rng, target, message, nowTicks);
        if (message is not Messages.Gossip g) return path;
        long sinceCreation = nowTicks - g.CreatedAt.Ticks;
        double u = SlotProbability(KeyedDraw.Uniform(Salt, (uint)target, g.Id), (Math.Max(0, sinceCreation) + path) / (double)TimeSpan.TicksPerMillisecond, Slot, WakeWeight);
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
        return NormalCdf(Math.Sqrt(1 - wakeWeight * wakeWeight) * NormalQuantile(u) + wakeWeight * NormalQuantile(v));
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
        $"{Inner.Describe()}; no copy of a gossip message reaches a node before that node's slot, drawn once per node and message as a time after the message's creation, {Slot.Describe()}" +
        (WakeWeight == 0 ? "" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $", correlated {WakeWeight:0.##} (Gaussian copula) with how early the copy reaches the node (a node woken earlier is served earlier)"));

    /// <summary>The standard normal CDF Φ(x) (no library in Engine), by the complementary error function (Numerical Recipes' erfc, fractional error below 1.2e-7).</summary>
    public static double NormalCdf(double x)
    {
        double z = Math.Abs(x) / Math.Sqrt(2), t = 1 / (1 + 0.5 * z);
        double erfc = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
    }

    /// <summary>Its inverse Φ⁻¹(p) for p in (0, 1), by Acklam's rational approximation (relative error below 1.2e-9).</summary>
    public static double NormalQuantile(double p)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "a probability strictly between 0 and 1");
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) return -NormalQuantile(1 - p);
        double r = p - 0.5, s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }
}
