using GossipSim.Scenarios.Runtimes.Netns;

namespace GossipSim.Scenarios.Runtimes.Docker;

/// <summary>
/// One Docker engine of the run: where the client reaches it (<see cref="Endpoint"/>; null: the engine the client finds by
/// itself, DOCKER_HOST or this machine's socket) and its name in the swarm (its host name: "gse-h2"). Every call about a container
/// goes to the engine that runs it: a container is its engine's alone, even on a swarm.
/// </summary>
public sealed record DockerEngine(string? Endpoint, string Name)
{
    /// <summary>The engine the client finds by itself (DOCKER_HOST or this machine's socket): a run of one engine, as before.</summary>
    public static DockerEngine Default { get; } = new(null, "");

    internal Shell.Result Run(params string[] args) => DockerCli.Run(On(args));

    internal Shell.Result RunWithInput(string stdin, params string[] args) => DockerCli.RunWithInput(stdin, On(args));

    /// <summary>Like <see cref="Run"/>; a failure is a <see cref="DockerException"/> naming the engine, the command and what docker
    /// said.</summary>
    public string Must(params string[] args)
    {
        var r = Run(args);
        if (!r.Ok)
            throw new DockerException($"`docker {string.Join(' ', args)}`{(Endpoint != null ? $" on {Name} ({Endpoint})" : "")} failed: "
                + DockerCli.FirstLine(r.Stderr));
        return r.Stdout.Trim();
    }

    /// <summary>The client's arguments for this engine: "-H endpoint" first when it is named.</summary>
    public string[] On(string[] args) => Endpoint == null ? args : ["-H", Endpoint, .. args];

    /// <summary>"gse-h2 (unix:///run/gse/h2.sock)", or the client's own engine in words.</summary>
    public override string ToString() => Endpoint == null ? DockerCli.Engine : $"{Name} ({Endpoint})";
}
