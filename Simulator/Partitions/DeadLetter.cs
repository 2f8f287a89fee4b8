namespace GossipSim.Simulator.Partitions;

/// <summary>What becomes of a delivery, by the state of the node it reaches.</summary>
public enum DeadLetterFate : byte
{
    /// <summary>The node runs the life it was sent to: it gets the message.</summary>
    Deliver,
    /// <summary>Nothing is said: the message was for an earlier life of a node that runs again (its sender's connection belonged to
    /// that life), the node never ran, or it is itself a report of a failed send (a report is never answered).</summary>
    Drop,
    /// <summary>The node is down (crashed or left, not restarted): its sender is told, as TCP refuses or resets a connection to a host
    /// whose process is gone (<see cref="Engine.Core.Node.OnSendFailed"/>).</summary>
    TellSender,
}

/// <summary>
/// Whether a delivery the simulator cannot make is reported to its sender: a pure rule, apart from the partition that acts on it.
/// </summary>
internal static class DeadLetter
{
    /// <param name="runs">The target runs now.</param>
    /// <param name="stale">The event was made before the target's current life began (for an earlier life).</param>
    /// <param name="hadLife">The target ever ran (it has an attachment whose event count the report's key takes).</param>
    /// <param name="isReport">The event is itself a report of a failed send.</param>
    public static DeadLetterFate Fate(bool runs, bool stale, bool hadLife, bool isReport)
    {
        if (runs) return stale ? DeadLetterFate.Drop : DeadLetterFate.Deliver;
        return hadLife && !isReport ? DeadLetterFate.TellSender : DeadLetterFate.Drop;
    }
}
