using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Faults;

namespace GossipSim.Scenarios.Real;

/// <summary>The run-control API of a real run: typed manager commands, carried out on the run's loop.</summary>
public sealed partial class RealOrchestrator
{
    public RunCapabilities Capabilities => RunCapability.Of(_network.Supports);

    public string NodesDirectory => _nodesDir;
    public TimeSpan TimeOrigin => _t0;
    public string ScenarioName => _s.Name!;
    public double PlannedSeconds => _duration;
    public bool Finished => _finished;

    public Task<RunAnswer> SendAsync(RunCommand command)
    {
        var reply = new TaskCompletionSource<RunAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_finished) reply.SetResult(RunAnswer.Refused("the run has ended"));
        else _commands.Enqueue((command, reply));
        return reply.Task;
    }

    private RunAnswer Carry(RunCommand command)
    {
        if (RunCapability.Refusal(command, Capabilities, _launcher.Describe) is { } refusal) return RunAnswer.Refused(refusal);
        switch (command)
        {
            case ListNodes:
            {
                var nodes = Slots.Where(x => x.Life != null).Select(Info).ToList();
                return new RunAnswer(true, nodes.Select(n => n.ToString()).ToList(), nodes);
            }
            case AddPeers(var n):
            {
                if (n is < 1 or > 50) return RunAnswer.Refused("add takes 1 to 50 peers at a time");
                int first = _peers.Count;
                for (int i = first; i < first + n; i++)
                {
                    var slot = new Slot(NodeRef.Peer(i));
                    _peers.Add(slot);
                    slot.Life = _launcher.Start(slot.Node, null, originates: true);
                }
                Say($"manager: started {n} new peer(s)");
                return RunAnswer.Ok($"started {n} peer(s): indices {first}..{first + n - 1}", _peers.Skip(first).Select(Info).ToList());
            }
            case KillNode(var target):
                if (Ambiguous(target) is { } why) return RunAnswer.Refused(why);
                return ManagerActions.Kill(target, Find(target), this, _faults, node => Info(SlotOf(node)));
            case RestartNode(var target):
                if (Ambiguous(target) is { } whyNot) return RunAnswer.Refused(whyNot);
                return ManagerActions.Restart(target, Find(target), _faults, node => Info(SlotOf(node)));
            case PartitionNetwork p:
                return ManagerActions.Partition(p, _s, Elapsed, _faults);
            case HealNetwork:
                return ManagerActions.Heal(Elapsed, _faults);
            case QuitRun:
                _quit = true;
                return RunAnswer.Ok("stopping the run");
            default:
                return RunAnswer.Refused($"unknown command {command.Name}");
        }
    }

    private NodeRef? Find(NodeTarget target) =>
        ManagerActions.Resolve(target, this, a => Slots.LastOrDefault(x => x.Life != null && Matches(x.Life.Address, a))?.Node);

    /// <summary>An address with IP 0 is a bare port ("kill 5001"): any node's IP on that port.</summary>
    private static bool Matches(NodeAddress address, NodeAddress target) =>
        target.Ip == 0 ? address.Port == target.Port : address == target;

    /// <summary>Why a bare port names no single node (nodes of several hosts share it), or null.</summary>
    private string? Ambiguous(NodeTarget target)
    {
        if (target.Address is not { Ip: 0 } port) return null;
        var on = Slots.Where(x => x.Life != null && Matches(x.Life.Address, port)).Select(x => x.Life!.Address).Distinct().ToList();
        return on.Count > 1 ? $"port {port.Port} is used by {on.Count} nodes ({string.Join(", ", on)}): give the address ip:port" : null;
    }

    private NodeInfo Info(Slot slot)
    {
        bool up = State(slot) == NodeState.Running;
        return new NodeInfo(slot.Node, slot.Life?.Address ?? default, up, up && !slot.Node.IsSeed ? slot.Life!.Snapshot()?.Degree ?? 0 : 0);
    }
}
