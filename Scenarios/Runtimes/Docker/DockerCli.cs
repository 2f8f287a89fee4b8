using System.Runtime.InteropServices;
using GossipSim.Scenarios.Runtimes.Netns;

namespace GossipSim.Scenarios.Runtimes.Docker;

/// <summary>
/// The docker runtime's only way to the engine: the plain `docker` client (no SDK, no new
/// package), as the bed runs ip and nft. Each call hands back what the client said.
/// </summary>
internal static class DockerCli
{
    public static Shell.Result Run(params string[] args) => Shell.Run("docker", args, timeoutMs: 120_000);

    /// <summary>Like <see cref="Run"/>, but a failure is a <see cref="DockerException"/> naming the command and what docker said.</summary>
    public static string Must(params string[] args)
    {
        var r = Run(args);
        if (!r.Ok) throw new DockerException($"`docker {string.Join(' ', args)}` failed: {FirstLine(r.Stderr)}");
        return r.Stdout.Trim();
    }

    /// <summary>Runs a tool of this machine (chown, nsenter); a failure is a <see cref="DockerException"/>.</summary>
    public static string Tool(string file, params string[] args)
    {
        var r = Shell.Run(file, args);
        if (!r.Ok) throw new DockerException($"`{file} {string.Join(' ', args)}` failed: {FirstLine(r.Stderr)}");
        return r.Stdout;
    }

    /// <summary>The first line docker printed that says something (it prefixes deprecation notices on some versions).</summary>
    public static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(l => !l.StartsWith("DEPRECATED", StringComparison.Ordinal)) ?? "(no message)";

    /// <summary>Lines of a command's output, blank ones dropped.</summary>
    public static IReadOnlyList<string> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEuid();

    public static bool IsRoot => OperatingSystem.IsLinux() && GetEuid() == 0;

    private static string? _unavailable;
    private static bool _probed;
    private static readonly object ProbeLock = new();

    /// <summary>null when containers can run here on a swarm; otherwise why not, in one line a user can act on.</summary>
    public static string? Unavailable()
    {
        lock (ProbeLock)
        {
            if (!_probed) _unavailable = Probe();
            _probed = true;
            return _unavailable;
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux()) return "the docker runtime needs Linux";
        var info = Run("info", "--format", "{{.ServerVersion}} {{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}");
        if (info.ExitCode == 127) return "the docker client is not installed: apt-get install docker.io, then start the engine (dockerd)";
        if (!info.Ok || info.Stdout.Trim().Length == 0 || info.Stdout.StartsWith(' '))
            return "no Docker engine answers (" + FirstLine(info.Stderr + info.Stdout) + "): apt-get install docker.io, then start it "
                + "(systemctl start docker, or dockerd >/var/log/dockerd.log 2>&1 &)";
        string[] words = info.Stdout.Trim().Split(' ');
        if (words.Length < 3 || words[1] != "active" || words[2] != "true")
            return "this Docker engine is not a swarm manager: run `docker swarm init` (add --advertise-addr ADDRESS when it has several)";
        return Remote() is { } where
            ? $"DOCKER_HOST is {where}: the docker runtime needs the engine on this machine (it mounts each node's output folder and "
                + "cuts the containers' network from here); run it on the swarm manager itself"
            : null;
    }

    /// <summary>DOCKER_HOST when it names an engine elsewhere (tcp://, ssh://), else null.</summary>
    private static string? Remote() =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } h && !h.StartsWith("unix://", StringComparison.Ordinal)
            ? h : null;
}

/// <summary>A docker command failed while the run was set up or changed; the run's containers and network are removed.</summary>
public sealed class DockerException(string message) : Exception(message);
