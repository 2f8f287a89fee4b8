using GossipSim.Scenarios.Host;
using System.Net;
using System.Net.Sockets;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Runtimes.Processes;

/// <summary>
/// The real runtime on this machine: every seed and peer as its own OS process (the built
/// RealNet node) on 127.0.0.1, or ("realHosting": "in-process") all hosted in this process,
/// each with its own TCP listener. The <see cref="RealOrchestrator"/> runs the scenario.
/// </summary>
public static class RealRunner
{
    /// <summary>Each node process costs tens of MB (docs/performance.md has the measured peaks, native and JIT), and CPU; beyond this,
    /// use the simulator or in-process hosting. The netns bed, a process per node too, shares the limit.</summary>
    public const int MaxPeers = 300;

    public static RunResult Run(RunPlan plan, Action<string> say)
    {
        var (s, seed, outDir) = (plan.Scenario, plan.Seed, plan.OutDir);
        string nodesDir = FreshNodesDirectory(outDir);
        INodeLauncher launcher;
        if (s.RealHosting == "in-process") launcher = new InProcessLauncher(s, seed, nodesDir);
        else
        {
            if (s.Peers > MaxPeers)
                throw new ScenarioException($"the real runtime starts one process per node (about 20 MB each, 50 MB on the JIT); {s.Peers} "
                    + $"peers is more than the {MaxPeers} it allows: set \"realHosting\": \"in-process\", or run it with --runtime sim");
            var nodeProgram = NodeProgram();
            if (NativeNodeHint(nodeProgram, AppContext.BaseDirectory, JitAsked) is { } hint) say(hint);
            var seedAddresses = ReservePorts(s.Seeds).Select(p => new NodeAddress((127u << 24) | 1, (ushort)p)).ToArray();
            launcher = new ProcessLauncher(s, seed, nodeProgram, Path.Combine(outDir, "seeds.txt"), nodesDir, seedAddresses, plan.Driver.Name,
                $"seed and peer processes on 127.0.0.1 ({NodeProgramKind(nodeProgram)})", _ => null, _ => null, joiningSeeds: true);
        }
        PinnedSeeds.WriteList(Path.Combine(outDir, "seeds.txt"), nodesDir, launcher.SeedAddresses);
        say(LatencyNotAppliedLine(s, "loopback", "loopback TCP's own time plus the nodes' work"));
        return new RealOrchestrator(plan, nodesDir, launcher, new NoNetworkControl(), say).Run();
    }

    /// <summary>
    /// Said at the start of every run on a network that cannot hold a message back (loopback: nothing between two sockets on
    /// 127.0.0.1; Docker's overlay network): the scenario's latency model, whichever it is (the measured Internet's countries
    /// too), is not applied; the namespace bed's relay applies it. One line, the same words on each.
    /// </summary>
    /// <param name="network">The runtime's network as the line opens ("loopback", "docker").</param>
    /// <param name="instead">What messages take instead.</param>
    public static string LatencyNotAppliedLine(Scenario s, string network, string instead) =>
        $"{network}: network.latency ({ScenarioConfig.LatencyOf(s).Describe()}) is not applied here; messages take {instead} "
            + $"(runtime \"netns\" applies it)";

    /// <summary>
    /// Every real runtime (loopback, in-process, the namespace bed, docker) refuses a scenario's churn, in
    /// the words of the file check: a run planned without that check (compare's real side) too.
    /// </summary>
    public static void RefuseChurn(Scenario s)
    {
        if (s.Churn != null)
            throw new ScenarioException($"{s.Name}: field churn: real nodes do not run it: expected {ScenarioLoader.ChurnNeeds}");
    }

    /// <summary>outDir/nodes/, emptied: one folder per node.</summary>
    public static string FreshNodesDirectory(string outDir)
    {
        Directory.CreateDirectory(outDir);
        string nodesDir = Path.Combine(outDir, "nodes");
        if (Directory.Exists(nodesDir)) Directory.Delete(nodesDir, recursive: true);
        Directory.CreateDirectory(nodesDir);
        return nodesDir;
    }

    /// <summary>One node's folder under outDir/nodes/ ("peer-3"): its trace, status, log, and a seed's state.</summary>
    public static string NodeDirectory(string nodesDir, NodeRef node) => Path.Combine(nodesDir, $"{node.RoleName}-{node.Index}");

    /// <summary>
    /// The node program the launcher starts (loopback and the namespace bed): a GossipSim host in its node mode when this
    /// process is one (<see cref="GossipSimHost"/>: the nodes must know the host's broadcasts), else the repository's
    /// (<see cref="NodeProgram(string, bool)"/>).
    /// </summary>
    public static ChildProgram NodeProgram() =>
        HostProgram.InMode(HostProgram.NodeMode) ?? new ChildProgram(NodeProgram(AppContext.BaseDirectory, JitAsked));

    /// <summary>The namespace bed's delaying relay: a host in its relay mode, else the repository's relay program.</summary>
    public static ChildProgram RelayProgram() =>
        HostProgram.InMode(HostProgram.RelayMode) ?? new ChildProgram(NodeExecutable("GossipSim.DelayRelay.dll"));

    private static bool JitAsked => Environment.GetEnvironmentVariable("GOSSIPSIM_JIT_NODES") == "1";

    /// <summary>
    /// The repository's node program: the NativeAOT executable a build with
    /// -p:NodeNative=true publishes into node-native/ (a third of the JIT node's memory,
    /// docs/performance.md section 5), unless it is missing (not asked for, or no clang at build
    /// time), older than the build's GossipSim.RealNet.dll (a stale copy), or GOSSIPSIM_JIT_NODES=1
    /// asks for the JIT; then GossipSim.RealNet.dll, run by dotnet.
    /// </summary>
    public static string NodeProgram(string dir, bool jit)
    {
        string dll = Path.Combine(dir, "GossipSim.RealNet.dll");
        string native = Path.Combine(dir, "node-native", "GossipSim.RealNet");
        if (!jit && File.Exists(native) && (!File.Exists(dll) || File.GetLastWriteTimeUtc(native)
            >= File.GetLastWriteTimeUtc(dll))) return native;
        if (!File.Exists(dll)) throw new ScenarioException($"{dll} is missing: build the solution first (dotnet build)");
        return dll;
    }

    /// <summary>For the run's first line: which node program runs (its memory differs threefold).</summary>
    public static string NodeProgramKind(string program) =>
        program.EndsWith(".dll", StringComparison.Ordinal) ? "JIT nodes: dotnet GossipSim.RealNet.dll" : "native nodes";

    /// <summary>For the run's first line: the repository's node (native or JIT), or a host's ("host nodes: dotnet MyLab.dll node").</summary>
    public static string NodeProgramKind(ChildProgram program) =>
        program.Mode.Count > 0 ? $"host nodes: {program.Describe()}" : NodeProgramKind(program.Path);

    /// <summary>
    /// Said when the nodes run on the JIT though nobody asked: the command that builds the native
    /// node for this build (its configuration is the folder above net10.0/), which runs from then on.
    /// </summary>
    public static string? NativeNodeHint(ChildProgram program, string dir, bool jitAsked) =>
        // A host's nodes are the host itself, on the JIT: there is no native build of them to suggest.
        program.Mode.Count > 0 ? null : NativeNodeHint(program.Path, dir, jitAsked);

    public static string? NativeNodeHint(string program, string dir, bool jitAsked)
    {
        if (jitAsked || !program.EndsWith(".dll", StringComparison.Ordinal)) return null;
        string configuration = new DirectoryInfo(dir.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";
        string build = configuration == "Debug" ? "dotnet build Scenarios" : $"dotnet build Scenarios -c {configuration}";
        return $"nodes run on the JIT (about 49 MiB each); {build} -p:NodeNative=true publishes the native node (about 19 MiB each; "
            + "NativeAOT with clang, about 1.5 min on two cores), which runs from then on";
    }

    /// <summary>A built program beside this one (the node executable, or this one for the relay).</summary>
    public static string NodeExecutable(string dll)
    {
        string path = Path.Combine(AppContext.BaseDirectory, dll);
        if (!File.Exists(path)) throw new ScenarioException($"{path} is missing: build the solution first (dotnet build)");
        return path;
    }

    /// <summary>Free loopback ports for the seeds (their addresses must be in the seed list before they start).</summary>
    public static int[] ReservePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        foreach (var l in listeners) l.Start();
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        foreach (var l in listeners) l.Stop();
        return ports;
    }
}
