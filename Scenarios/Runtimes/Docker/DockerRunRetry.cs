namespace GossipSim.Scenarios.Runtimes.Docker;

/// <summary>When a failed `docker run` of a node is tried again (<see cref="DockerLauncher"/>), as a pure rule.</summary>
public static class DockerRunRetry
{
    /// <summary>Tries a `docker run` makes in all when the swarm could not attach its container to the run's overlay network in time.</summary>
    public const int RunTries = 3;

    /// <summary>
    /// Whether a failed `docker run` is worth another try: the swarm's manager did not attach the container to the overlay network
    /// within its deadline ("attaching to network failed ... context deadline exceeded"), which a loaded engine does now and then
    /// (a local CI, 2026-12-01: a seed's container, and the whole run failed) and which says nothing of the run's own settings. Any
    /// other failure (a name taken, an image missing, an address in use) is final.
    /// </summary>
    public static bool AttachTimedOut(string stderr) =>
        stderr.Contains("attaching to network failed", StringComparison.Ordinal)
        && stderr.Contains("context deadline exceeded", StringComparison.Ordinal);
}
