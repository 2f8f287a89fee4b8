using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Core;

/// <summary>
/// A node's time and timers, the seam that keeps wall-clock time and OS timers out of Engine (virtual
/// time in <c>Simulator.Network.SimTransport</c>, the system clock in <c>RealNet.Host.RealClock</c>).
/// Contract: <see cref="Now"/> never goes back (from 0 simulated, since the Unix epoch on real nodes, so
/// processes' traces line up). A timer calls <see cref="Node.OnTimer"/> with its tag on the node's thread,
/// never inside another callback, not before <c>after</c> (negative: once the current callback returns);
/// same-time timers fire in the order set (simulator) or as the OS fires them. A cancelled timer never
/// fires; cancelling twice does nothing; a crash or stop cancels all. Called only from the node's thread.
/// </summary>
public interface IClock
{
    TimeSpan Now { get; }

    TimerId SetTimer(TimeSpan after, TimerTag tag);

    void CancelTimer(TimerId id);
}
