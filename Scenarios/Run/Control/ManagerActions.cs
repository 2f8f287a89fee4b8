using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Run.Control;

/// <summary>
/// The manager's kill, restart, partition and heal, as every runtime carries them out: through
/// its one <see cref="FaultInterpreter"/> (the scenario's faults go the same way), at the run's
/// time <c>at</c>. The runtime says which node an address is and how to list a node.
/// </summary>
/// <summary>What a runtime gives the manager: its nodes, its faults, its clock. The commands themselves are
/// <see cref="ManagerActions.Carry"/>, one for every runtime.</summary>
public interface IManagedRun
{
    RunCapabilities Capabilities { get; }
    /// <summary>The runtime as a refusal names it ("the simulator", "loopback processes").</summary>
    string RuntimeName { get; }
    IFaultRuntime FaultRuntime { get; }
    FaultInterpreter Faults { get; }
    Scenario Scenario { get; }
    /// <summary>The run's time now, in seconds, as the scenario's faults count it.</summary>
    double Now { get; }
    IReadOnlyList<NodeInfo> Listed();
    /// <summary>Starts <paramref name="n"/> more peers; their indices.</summary>
    IReadOnlyList<NodeRef> AddPeers(int n);
    NodeRef? Find(NodeTarget target);
    /// <summary>Why a target names no single node (a bare port several nodes use), or null.</summary>
    string? Ambiguous(NodeTarget target);
    NodeInfo Info(NodeRef node);
    /// <summary>Seeds of the run so far, the scenario's and those a seed-set change started: the next new seed's index.</summary>
    int SeedCount => Scenario.Seeds;
    /// <summary>The seeds the runtime can run at most, the scenario's and new ones; null: no limit.</summary>
    int? SeedRoom => null;
    /// <summary>Ends the run at <see cref="Now"/>; what the manager answers.</summary>
    string Quit();
}

public static class ManagerActions
{
    /// <summary>One typed command, carried out the same way on every runtime.</summary>
    public static RunAnswer Carry(RunCommand command, IManagedRun run)
    {
        if (RunCapability.Refusal(command, run.Capabilities, run.RuntimeName) is { } refusal) return RunAnswer.Refused(refusal);
        switch (command)
        {
            case ListNodes:
            {
                var nodes = run.Listed();
                return new RunAnswer(true, nodes.Select(n => n.ToString()).ToList(), nodes);
            }
            case AddPeers(var n):
            {
                if (n is < 1 or > 50) return RunAnswer.Refused("add takes 1 to 50 peers at a time");
                var added = run.AddPeers(n);
                return RunAnswer.Ok($"started {n} peer(s): indices {added[0].Index}..{added[^1].Index}", added.Select(run.Info).ToList());
            }
            case KillNode(var target):
                return run.Ambiguous(target) is { } why ? RunAnswer.Refused(why)
                    : Kill(target, run.Find(target), run.FaultRuntime, run.Faults, run.Info);
            case RestartNode(var target):
                return run.Ambiguous(target) is { } whyNot ? RunAnswer.Refused(whyNot)
                    : Restart(target, run.Find(target), run.Faults, run.Info);
            case PartitionNetwork p:
                return Partition(p, run.Scenario, run.Now, run.Faults);
            case HealNetwork:
                return Heal(run.Now, run.Faults);
            case ChangeSeedSet c:
                return SeedSet(c, run);
            case QuitRun:
                return RunAnswer.Ok(run.Quit());
            default:
                return RunAnswer.Refused($"unknown command {command.Name}");
        }
    }

    /// <summary>The node a target means now: the hub is the live peer of highest degree (<see cref="VictimPicker.Hub"/>).</summary>
    public static NodeRef? Resolve(NodeTarget target, IFaultRuntime runtime, Func<NodeAddress, NodeRef?> byAddress) =>
        target.Hub ? VictimPicker.Hub(runtime.LivePeers(), runtime.DegreeOf) is int hub and >= 0 ? NodeRef.Peer(hub) : null
        : target.Node ?? byAddress(target.Address!.Value);

    /// <summary>A target as the manager names it back: a bare port ("kill 5001") as "on port 5001".</summary>
    private static string Name(NodeTarget target) => target.Address is { Ip: 0 } a ? $"on port {a.Port}" : target.ToString();

    private static RunAnswer Kill(NodeTarget target, NodeRef? node, IFaultRuntime runtime, FaultInterpreter faults,
        Func<NodeRef, NodeInfo> info)
    {
        if (node is not { } n || runtime.StateOf(n) != NodeState.Running) return RunAnswer.Refused($"no live node {Name(target)}");
        var listed = info(n);
        var (victim, degree) = faults.Crash(new[] { n }, target.Hub ? "the hub, by the manager" : "by the manager")[0];
        return RunAnswer.Ok($"killed {victim.RoleName} {listed.Address} (degree {degree})", new[] { info(n) with { Degree = degree } });
    }

    private static RunAnswer Restart(NodeTarget target, NodeRef? node, FaultInterpreter faults, Func<NodeRef, NodeInfo> info)
    {
        if (node is not { } n || !faults.Restart(n)) return RunAnswer.Refused($"no crashed node {Name(target)}");
        var listed = info(n);
        return RunAnswer.Ok($"restarted {n.RoleName} {listed.Address}", new[] { listed });
    }

    /// <summary>The groups are checked as a scenario file's are (<see cref="FaultParser.ParseGroups"/>); a bad one is refused in one
    /// line.</summary>
    private static RunAnswer Partition(PartitionNetwork command, Scenario s, double at, FaultInterpreter faults)
    {
        var errors = new List<string>();
        var parsed = FaultParser.ParseGroups(s, command.Groups, command.OneWay, (ok, why) => { if (!ok) errors.Add(why); });
        if (errors.Count > 0) return RunAnswer.Refused("partition: expected " + string.Join("; ", errors.Distinct()));
        var p = new PartitionFault(at, parsed, command.Groups, command.OneWay, null);
        faults.Apply(p, -1);
        return RunAnswer.Ok($"partition {p.Description}");
    }

    /// <summary>As a scenario's seed-set fault, now: a new seed takes the next index; the outcome is said as the change goes on.</summary>
    private static RunAnswer SeedSet(ChangeSeedSet c, IManagedRun run)
    {
        // A new seed's index is the next free one: the schedule's own changes hold theirs.
        if (run.Scenario.Faults?.Any(f => f.Action == "seed-set") == true)
            return RunAnswer.Refused("seed-set: this scenario's schedule changes the seed set itself; the manager changes it in runs "
                + "whose schedule does not");
        if (c.Change != SeedSetChangeKind.Add
            && (c.Index < 0 || c.Index >= run.SeedCount || run.FaultRuntime.StateOf(NodeRef.Seed(c.Index)) == NodeState.NotStarted))
            return RunAnswer.Refused($"seed-set {c.Change.ToString().ToLowerInvariant()}: no seed {c.Index} (seeds 0 to {run.SeedCount - 1})");
        if (NoSeedRoom(c.Change, run.SeedCount, run.SeedRoom, run.Scenario.Seeds, run.RuntimeName) is { } full) return RunAnswer.Refused(full);
        var fault = new SeedSetFault(run.Now, c.Change, c.Index)
        {
            NewSeed = c.Change == SeedSetChangeKind.Remove ? null : run.SeedCount,
        };
        run.Faults.Apply(fault, -1);
        return RunAnswer.Ok($"{fault.Describe()}: the seeds vote on it (the run's log says when they decided)");
    }

    /// <summary>
    /// Why a change that starts a seed (add, replace) cannot: the runtime has room for <paramref name="room"/> seeds (null: no limit)
    /// and <paramref name="started"/> are started already. Null when it can, and for a remove, which starts none.
    /// </summary>
    public static string? NoSeedRoom(SeedSetChangeKind change, int started, int? room, int scenarioSeeds, string runtimeName) =>
        change == SeedSetChangeKind.Remove || room is not int r || started < r ? null
            : $"seed-set {change.ToString().ToLowerInvariant()}: {runtimeName} was built with room for {r} seeds ({r - scenarioSeeds} "
                + $"to add), and all {started} are started";

    private static RunAnswer Heal(double at, FaultInterpreter faults)
    {
        faults.Apply(new HealFault(at), -1);
        return RunAnswer.Ok("healed");
    }
}
