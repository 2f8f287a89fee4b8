using GossipSim.Engine.Core;
using GossipSim.Engine.Peer;
using GossipSim.Simulator.Network;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Control;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Runtimes.Sim;

/// <summary>
/// The manager of a simulation: each command is carried out at the simulator's present, after
/// every event up to it, through the run's one <see cref="FaultInterpreter"/> (the scenario's
/// faults go the same way), and what changed the run is recorded with its virtual time
/// (<see cref="Applied"/>), so the same scenario, seed and record repeat the run exactly.
/// Called on the simulation's thread only.
/// </summary>
public sealed class SimManager(Scenario s, SimNetwork net, FaultScheduler faults, int[] seedIndex, List<int> peerIndex,
    Func<int> addPeer) : IManagedRun
{
    public const string Runtime = "the simulator";
    private readonly List<OperatorEntry> _applied = new();

    public RunCapabilities Capabilities => RunCapability.Of(faults.Supports);

    /// <summary>Commands that changed the run, in order, with their virtual times.</summary>
    public IReadOnlyList<OperatorEntry> Applied => _applied;

    /// <summary>A quit was carried out: the run ends at its time.</summary>
    public bool Quit { get; private set; }

    public RunAnswer Carry(RunCommand command)
    {
        var answer = CarryNow(command);
        if (answer.Done && command is not ListNodes)
            _applied.Add(new OperatorEntry(Math.Round(net.Now.TotalSeconds, 3), ManagerCommand.Format(command)));
        return answer;
    }

    private RunAnswer CarryNow(RunCommand command) => ManagerActions.Carry(command, this);

    string IManagedRun.RuntimeName => Runtime;
    IFaultRuntime IManagedRun.FaultRuntime => faults;
    FaultInterpreter IManagedRun.Faults => faults.Interpreter;
    Scenario IManagedRun.Scenario => s;
    double IManagedRun.Now => net.Now.TotalSeconds;

    IReadOnlyList<NodeInfo> IManagedRun.Listed() =>
        Nodes().Where(n => net.IsAlive(faults.IndexOf(n)) || faults.Interpreter.Victims.Contains(n)).Select(Info).ToList();

    IReadOnlyList<NodeRef> IManagedRun.AddPeers(int n) => Enumerable.Range(0, n).Select(_ => NodeRef.Peer(addPeer())).ToList();

    string? IManagedRun.Ambiguous(NodeTarget target) => null;

    string IManagedRun.Quit()
    {
        Quit = true;
        return $"stopping the simulation at t = {net.Now.TotalSeconds:F3} s";
    }

    private IEnumerable<NodeRef> Nodes() =>
        Enumerable.Range(0, seedIndex.Length).Select(NodeRef.Seed).Concat(Enumerable.Range(0, peerIndex.Count).Select(NodeRef.Peer));


    public NodeRef? Find(NodeTarget target)
    {
        var node = ManagerActions.Resolve(target, faults, a => net.IndexOf(a) is int i and >= 0
            ? Array.IndexOf(seedIndex, i) is int seed and >= 0 ? NodeRef.Seed(seed)
            : peerIndex.IndexOf(i) is int peer and >= 0 ? NodeRef.Peer(peer) : null
            : null);
        return node is { } n && n.Index < (n.IsSeed ? seedIndex.Length : peerIndex.Count) ? n : null;
    }

    public NodeInfo Info(NodeRef node)
    {
        int i = faults.IndexOf(node);
        bool up = net.IsAlive(i);
        // The peer itself where this rank runs it (its links' modes, its passive view); a peer another rank runs is listed by degree alone.
        var peer = up && !node.IsSeed ? net.NodeAt(i) as PeerNode : null;
        return new NodeInfo(node, net.AddressOf(i), up, up && !node.IsSeed ? net.DegreeOf(i) : 0, peer?.TreeLinks, peer?.PassiveViewCount);
    }
}
