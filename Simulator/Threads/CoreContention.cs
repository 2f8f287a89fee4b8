namespace GossipSim.Simulator.Threads;

/// <summary>
/// Whether a gang's waiting threads may spin (issue 33). A thread waiting for the others, or
/// for the next round, spins only on a quiet machine: on one whose cores are taken by others,
/// spinning takes the core from the very thread it waits for, or from the process that wants
/// it, and two threads then ran slower than one. The cores count as taken from the first round
/// in which a thread of the gang was preempted (<see cref="Preemptions"/>) until
/// <see cref="QuietRounds"/> rounds in a row pass with none.
/// <para>
/// Running a short round's indexes in turn on the caller (no helper woken) was the other way
/// out; it is not taken, because a round's indexes are promised to run side by side
/// (<see cref="ParallelRunner"/>), and without spinning a late helper only takes what the
/// caller has not yet begun: the caller runs the rest in turn anyway.
/// </para>
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
