using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Definition;

/// <summary>
/// One entry of a scenario's fault schedule, parsed once from the JSON (<see cref="FaultSpec"/>)
/// by <see cref="FaultParser"/>. <see cref="At"/> is seconds from the start of the schedule.
/// </summary>
public abstract record Fault(double At)
{
    /// <summary>What must hold, besides the time, before the fault is applied (checked by the <see cref="Run.Faults.FaultInterpreter"/> on every
    /// runtime).</summary>
    public FaultTrigger After { get; init; }

    /// <summary>What the network must be able to do for this fault; crashes and restarts need nothing of it.</summary>
    public virtual NetworkEffects Needs => NetworkEffects.None;

    /// <summary>Partition, loss, duplication, latency spike: undone after this many seconds (null: lasts).</summary>
    public virtual double? DurationSeconds => null;

    /// <summary>What the fault does, in a few words ("crash random-peers x3").</summary>
    public abstract string Describe();

    /// <summary>"fault at 60 s: crash random-peers x3", as every runtime prints its plan and the summary lists faults not
    /// applied.</summary>
    public string PlanLine()
        => $"fault at {At} s{(After == FaultTrigger.AllLinked ? " or later, once every peer has linked" : "")}: {Describe()}"
            + $"{(DurationSeconds is { } d ? $" for {d} s" : "")}";
}

/// <summary>
/// A condition a fault waits for after its time has come. AllLinked: every peer of the run has
/// registered and holds a link, so a crash of "the hub" hits a built overlay however slowly the
/// machine started the peers (a loaded machine misses a fixed second).
/// </summary>
public enum FaultTrigger { None, AllLinked }

/// <summary>Which peers a crash takes: decided by <see cref="Run.Faults.VictimPicker"/> when the crash happens. ChurnLeaver: one live peer
/// drawn from the churn's running stream (a scenario's churn leaves; no scenario names it in its faults).</summary>
public enum VictimKind { Hub, RandomPeers, Peer, Seed, ChurnLeaver, Host }

/// <param name="Count">random-peers: how many; host: how many hosts the nodes are spread over.</param>
/// <param name="Index">peer/seed/host: which one.</param>
/// <param name="Seeds">host: the seeds the run may have (its own and those its seed-set changes add), whose host is looked at.</param>
public sealed record VictimSelector(VictimKind Kind, int Count = 1, int Index = 0, int Seeds = 0)
{
    public override string ToString() => Kind switch
    {
        VictimKind.Hub => "hub",
        VictimKind.RandomPeers => $"random-peers x{Count}",
        VictimKind.Peer => $"peer #{Index}",
        VictimKind.ChurnLeaver => "a churn leaver",
        VictimKind.Host => $"host #{Index} of {Count} (its seeds and peers)",
        _ => $"seed #{Index}",
    };
}

public sealed record CrashFault(double At, VictimSelector Victims) : Fault(At)
{
    public override string Describe() => $"crash {Victims}";
}

public enum RestartKind { Peer, Seed, Crashed }

/// <summary>Restart one peer or seed, or the nodes crashed so far (all of them, or the <see cref="Count"/> peers longest down): same
/// address, a new incarnation.</summary>
public sealed record RestartFault(double At, RestartKind Kind, int Index = 0, int? Count = null) : Fault(At)
{
    public override string Describe()
        => Kind == RestartKind.Crashed ? $"restart crashed{(Count is { } n ? $" peers x{n} (longest down first)" : "")}"
            : $"restart {(Kind == RestartKind.Seed ? "seed" : "peer")} #{Index}";
}

/// <summary>
/// Peers leave cleanly (churn's graceful departure): each says goodbye to its seeds and stops, so the seeds drop it without a
/// removal vote and a later removal of it is no false removal. Victims as for a crash (<see cref="Run.Faults.VictimPicker"/>).
/// </summary>
public sealed record LeaveFault(double At, VictimSelector Victims) : Fault(At)
{
    public override string Describe() => $"leave {Victims}";
}

/// <summary>
/// Seed <see cref="Index"/> moves, as an orchestrator reschedules it when its host drains or dies: it stops cleanly and starts again
/// at once at a new address, with its key and an empty state. The other seeds and the peers take it back by its key (issue 56, 1), and
/// it counts in the majority again. Needs a runtime that can start a seed elsewhere (<see cref="NetworkEffects.SeedMove"/>).
/// </summary>
public sealed record MoveFault(double At, int Index) : Fault(At)
{
    public override NetworkEffects Needs => NetworkEffects.SeedMove;

    public override string Describe() => $"move seed #{Index}";
}

/// <summary>
/// Host <see cref="VictimSelector.Index"/> of <see cref="VictimSelector.Count"/> (nodes spread over hosts in turn, as for a host's
/// crash) is drained, as an orchestrator drains a machine: each of its seeds moves (<see cref="MoveFault"/>), and each of its
/// running peers leaves cleanly while a new peer joins in its place elsewhere (a service's replica started on another host is a
/// new peer). The same nodes on every runtime; the docker runtime over several engines starts nothing on that engine again.
/// </summary>
public sealed record DrainFault(double At, VictimSelector Host) : Fault(At)
{
    public override NetworkEffects Needs => NetworkEffects.SeedMove;

    public override string Describe() => $"drain {Host}";
}

/// <summary>New peers join (churn's newcomers): each gets the next peer index after every peer started so far.</summary>
public sealed record JoinFault(double At, int Count) : Fault(At)
{
    public override string Describe() => $"join x{Count}";
}

/// <summary>
/// Cuts the network into the listed groups plus one of everyone not listed (two-way), or drops
/// only what the first group sends the second (one-way). <see cref="GroupTexts"/> keep the
/// scenario's own words for the trace and the messages.
/// </summary>
public sealed record PartitionFault(double At, IReadOnlyList<IReadOnlyList<NodeSelector>> Groups,
    IReadOnlyList<IReadOnlyList<string>> GroupTexts, bool OneWay, double? DurationSeconds) : Fault(At)
{
    public override double? DurationSeconds { get; } = DurationSeconds;
    public override NetworkEffects Needs => NetworkEffects.Partition;

    /// <summary>The cut in the scenario's words: "[seed:0] | [everyone else]" or "[a] -> [b] lost (reverse works)".</summary>
    public string Description
    {
        get
        {
            var parts = GroupTexts.Select(g => "[" + string.Join(",", g) + "]").ToList();
            return OneWay ? $"{parts[0]} -> {parts[1]} lost (reverse works)" : string.Join(" | ", parts) + " | [everyone else]";
        }
    }

    public override string Describe()
        => $"{(OneWay ? "one-way " : "")}partition {string.Join(" | ", GroupTexts.Select(g => "[" + string.Join(",", g) + "]"))}";
}

public sealed record HealFault(double At) : Fault(At)
{
    public override NetworkEffects Needs => NetworkEffects.Partition;
    public override string Describe() => "heal";
}

public sealed record LossFault(double At, double Rate, double? DurationSeconds) : Fault(At)
{
    public override double? DurationSeconds { get; } = DurationSeconds;
    public override NetworkEffects Needs => NetworkEffects.Loss;
    public override string Describe() => $"loss {Rate:P1}";
}

public sealed record DuplicationFault(double At, double Rate, double? DurationSeconds) : Fault(At)
{
    public override double? DurationSeconds { get; } = DurationSeconds;
    public override NetworkEffects Needs => NetworkEffects.Duplication;
    public override string Describe() => $"duplication {Rate:P1}";
}

public sealed record LatencySpikeFault(double At, double Factor, double ExtraMs, double Lasts) : Fault(At)
{
    public override double? DurationSeconds => Lasts;
    public override NetworkEffects Needs => NetworkEffects.LatencySpike;
    public override string Describe() => $"latency x{Factor} +{ExtraMs} ms";
}

/// <summary>
/// An operator changes the seed set by the seeds' vote (joint consensus: <see cref="GossipSim.Engine.Membership.SeedSetRules"/>):
/// adds a new seed, removes seed <see cref="Index"/>, or replaces it with a new one. A new seed is numbered after the scenario's
/// seeds, in the schedule's order (<see cref="NewSeed"/>); <see cref="Run.Faults.SeedSetChanges"/> starts it, gives the change to a
/// seed of the set in force, and stops the seed the change left out.
/// </summary>
public sealed record SeedSetFault(double At, SeedSetChangeKind Change, int Index = 0) : Fault(At)
{
    /// <summary>The new seed's index (add and replace), set by the parser.</summary>
    public int? NewSeed { get; init; }

    public override NetworkEffects Needs => NetworkEffects.SeedSetVote;

    /// <summary>How many new seeds a schedule's changes start.</summary>
    public static int NewSeedsOf(IEnumerable<Fault> schedule) => schedule.OfType<SeedSetFault>().Count(f => f.NewSeed != null);

    public override string Describe() => Change switch
    {
        SeedSetChangeKind.Add => $"seed-set add new seed #{NewSeed}",
        SeedSetChangeKind.Remove => $"seed-set remove seed #{Index}",
        _ => $"seed-set replace seed #{Index} by new seed #{NewSeed}",
    };
}

/// <summary>What a runtime can do besides crashing and restarting nodes: to the traffic between nodes, and to the seed set.</summary>
[Flags]
public enum NetworkEffects
{
    None = 0,
    Partition = 1,
    Loss = 2,
    Duplication = 4,
    LatencySpike = 8,
    /// <summary>Start a new seed and give an operator's seed-set change to the seeds.</summary>
    SeedSetVote = 16,
    /// <summary>Start a seed again elsewhere, with its key: a new address and an empty state (<see cref="MoveFault"/>).</summary>
    SeedMove = 32,
}
