using System.Runtime.InteropServices;

namespace GossipSim.Scenarios.Runtimes.Processes;

/// <summary>
/// Test beds of one kind (the namespace bed, a docker run's containers) not yet torn down:
/// Ctrl-C, SIGTERM, SIGQUIT, an unhandled exception and the process's exit tear them all down,
/// so a run that is stopped leaves nothing behind. A bed adds itself when it is up and removes
/// itself when its own teardown ran.
/// </summary>
public static class LiveBeds<TBed> where TBed : class, IDisposable
{
    private static readonly List<TBed> Beds = new();
    private static readonly List<PosixSignalRegistration> Signals = new();
    private static bool _hooked;

    /// <param name="afterSignal">Run after the beds are gone when a signal stops the process (the signal is not cancelled:
    /// the process still stops).</param>
    public static void Add(TBed bed, Action? afterSignal = null)
    {
        lock (Beds)
        {
            Beds.Add(bed);
            if (_hooked) return;
            _hooked = true;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DisposeAll();
            AppDomain.CurrentDomain.UnhandledException += (_, _) => DisposeAll();
            foreach (var sig in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT })
                Signals.Add(PosixSignalRegistration.Create(sig, _ =>
                {
                    DisposeAll();
                    afterSignal?.Invoke();
                }));
        }
    }

    public static void Remove(TBed bed)
    {
        lock (Beds) Beds.Remove(bed);
    }

    private static void DisposeAll()
    {
        List<TBed> beds;
        lock (Beds) beds = Beds.ToList();
        foreach (var b in beds) b.Dispose();
    }
}
