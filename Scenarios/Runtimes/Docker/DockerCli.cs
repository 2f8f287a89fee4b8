using GossipSim.Scenarios.Runtimes.Netns;

namespace GossipSim.Scenarios.Runtimes.Docker;

/// <summary>
/// The docker runtime's only way to the engine: the plain `docker` client (no SDK, no new
/// package), as the bed runs ip and nft. Each call hands back what the client said. The engine
/// is the one the client finds (DOCKER_HOST, or this machine's socket): everything the runtime
/// does goes through it, so the engine may be on another machine.
/// </summary>
internal static class DockerCli
{
    public static Shell.Result Run(params string[] args) => Shell.Run("docker", args, timeoutMs: 120_000);

    /// <summary>Like <see cref="Run"/>, feeding <paramref name="stdin"/> to the command (`docker exec -i`).</summary>
    public static Shell.Result RunWithInput(string stdin, params string[] args) => Shell.Run("docker", args, stdin, timeoutMs: 120_000);

    /// <summary>Like <see cref="Run"/>, but a failure is a <see cref="DockerException"/> naming the command and what docker said.</summary>
    public static string Must(params string[] args) => DockerEngine.Default.Must(args);

    /// <summary>The first line docker printed that says something (it prefixes deprecation notices on some versions).</summary>
    public static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(l => !l.StartsWith("DEPRECATED", StringComparison.Ordinal)) ?? "(no message)";

    /// <summary>Lines of a command's output, blank ones dropped.</summary>
    public static IReadOnlyList<string> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static readonly Dictionary<string, string?> Probed = new();

    /// <summary>null when containers can run on a swarm of the engine DOCKER_HOST names (or this machine's); otherwise why not, in
    /// one line a user can act on. Asked once an engine.</summary>
    public static string? Unavailable()
    {
        string host = Environment.GetEnvironmentVariable("DOCKER_HOST") ?? "";
        lock (Probed)
        {
            if (!Probed.TryGetValue(host, out var why)) Probed[host] = why = Probe();
            return why;
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux()) return "the docker runtime needs Linux";
        var info = Run("info", "--format", "{{.ServerVersion}} {{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}");
        if (info.ExitCode == 127) return "the docker client is not installed: apt-get install docker.io, then start the engine (dockerd)";
        if (!info.Ok || info.Stdout.Trim().Length == 0 || info.Stdout.StartsWith(' '))
            return Remote() is { } remote
                ? $"the Docker engine DOCKER_HOST names ({remote}) does not answer ({FirstLine(info.Stderr + info.Stdout)}): "
                    + (remote.StartsWith("ssh://", StringComparison.Ordinal)
                        ? "check that ssh reaches that machine without a password and that dockerd runs there"
                        : "start dockerd there listening on that address (dockerd -H ...)")
                    + ", or unset DOCKER_HOST to use this machine's engine"
                : "no Docker engine answers (" + FirstLine(info.Stderr + info.Stdout) + "): apt-get install docker.io, then start it "
                    + "(systemctl start docker, or dockerd >/var/log/dockerd.log 2>&1 &)";
        string[] words = info.Stdout.Trim().Split(' ');
        if (words.Length < 3 || words[1] != "active" || words[2] != "true")
            return $"{Engine} is not a swarm manager: run `docker swarm init` on it (add --advertise-addr ADDRESS when it has several)";
        return null;
    }

    /// <summary>DOCKER_HOST when it names an engine elsewhere (tcp://, ssh://), else null.</summary>
    public static string? Remote() =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } h && !h.StartsWith("unix://", StringComparison.Ordinal)
            ? h : null;

    /// <summary>The engine in a sentence: "this Docker engine", or "the Docker engine at tcp://10.0.0.5:2375".</summary>
    public static string Engine => Remote() is { } where ? $"the Docker engine at {where}" : "this Docker engine";
}

/// <summary>A docker command failed while the run was set up or changed; the run's containers and network are removed.</summary>
public sealed class DockerException(string message) : Exception(message);
