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
    /// <summary>The image the runtime runs (<see cref="NodeImage"/>).</summary>
    public static string Image => NodeImage.Name;

    public static RunResult Run(RunPlan plan, Action<string> say)
    {
        var (s, seed, outDir) = (plan.Scenario, plan.Seed, plan.OutDir);
        if (DockerEngines.Unavailable() is { } why) throw new DockerUnavailableException(why);
        if (s.Seeds > DockerAddresses.MaxSeeds || s.Peers > RealRunner.MaxPeers)
            throw new ScenarioException($"the docker runtime starts one container per node; {s.Peers} peers is more than the "
                + $"{RealRunner.MaxPeers} it allows: run it with --runtime sim");
        if (DockerLimits.Available(DockerCli.Remote() != null) is long available && DockerLimits.Refusal(s.Seeds + s.Peers, available) is { } refusal)
            throw new ScenarioException(refusal);
        NodeImage.FindOrBuild(say);
        var engines = DockerEngines.Open();
        NodeImage.OnEngines(engines, say);
        foreach (var crash in FaultParser.Parse(s).OfType<CrashFault>().Where(c => c.Victims.Kind == VictimKind.Host))
        {
            if (engines.HostCrashNote(crash.Victims, s.Seeds) is { } note) say(note);
            if (!engines.Several) continue;
            var engine = engines.All[Math.Min(crash.Victims.Index, engines.All.Count - 1)];
            say(engines.EngineDeathRefusal(crash.Victims, s.Seeds) is { } refused
                ? $"note: '{crash.Describe()}' kills host {crash.Victims.Index}'s containers, and its engine stays up to give back their "
                    + $"folders: {refused}"
                : $"note: '{crash.Describe()}' kills engine {engine} as a machine dies ({DockerEngines.KillerVariable}): the folders "
                    + "of its nodes are lost with it, and the checks judge them by the other nodes' traces");
        }
        if (s.Network.Duplication > 0 || s.Network.ReorderRate > 0)
            say("note: network.duplication and network.reorderRate are skipped on docker: TCP delivers each byte once and in order");
        say(RealRunner.LatencyNotAppliedLine(s, "docker", "the overlay network's own time"));

        string nodesDir = RealRunner.FreshNodesDirectory(outDir);
        string seedFile = Path.Combine(outDir, "seeds.txt");
        var wall = Stopwatch.StartNew();
        using var bed = DockerBed.Create(s.Name ?? "scenario", engines, say);
        say($"stack {bed.Addresses.Stack}: overlay network {bed.Network} ({bed.Addresses.Subnet}) made in "
            + $"{wall.Elapsed.TotalSeconds:F1} s" + (engines.Several ? $", containers over {engines.All.Count} engines: {engines.Placement(s.Seeds, s.Peers)}" : ""));
        try
        {
            var seeds = Enumerable.Range(0, s.Seeds).Select(i => bed.Addresses.AddressOf(NodeRef.Seed(i))).ToList();
            var keys = PinnedSeeds.Keys(nodesDir, seeds);
            File.WriteAllText(seedFile, DockerAddresses.SeedList(keys.Select(k => k.Key.ToBase64()).ToList(),
                PinnedSeeds.OperatorKey(nodesDir).ToBase64()));
            var volume = RunVolumes.Create(bed, Image, nodesDir, seedFile);
            say(volume.StatusesReadLine());
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
            say(bed.Left is { } left ? $"stack {bed.Addresses.Stack} removed from the living engines in {wall.Elapsed.TotalSeconds:F1} s; {left}"
                : $"stack {bed.Addresses.Stack} removed in {wall.Elapsed.TotalSeconds:F1} s");
        }
    }
}

/// <summary>Docker cannot run the scenario here: no engine, not a swarm manager, no image and none could be built.</summary>
public sealed class DockerUnavailableException(string message) : Exception(message);
