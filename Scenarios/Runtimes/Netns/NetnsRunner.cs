using GossipSim.Scenarios.Host;
using System.Diagnostics;
using System.Text.Json;
using GossipSim.Engine.Config;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes.Processes;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Runtimes.Netns;

/// <summary>
/// The "netns" runtime: the scenario on the namespace test bed. Every seed and peer is the real
/// node executable in its own network namespace with its own address (as on separate hosts);
/// the scenario's latency model is applied by the delaying relay on the router, partitions and
/// loss by nftables there, crashes by SIGKILL. Results are the same files as the other runtimes.
/// The bed is torn down at the end, on an error, and on Ctrl-C / SIGTERM.
/// </summary>
public static class NetnsRunner
{
    /// <summary>Seed namespaces a run that takes commands gets beyond its scenario's: two seed-set adds or replaces.</summary>
    public const int ManagerSeedRoom = 2;

    public static RunResult Run(RunPlan plan, Action<string> say)
    {
        var (s, seed, outDir) = (plan.Scenario, plan.Seed, plan.OutDir);
        if (NetnsBed.Unavailable() is { } why)
            throw new NamespacesUnavailableException($"the netns runtime cannot run on this machine: {why}");
        if (s.Peers > RealRunner.MaxPeers)
            throw new ScenarioException($"the netns runtime starts one process per node (about 20 MB each, 50 MB on the JIT); {s.Peers} "
                + $"peers is more than the {RealRunner.MaxPeers} it allows: run it with --runtime sim");
        var nodeProgram = RealRunner.NodeProgram();
        var relayProgram = RealRunner.RelayProgram();
        if (s.Network.Duplication > 0 || s.Network.ReorderRate > 0)
            say("note: network.duplication and network.reorderRate are skipped on the bed: TCP delivers each byte once and in order");

        // Each node's stdout and stderr are read by a thread-pool thread blocked on its pipe.
        // Without enough threads up front the pool grows by a couple a second, and everything
        // else it runs (signal handlers: Ctrl-C teardown, process exits) waits that long.
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 2 * (s.Seeds + s.Peers + 1) + 16), io);

        string nodesDir = RealRunner.FreshNodesDirectory(outDir);
        // The relay applies the scenario's latency model as the simulator builds it: the same model, drawn by the same code.
        string relayLatency = Path.Combine(outDir, "netns-relay-latency.json");
        DelayRelay.LatencyFile.Write(relayLatency, ScenarioConfig.WireLatencyOf(s));
        // Which node each address is, for a model whose delay belongs to the pair (wan places node i as the simulator does).
        string relayNodes = Path.Combine(outDir, "netns-relay-nodes.txt");
        File.WriteAllLines(relayNodes, Enumerable.Range(0, s.Seeds + s.Peers).Select(i => BedAddresses.OfNode(i, s.Seeds).IpText));
        var seedAddresses = Enumerable.Range(0, s.Seeds).Select(BedAddresses.Seed).ToArray();
        string seedFile = Path.Combine(outDir, "seeds.txt");
        PinnedSeeds.WriteList(seedFile, nodesDir, seedAddresses);

        // The seeds the schedule's seed-set changes start get their namespaces with the others' (after the scenario's seeds, as on
        // the simulator). A namespace is not added to a built bed: a run that takes commands (the terminal's manager, the dashboard)
        // and whose schedule changes no seed set gets ManagerSeedRoom to spare, for the manager's seed-set add and replace.
        int scheduled = SeedSetFault.NewSeedsOf(FaultParser.Parse(s, s.Name ?? "scenario"));
        int newSeeds = scheduled > 0 ? scheduled : plan.Options.OnRealRunStarted != null ? ManagerSeedRoom : 0;
        var wall = Stopwatch.StartNew();
        say($"building the namespace bed: {s.Seeds + newSeeds + s.Peers + 1} namespaces (one per node, one router) on {BedAddresses.Subnet}"
            + (scheduled == 0 && newSeeds > 0 ? $", {newSeeds} of them for seeds the manager's seed-set may start" : ""));
        using var bed = NetnsBed.Build(s.Seeds + newSeeds, s.Peers);
        say($"bed {bed.Name} built in {wall.Elapsed.TotalSeconds:F1} s");
        var launcher = new ProcessLauncher(s, seed, nodeProgram, seedFile, nodesDir, seedAddresses, plan.Driver.Name,
            $"the namespace bed ({RealRunner.NodeProgramKind(nodeProgram)})",
            node => bed.NamespaceOf(node.RoleName, node.Index), node => node.IsSeed ? BedAddresses.Seed(node.Index)
                : BedAddresses.Peer(node.Index), joiningSeeds: newSeeds > 0, seedRoom: s.Seeds + newSeeds);
        using var network = new BedNetwork(s, seed, bed, relayProgram, relayLatency, relayNodes, outDir);
        return new RealOrchestrator(plan, nodesDir, launcher, network, say).Run();
    }
}
