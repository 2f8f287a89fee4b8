namespace GossipSim.Scenarios.Runtimes.Processes;

/// <summary>
/// When a real run ends. It is planned (start-up grace + the scenario's duration), and a fault
/// applied after its time moves it: one that waited for its trigger, or one the run's loop
/// reached late because it was busy (a container engine can take seconds to answer). The end
/// then keeps, after the latest such fault, the time the scenario planned after it, so its
/// detection and the messages after it are not cut short on a slow machine. Pure: table tests.
/// </summary>
public static class RunEnd
{
    /// <summary>How late a fault may be applied without moving the end: the loop looks every 50 ms, a trigger every 0.5 s.</summary>
    public const double SlackSeconds = 0.25;

    /// <summary>
    /// The end after a fault applied <paramref name="lateSeconds"/> after its time, or null when
    /// it stays <paramref name="currentEnd"/>: the latest fault sets it, two late faults do not
    /// add up (both count from the planned end).
    /// </summary>
    public static double? After(double plannedEnd, double currentEnd, double lateSeconds)
    {
        if (lateSeconds <= SlackSeconds) return null;
        double end = plannedEnd + lateSeconds;
        return end > currentEnd ? end : null;
    }
}
