namespace GossipSim.Analysis.Trace;

/// <summary>Where a node is in its current life, as its trace events tell it.</summary>
public enum NodeLife : byte
{
    /// <summary>Named by some event (a seed's list, a suspicion) but never traced its own start.</summary>
    NotStarted,
    /// <summary>Running: started (or restarted) and neither crashed nor left since.</summary>
    Up,
    /// <summary>Crashed (injected); a restart begins a new life.</summary>
    Crashed,
    /// <summary>Stopped cleanly before the run ended (a churn leave); stopping at the run's end is not leaving.</summary>
    Left,
}
