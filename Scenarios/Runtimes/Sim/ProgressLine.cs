using System.Diagnostics;
using GossipSim.Simulator.Network;

namespace GossipSim.Scenarios.Runtimes.Sim;

/// <summary>
/// Progress of a long simulation on stderr: one line redrawn in place on a terminal, a plain
/// line every few seconds when output is redirected (CI logs stay readable).
/// </summary>
public sealed class ProgressLine(bool quiet, double totalSeconds)
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private double _lastPrint;
    private bool _printed;

    /// <summary>Called often (every 250,000 events): returns at once unless a line is due. The live
    /// count is asked only then: counting reads every peer's slot, a million of them.</summary>
    public void Update(SimNetwork n, Func<int> livePeers)
    {
        if (quiet) return;
        double now = _wall.Elapsed.TotalSeconds;
        if (now - _lastPrint < (_terminal ? 0.2 : 5)) return;
        _lastPrint = now;
        double sim = n.Now.TotalSeconds;
        string line = $"  sim {sim,8:F1}/{totalSeconds:F0} s ({100 * sim / totalSeconds,3:F0}%)  events {n.EventsSoFar,12:N0}  "
            + $"queue {n.PendingEvents,10:N0}  live peers {livePeers(),9:N0}  wall {now,6:F1} "
            + $"s  {n.EventsSoFar / Math.Max(now, 1e-9) / 1e6,5:F2} M ev/s  heap {GC.GetTotalMemory(false) / (1 << 20),6:N0} MiB";
        if (_terminal) Console.Error.Write("\r" + line);
        else Console.Error.WriteLine(line);
        _printed = true;
    }

    public void Done()
    {
        if (!quiet && _printed && _terminal) Console.Error.WriteLine();
    }
}
