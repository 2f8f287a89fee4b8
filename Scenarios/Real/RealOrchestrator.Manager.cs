using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Faults;

namespace GossipSim.Scenarios.Real;

/// <summary>The run-control API of a real run: typed manager commands, carried out on the run's loop.</summary>
public sealed partial class RealOrchestrator
{
    public IReadOnlyList<string> Commands =>
        (_network.Supports & NetworkEffects.Partition) != 0
            ? new[] { "list", "add", "kill", "restart", "partition", "heal", "quit" }
            : new[] { "list", "add", "kill", "restart", "quit" };

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
        if (!Commands.Contains(command.Name))
            return RunAnswer.Refused($"{command.Name} needs control of the network between nodes: {_launcher.Describe} has none (use \"runtime\": \"netns\", or the simulator)");
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
            {
                if (Ambiguous(target) is { } why) return RunAnswer.Refused(why);
                if (Find(target) is not { } slot || State(slot) != NodeState.Running) return RunAnswer.Refused($"no live node {Name(target)}");
                var crashed = _faults.Crash(new[] { slot.Node }, target.Hub ? "the hub, by the manager" : "by the manager");
                var (node, degree) = crashed[0];
                return RunAnswer.Ok($"killed {node.RoleName} {slot.Life!.Address} (degree {degree})", new[] { Info(slot) with { Degree = degree } });
            }
            case RestartNode(var target):
            {
                if (Ambiguous(target) is { } why) return RunAnswer.Refused(why);
                if (Find(target) is not { } slot || !_faults.Restart(slot.Node)) return RunAnswer.Refused($"no crashed node {Name(target)}");
                return RunAnswer.Ok($"restarted {slot.Node.RoleName} {slot.Life!.Address}", new[] { Info(slot) });
            }
            case PartitionNetwork(var groups, var oneWay):
            {
                var errors = new List<string>();
                var parsed = FaultParser.ParseGroups(_s, groups, oneWay, (ok, why) => { if (!ok) errors.Add(why); });
                if (errors.Count > 0) return RunAnswer.Refused("partition: expected " + string.Join("; ", errors.Distinct()));
                var p = new PartitionFault(Elapsed, parsed, groups, oneWay, null);
                _faults.Apply(p, -1);
                return RunAnswer.Ok($"partition {p.Description}");
            }
            case HealNetwork:
                _faults.Apply(new HealFault(Elapsed), -1);
                return RunAnswer.Ok("healed");
            case QuitRun:
                _quit = true;
                return RunAnswer.Ok("stopping the run");
            default:
                return RunAnswer.Refused($"unknown command {command.Name}");
        }
    }

    private Slot? Find(NodeTarget target)
    {
        if (target.Hub) return VictimPicker.Hub(LivePeers(), DegreeOf) is int hub and >= 0 ? _peers[hub] : null;
        if (target.Node is { } node) return (node.IsSeed ? _seeds : (IEnumerable<Slot>)_peers).FirstOrDefault(x => x.Node.Index == node.Index);
        return Slots.LastOrDefault(x => x.Life != null && Matches(x.Life.Address, target.Address!.Value));
    }

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

    private static string Name(NodeTarget target) => target.Address is { Ip: 0 } a ? $"on port {a.Port}" : target.ToString();

    private NodeInfo Info(Slot slot)
    {
        bool up = State(slot) == NodeState.Running;
        return new NodeInfo(slot.Node, slot.Life?.Address ?? default, up, up && !slot.Node.IsSeed ? slot.Life!.Snapshot()?.Degree ?? 0 : 0);
    }
}
