using System.Diagnostics;
using GossipSim.Engine.Config;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Scenarios.Runtimes.Processes;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Runtimes.Docker;

/// <summary>
/// The "docker" runtime: the scenario's seeds and peers as containers of the node image on the
/// Docker Swarm's overlay network (this machine's engine, or the one DOCKER_HOST names), run by
/// the one <see cref="RealOrchestrator"/> (the one fault interpreter and victim picker, the one
/// summary), with a container launcher and a network control of its own. The run's stack
/// (containers, volume and network) is removed at the end, on failure and on Ctrl-C; the nodes'
/// folders are copied from the run's volume into the results folder, so the results are the
/// same files as every real runtime's.
/// </summary>
public static class DockerRunner
{
    /// <summary>The image the runtime runs (deploy/build-image.sh builds it); GOSSIPSIM_DOCKER_IMAGE names another.</summary>
    public static string Image =>
        Environment.GetEnvironmentVariable("GOSSIPSIM_DOCKER_IMAGE") is { Length: > 0 } i ? i : DefaultImage;

    private const string DefaultImage = "gossipsim-node:latest";

    public static RunResult Run(RunPlan plan, Action<string> say)
    {
        var (s, seed, outDir) = (plan.Scenario, plan.Seed, plan.OutDir);
        RefuseHostsOwnBroadcast(s);
        if (DockerCli.Unavailable() is { } why) throw new DockerUnavailableException(why);
        if (s.Seeds > DockerAddresses.MaxSeeds || s.Peers > RealRunner.MaxPeers)
            throw new ScenarioException($"the docker runtime starts one container per node; {s.Peers} peers is more than the "
                + $"{RealRunner.MaxPeers} it allows: run it with --runtime sim");
        if (DockerLimits.Available(DockerCli.Remote() != null) is long available && DockerLimits.Refusal(s.Seeds + s.Peers, available) is { } refusal)
            throw new ScenarioException(refusal);
        FindOrBuildImage(say);
        if (s.Network.Duplication > 0 || s.Network.ReorderRate > 0)
            say("note: network.duplication and network.reorderRate are skipped on docker: TCP delivers each byte once and in order");
        say(RealRunner.LatencyNotAppliedLine(s, "docker", "the overlay network's own time"));

        string nodesDir = RealRunner.FreshNodesDirectory(outDir);
        string seedFile = Path.Combine(outDir, "seeds.txt");
        var wall = Stopwatch.StartNew();
        using var bed = DockerBed.Create(s.Name ?? "scenario", say);
        say($"stack {bed.Addresses.Stack}: overlay network {bed.Network} ({bed.Addresses.Subnet}) made in "
            + $"{wall.Elapsed.TotalSeconds:F1} s");
        try
        {
            var seeds = Enumerable.Range(0, s.Seeds).Select(i => bed.Addresses.AddressOf(NodeRef.Seed(i))).ToList();
            var keys = PinnedSeeds.Keys(nodesDir, seeds);
            File.WriteAllText(seedFile, DockerAddresses.SeedList(keys.Select(k => k.Key.ToBase64()).ToList()));
            var volume = RunVolume.Create(bed, Image, nodesDir, seedFile);
            bool filters = volume.HasNft();
            if (!filters) say($"docker: partitions and loss are not applied (the image {Image} has no nft: rebuild it with deploy/build-image.sh)");
            using var network = new DockerNetwork(s, bed, filters);
            using var launcher = new DockerLauncher(s, seed, bed, volume, Image, nodesDir, say, network.Started);
            return new RealOrchestrator(plan, nodesDir, launcher, network, say).Run();
        }
        finally
        {
            wall.Restart();
            bed.Dispose();
            say($"stack {bed.Addresses.Stack} removed in {wall.Elapsed.TotalSeconds:F1} s");
        }
    }

    /// <summary>
    /// The image is the repository's node program: a GossipSim host's own roles are not in it (a host's nodes are the host itself on
    /// loopback and in the namespace bed; the docker runtime does not build a host's image yet).
    /// </summary>
    private static void RefuseHostsOwnBroadcast(Scenario s)
    {
        if (Host.HostProgram.Name is not { } host) return;
        var unknown = Host.HostProgram.UnknownToRepositoryNodes(ScenarioConfig.PeerConfigOf(s));
        if (unknown.Count > 0)
            throw new ScenarioException($"the docker runtime runs the repository's node image ({Image}), which does not have "
                + $"{host}'s {string.Join(" and ", unknown)}: a host's own protocol cannot run on docker yet; run it with "
                + "--runtime real or --runtime netns, whose nodes are the host itself");
    }

    /// <summary>
    /// The node image on the engine: found, or built there by deploy/build-image.sh of this checkout
    /// when it is missing or older than the node's sources or the image's recipe here (a run must
    /// not test yesterday's node); a build that fails names its step.
    /// </summary>
    private static void FindOrBuildImage(Action<string> say)
    {
        var found = DockerCli.Run("image", "inspect", "--format", "{{.Created}}", Image);
        string? script = BuildScript();
        if (found.Ok && (script == null || !OlderThanSources(found.Stdout.Trim(), Path.GetDirectoryName(Path.GetDirectoryName(script))!)))
            return;
        if (script == null)
            throw new DockerUnavailableException($"the node image {Image} is missing on {DockerCli.Engine}: build it there with "
                + (DockerCli.Remote() is { } remote ? $"DOCKER_HOST={remote} " : "") + "deploy/build-image.sh"
                + (Image != DefaultImage ? $" --tag {Image}" : "") + " (in a GossipSim checkout)");
        say(found.Ok ? $"the node image {Image} is older than the node's sources: rebuilding it with deploy/build-image.sh"
            : $"the node image {Image} is missing: building it with deploy/build-image.sh (a minute or two, once)");
        var r = Netns.Shell.Run("bash", [script, "--tag", Image], timeoutMs: 30 * 60_000);
        if (!r.Ok)
        {
            // The script's own last line names the failing step ("error: image build failed at step 'publish': ...").
            string? said = DockerCli.Lines(r.Stderr).LastOrDefault(l => l.StartsWith("error: ", StringComparison.Ordinal));
            throw new DockerUnavailableException(said != null ? said["error: ".Length..]
                : $"the image build failed (exit {r.ExitCode}): {DockerCli.FirstLine(r.Stderr + r.Stdout)}");
        }
    }

    /// <summary>Whether a source file of the node (RealNet/, Engine/) or the image's recipe (deploy/'s Dockerfile, build script, health
    /// check) changed after the image was made (<paramref name="created"/>, as docker prints it).</summary>
    private static bool OlderThanSources(string created, string checkout)
    {
        if (!DateTimeOffset.TryParse(created, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var made)) return false;
        var recipe = new[] { "Dockerfile", "build-image.sh", "healthy" }.Select(f => Path.Combine(checkout, "deploy", f));
        return new[] { "RealNet", "Engine" }.Select(d => Path.Combine(checkout, d)).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs*", SearchOption.AllDirectories)).Concat(recipe.Where(File.Exists))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Any(f => File.GetLastWriteTimeUtc(f) > made.UtcDateTime);
    }

    /// <summary>deploy/build-image.sh of the checkout this program was built from, or of the current directory's.</summary>
    private static string? BuildScript()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                string script = Path.Combine(dir.FullName, "deploy", "build-image.sh");
                if (File.Exists(script)) return script;
            }
        return null;
    }
}

/// <summary>Docker cannot run the scenario here: no engine, not a swarm manager, no image and none could be built.</summary>
public sealed class DockerUnavailableException(string message) : Exception(message);
