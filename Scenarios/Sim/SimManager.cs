using GossipSim.Engine.Core;
using GossipSim.Engine.Simulation;
using GossipSim.Scenarios.Dashboard;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Faults;
using GossipSim.Scenarios.Real;

namespace GossipSim.Scenarios.Sim;

/// <summary>
/// The manager of a simulation: each command is carried out at the simulator's present, after
/// every event up to it, through the run's one <see cref="FaultInterpreter"/> (the scenario's
/// faults go the same way), and what changed the run is recorded with its virtual time
/// (<see cref="Applied"/>), so the same scenario, seed and record repeat the run exactly.
/// Called on the simulation's thread only.
/// </summary>
public sealed class SimManager(Scenario s, SimNetwork net, FaultScheduler faults, int[] seedIndex, List<int> peerIndex, Func<int> addPeer)
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
        if (answer.Done && command is not ListNodes) _applied.Add(new OperatorEntry(Math.Round(net.Now.TotalSeconds, 3), ManagerCommand.Format(command)));
        return answer;
    }

    private RunAnswer CarryNow(RunCommand command)
    {
        if (RunCapability.Refusal(command, Capabilities, Runtime) is { } refusal) return RunAnswer.Refused(refusal);
        double now = net.Now.TotalSeconds;
        switch (command)
        {
            case ListNodes:
            {
                var nodes = Nodes().Where(n => net.IsAlive(IndexOf(n)) || faults.Interpreter.Victims.Contains(n)).Select(Info).ToList();
                return new RunAnswer(true, nodes.Select(n => n.ToString()).ToList(), nodes);
            }
            case AddPeers(var n):
            {
                if (n is < 1 or > 50) return RunAnswer.Refused("add takes 1 to 50 peers at a time");
                var added = Enumerable.Range(0, n).Select(_ => NodeRef.Peer(addPeer())).ToList();
                return RunAnswer.Ok($"started {n} peer(s): indices {added[0].Index}..{added[^1].Index}", added.Select(Info).ToList());
            }
            case KillNode(var target):
                return ManagerActions.Kill(target, Find(target), faults, faults.Interpreter, Info);
            case RestartNode(var target):
                return ManagerActions.Restart(target, Find(target), faults.Interpreter, Info);
            case PartitionNetwork p:
                return ManagerActions.Partition(p, s, now, faults.Interpreter);
            case HealNetwork:
                return ManagerActions.Heal(now, faults.Interpreter);
            case QuitRun:
                Quit = true;
                return RunAnswer.Ok($"stopping the simulation at t = {now:F3} s");
            default:
                return RunAnswer.Refused($"unknown command {command.Name}");
        }
    }

    private IEnumerable<NodeRef> Nodes() =>
        Enumerable.Range(0, seedIndex.Length).Select(NodeRef.Seed).Concat(Enumerable.Range(0, peerIndex.Count).Select(NodeRef.Peer));

    private int IndexOf(NodeRef node) => node.IsSeed ? seedIndex[node.Index] : peerIndex[node.Index];

    private NodeRef? Find(NodeTarget target)
    {
        var node = ManagerActions.Resolve(target, faults, a => net.IndexOf(a) is int i and >= 0
            ? Array.IndexOf(seedIndex, i) is int seed and >= 0 ? NodeRef.Seed(seed) : peerIndex.IndexOf(i) is int peer and >= 0 ? NodeRef.Peer(peer) : null
            : null);
        return node is { } n && n.Index < (n.IsSeed ? seedIndex.Length : peerIndex.Count) ? n : null;
    }

    private NodeInfo Info(NodeRef node)
    {
        int i = IndexOf(node);
        bool up = net.IsAlive(i);
        return new NodeInfo(node, net.AddressOf(i), up, up && !node.IsSeed ? net.NodeAt(i)!.OverlayDegree : 0);
    }
}
