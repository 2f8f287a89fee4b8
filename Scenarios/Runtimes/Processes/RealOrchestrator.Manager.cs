using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Control;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Runtimes.Processes;

/// <summary>The run-control API of a real run: typed manager commands, carried out on the run's loop.</summary>
public sealed partial class RealOrchestrator
{
    public RunCapabilities Capabilities => RunCapability.Of(Supports, seedSetWhileRunning: _launcher.StartsJoiningSeeds);

    int IManagedRun.SeedCount => _seeds.Count;
    int? IManagedRun.SeedRoom => _launcher.SeedRoom;

    public string NodesDirectory => _nodesDir;
    public TimeSpan TimeOrigin => _t0;
    public string ScenarioName => _s.Name!;
    public double PlannedSeconds => _duration;
    public bool Finished => _finished;

    public Task<RunAnswer> SendAsync(RunCommand command)
    {
        var reply = new TaskCompletionSource<RunAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_finished) reply.SetResult(RunAnswer.Refused("the run has ended"));
        else
        {
            _commands.Enqueue((command, reply));
            _wake.Release(); // the loop carries it now, not at its next due moment
        }
        return reply.Task;
    }

    private RunAnswer Carry(RunCommand command) => ManagerActions.Carry(command, this);

    string IManagedRun.RuntimeName => _launcher.Describe;
    IFaultRuntime IManagedRun.FaultRuntime => this;
    FaultInterpreter IManagedRun.Faults => _faults;
    Scenario IManagedRun.Scenario => _s;
    double IManagedRun.Now => Elapsed;

    IReadOnlyList<NodeInfo> IManagedRun.Listed() => Slots.Where(x => x.Life != null).Select(Info).ToList();

    IReadOnlyList<NodeRef> IManagedRun.AddPeers(int n)
    {
        int first = _peers.Count;
        for (int i = first; i < first + n; i++)
        {
            var slot = new Slot(NodeRef.Peer(i));
            _peers.Add(slot);
            slot.Life = _launcher.Start(slot.Node, null, originates: true);
        }
        Say($"manager: started {n} new peer(s)");
        return _peers.Skip(first).Select(x => x.Node).ToList();
    }

    NodeInfo IManagedRun.Info(NodeRef node) => Info(SlotOf(node));

    string IManagedRun.Quit()
    {
        _quit = true;
        return "stopping the run";
    }

    public NodeRef? Find(NodeTarget target) =>
        ManagerActions.Resolve(target, this, a => Slots.LastOrDefault(x => x.Life != null && Matches(x.Life.Address, a))?.Node);

    /// <summary>An address with IP 0 is a bare port ("kill 5001"): any node's IP on that port.</summary>
    private static bool Matches(NodeAddress address, NodeAddress target) =>
        target.Ip == 0 ? address.Port == target.Port : address == target;

    /// <summary>Why a bare port names no single node (nodes of several hosts share it), or null.</summary>
    public string? Ambiguous(NodeTarget target)
    {
        if (target.Address is not { Ip: 0 } port) return null;
        var on = Slots.Where(x => x.Life != null && Matches(x.Life.Address, port)).Select(x => x.Life!.Address).Distinct().ToList();
        return on.Count > 1 ? $"port {port.Port} is used by {on.Count} nodes ({string.Join(", ", on)}): give the address ip:port" : null;
    }

    private NodeInfo Info(Slot slot)
    {
        bool up = State(slot) == NodeState.Running;
        var peer = up && !slot.Node.IsSeed ? slot.Life!.Snapshot() : null;
        return new NodeInfo(slot.Node, slot.Life?.Address ?? default, up, peer?.Degree ?? 0, peer?.TreeLinks, peer?.PassiveView);
    }
}
