using System.Globalization;
using GossipSim.Scenarios.Run;

namespace GossipSim.Scenarios.Runtimes.Docker;

/// <summary>
/// How many containers this machine holds: each node's container costs its node process (about
/// 20 MiB native, 50 MiB on the JIT) and the engine's shim and bookkeeping beside it; a run is
/// refused, before anything starts, when its containers would take more than most of the memory available.
/// </summary>
public static class DockerLimits
{
    /// <summary>A container's cost with the native node: 20 MiB of node, ~10 MiB of containerd shim, with room for the run's
    /// growth.</summary>
    public const long PerContainerBytes = 48L << 20;

    /// <summary>The share of available memory a run may plan to take (the launcher, the engine and the page cache keep the rest).</summary>
    public const double Share = 0.75;

    /// <summary>null when <paramref name="containers"/> fit in <paramref name="availableBytes"/>; else the refusal, with the
    /// estimate.</summary>
    public static string? Refusal(int containers, long availableBytes)
    {
        long need = containers * PerContainerBytes;
        if (need <= availableBytes * Share) return null;
        string share = (Share * 100).ToString("0", CultureInfo.InvariantCulture);
        return $"the docker runtime would start {containers} containers, about {need >> 20} MiB at {PerContainerBytes >> 20} MiB each "
            + $"(node and containerd shim), more than {share}% of the {availableBytes >> 20} MiB available to the engine: run fewer peers, "
            + "or run it with --runtime sim";
    }

    /// <summary>
    /// The memory the engine's machine has for the run, in bytes: MemAvailable from this machine's
    /// /proc/meminfo, or, for an engine elsewhere (<paramref name="remote"/>), the total its engine
    /// reports (all it tells); null when neither can be read.
    /// </summary>
    public static long? Available(bool remote)
    {
        if (remote)
            return long.TryParse(DockerCli.Run("info", "--format", "{{.MemTotal}}").Stdout.Trim(), NumberStyles.None,
                CultureInfo.InvariantCulture, out long total) ? total : null;
        return MachineMemory.Read()?.AvailableBytes;
    }
}
