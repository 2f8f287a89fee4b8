using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Core;

/// <summary>
/// A node's time and timers: the seam that keeps wall-clock time and OS timers out of Engine.
/// The simulator implements it with virtual time (<c>Simulation.SimTransport</c>), RealNet with
/// the system clock and timers posted into the node's loop (<c>RealNet.Host.RealClock</c>).
/// The contract:
/// <list type="bullet">
/// <item><see cref="Now"/> never goes back: virtual time from 0 in the simulator, time since the
/// Unix epoch on real nodes (so that the traces of separate processes line up).</item>
/// <item>A timer fires by calling <see cref="Node.OnTimer"/> with its tag, on the node's own
/// thread, never during another callback of the node; not before <c>after</c> has passed
/// (a negative delay counts as zero: it fires once the current callback has returned).</item>
/// <item>Timers that come due at the same time fire in the order they were set (simulator);
/// on real nodes, in the order the OS timers fire.</item>
/// <item>A cancelled timer never fires, even if it came due and waits to be handled.
/// Cancelling a timer that fired or was cancelled already does nothing.</item>
/// <item>Timers die with the node: a crash or a clean stop cancels every one of them.</item>
/// </list>
/// Called only from the node's own thread, like every member of <see cref="NodeContext"/>.
/// </summary>
public interface IClock
{
    TimeSpan Now { get; }

    TimerId SetTimer(TimeSpan after, TimerTag tag);

    void CancelTimer(TimerId id);
}
