using GossipSim.Scenarios.Host;
using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Runtimes.Processes;

/// <summary>
/// Every seed and peer as its own process of the built node executable, with the scenario's
/// tunables on its command line: on loopback, or each in its own namespace of the bed
/// (<paramref name="namespaceOf"/>, with fixed addresses).
/// </summary>
public sealed class ProcessLauncher(Scenario s, ulong runSeed, ChildProgram nodeProgram, string seedFile, string nodesDir,
    IReadOnlyList<NodeAddress> seedAddresses, string runtime, string describe,
    Func<NodeRef, string?> namespaceOf, Func<NodeRef, NodeAddress?> fixedAddress, bool joiningSeeds = false, int? seedRoom = null)
    : INodeLauncher
{
    public string Runtime => runtime;
    public bool StartsJoiningSeeds => joiningSeeds;
    public int? SeedRoom => seedRoom;
    public string Describe => describe;
    public IReadOnlyList<NodeAddress> SeedAddresses => seedAddresses;

    /// <summary>On loopback a seed moves to a port the OS chooses; in the bed its namespace and address are fixed.</summary>
    public bool MovesSeeds => Enumerable.Range(0, s.Seeds).All(i => namespaceOf(NodeRef.Seed(i)) == null);

    /// <summary>Its state directory emptied but for its key (a drained task's new volume, its key from the secret), then started at a
    /// port the OS chooses; its folder keeps its earlier lives' trace and log.</summary>
    public IRealNode MoveSeed(NodeRef seed)
    {
        string state = PinnedSeeds.StateDirectory(nodesDir, seed);
        foreach (var entry in Directory.EnumerateFileSystemEntries(state))
        {
            if (Path.GetFileName(entry) == RealNet.Security.NodeIdentity.FileName) continue;
            if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
            else File.Delete(entry);
        }
        return Start(seed, new NodeAddress((127u << 24) | 1, 0), originates: true);
    }

    public IRealNode Start(NodeRef node, NodeAddress? listen, bool originates)
    {
        string dir = RealRunner.NodeDirectory(nodesDir, node);
        Directory.CreateDirectory(dir);
        var address = listen ?? fixedAddress(node) ?? new NodeAddress((127u << 24) | 1, 0);
        var args = new List<string> { node.RoleName };
        args.AddRange(NodeArguments.Common(address, seedFile, dir, runSeed, node.RoleName, node.Index, Environment.ProcessId));
        args.AddRange(node.IsSeed ? NodeArguments.Seed(s) : NodeArguments.Peer(s, originates));
        args.AddRange(NodeArguments.Metrics(s, address, node.IsSeed, node.Index));
        // Every life of a seed keeps its commit log in the same directory.
        if (node.IsSeed) args.AddRange(["--state-dir", Path.Combine(dir, "state")]);
        // A seed past the scenario's is one a seed-set change adds: the list does not name it, the vote brings it in.
        if (node.IsSeed && node.Index >= s.Seeds) args.Add("--joining");
        var process = NodeProcess.Start(namespaceOf(node), nodeProgram, args, $"{node.RoleName} {node.Index}", dir);
        return new ProcessNode(process, address.Port != 0 ? address : null);
    }

    /// <summary>Which node program ran: a real hop's cost differs between the native node and the JIT's (compare's loopback model
    /// says which it was measured on).</summary>
    public void AddExtra(Dictionary<string, object> extra) => extra["nodeProgram"] = RealRunner.NodeProgramKind(nodeProgram);

    public void Dispose() { }

    private sealed class ProcessNode(NodeProcess process, NodeAddress? known) : IRealNode
    {
        public NodeAddress Address => known ?? process.ListeningAddress ?? default;
        public bool HasExited => process.HasExited;
        public void WaitReady(TimeSpan timeout) => process.WaitReady(timeout);
        public bool TellsWhenListening => true;
        public DateTime? ReadyAtUtc => process.ReadyAtUtc;
        public void Crash() => process.Kill();
        public void BeginStop() => process.Terminate();
        public int? ProcessId => process.Pid;
        public bool WaitStopped(TimeSpan timeout)
        {
            if (process.WaitExit(timeout)) return true;
            process.Kill();
            return false;
        }
        public long WorkingSet() => process.WorkingSet();

        public NodeSnapshot? Snapshot() => NodeStatus.Snapshot(process.OutDir);
    }
}
