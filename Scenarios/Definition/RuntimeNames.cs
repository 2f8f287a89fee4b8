namespace GossipSim.Scenarios.Definition;

/// <summary>
/// The runtimes a scenario's "runtime" (or --runtime) may name, spelled here once: the loader
/// checks a scenario against them, below the runtimes it cannot see, and each driver in
/// <c>Runtimes.RuntimeDrivers</c>' table answers to one of them.
/// </summary>
public static class RuntimeNames
{
    /// <summary>The deterministic simulator.</summary>
    public const string Sim = "sim";
    /// <summary>Node processes (or nodes hosted in one process) on loopback.</summary>
    public const string Real = "real";
    /// <summary>Node processes on the namespace bed, a network namespace and address each.</summary>
    public const string Netns = "netns";
    /// <summary>Node containers on a Docker Swarm's overlay network.</summary>
    public const string Docker = "docker";

    /// <summary>Every runtime, in the order the help and the loader's error list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Sim, Real, Netns, Docker];

    /// <summary>The names as the loader's error lists them: "sim", "real", "netns" or "docker".</summary>
    public static string Listed { get; } =
        string.Join(", ", All.SkipLast(1).Select(Quoted)) + " or " + Quoted(All[^1]);

    private static string Quoted(string name) => $"\"{name}\"";
}
