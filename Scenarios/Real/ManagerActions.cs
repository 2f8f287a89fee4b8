using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Faults;

namespace GossipSim.Scenarios.Real;

/// <summary>
/// The manager's kill, restart, partition and heal, as every runtime carries them out: through
/// its one <see cref="FaultInterpreter"/> (the scenario's faults go the same way), at the run's
/// time <c>at</c>. The runtime says which node an address is and how to list a node.
/// </summary>
public static class ManagerActions
{
    /// <summary>The node a target means now: the hub is the live peer of highest degree (<see cref="VictimPicker.Hub"/>).</summary>
    public static NodeRef? Resolve(NodeTarget target, IFaultRuntime runtime, Func<NodeAddress, NodeRef?> byAddress) =>
        target.Hub ? VictimPicker.Hub(runtime.LivePeers(), runtime.DegreeOf) is int hub and >= 0 ? NodeRef.Peer(hub) : null
        : target.Node ?? byAddress(target.Address!.Value);

    /// <summary>A target as the manager names it back: a bare port ("kill 5001") as "on port 5001".</summary>
    private static string Name(NodeTarget target) => target.Address is { Ip: 0 } a ? $"on port {a.Port}" : target.ToString();

    public static RunAnswer Kill(NodeTarget target, NodeRef? node, IFaultRuntime runtime, FaultInterpreter faults, Func<NodeRef, NodeInfo> info)
    {
        if (node is not { } n || runtime.StateOf(n) != NodeState.Running) return RunAnswer.Refused($"no live node {Name(target)}");
        var listed = info(n);
        var (victim, degree) = faults.Crash(new[] { n }, target.Hub ? "the hub, by the manager" : "by the manager")[0];
        return RunAnswer.Ok($"killed {victim.RoleName} {listed.Address} (degree {degree})", new[] { info(n) with { Degree = degree } });
    }

    public static RunAnswer Restart(NodeTarget target, NodeRef? node, FaultInterpreter faults, Func<NodeRef, NodeInfo> info)
    {
        if (node is not { } n || !faults.Restart(n)) return RunAnswer.Refused($"no crashed node {Name(target)}");
        var listed = info(n);
        return RunAnswer.Ok($"restarted {n.RoleName} {listed.Address}", new[] { listed });
    }

    /// <summary>The groups are checked as a scenario file's are (<see cref="FaultParser.ParseGroups"/>); a bad one is refused in one line.</summary>
    public static RunAnswer Partition(PartitionNetwork command, Scenario s, double at, FaultInterpreter faults)
    {
        var errors = new List<string>();
        var parsed = FaultParser.ParseGroups(s, command.Groups, command.OneWay, (ok, why) => { if (!ok) errors.Add(why); });
        if (errors.Count > 0) return RunAnswer.Refused("partition: expected " + string.Join("; ", errors.Distinct()));
        var p = new PartitionFault(at, parsed, command.Groups, command.OneWay, null);
        faults.Apply(p, -1);
        return RunAnswer.Ok($"partition {p.Description}");
    }

    public static RunAnswer Heal(double at, FaultInterpreter faults)
    {
        faults.Apply(new HealFault(at), -1);
        return RunAnswer.Ok("healed");
    }
}
