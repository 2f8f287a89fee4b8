namespace GossipSim.Simulator.Threads;

/// <summary>
/// Whether a gang's waiting threads may spin: only on a quiet machine, since where others take the
/// cores, spinning takes the core from the very thread it waits for (two threads then ran slower
/// than one). The cores count as taken from the first round in which a gang thread was preempted
/// (<see cref="Preemptions"/>) until <see cref="QuietRounds"/> rounds in a row pass with none.
/// Running a round's indexes in turn on the caller instead would break <see cref="ParallelRunner"/>'s
/// promise that they run side by side.
/// </summary>
public sealed class CoreContention
{
    /// <summary>Rounds without a preemption before the cores count as free again.</summary>
    public const int QuietRounds = 32;

    private int _roundsToQuiet;

    /// <summary>Whether the cores count as taken.</summary>
    public bool Taken => _roundsToQuiet > 0;

    /// <summary>Whether a waiting thread may spin before it sleeps.</summary>
    public bool Spin => !Taken;

    /// <summary>A round ended; <paramref name="preempted"/> says whether any thread that ran it was preempted since the last.</summary>
    public void Ended(bool preempted)
    {
        if (preempted) _roundsToQuiet = QuietRounds;
        else if (_roundsToQuiet > 0) _roundsToQuiet--;
    }
}
