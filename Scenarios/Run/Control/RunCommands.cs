using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Run.Control;

/// <summary>One manager action on a running network, typed; <see cref="IRunControl.SendAsync"/> carries it out.</summary>
public abstract record RunCommand
{
    /// <summary>What the runtime must be able to do for this command (one flag).</summary>
    public abstract RunCapabilities Needs { get; }

    /// <summary>The command's name, as the page's buttons and the terminal know it: the flag's name in lower case.</summary>
    public string Name => RunCapability.NameOf(Needs);
}

public sealed record ListNodes : RunCommand { public override RunCapabilities Needs => RunCapabilities.List; }
public sealed record AddPeers(int Count) : RunCommand { public override RunCapabilities Needs => RunCapabilities.Add; }
public sealed record KillNode(NodeTarget Target) : RunCommand { public override RunCapabilities Needs => RunCapabilities.Kill; }
public sealed record RestartNode(NodeTarget Target) : RunCommand { public override RunCapabilities Needs => RunCapabilities.Restart; }

/// <param name="Groups">Groups in the scenario's words ("seed:0", "peers:0-4"); two-way: everyone not listed forms one more group.</param>
public sealed record PartitionNetwork(IReadOnlyList<IReadOnlyList<string>> Groups,
    bool OneWay) : RunCommand { public override RunCapabilities Needs => RunCapabilities.Partition; }
public sealed record HealNetwork : RunCommand { public override RunCapabilities Needs => RunCapabilities.Heal; }
public sealed record QuitRun : RunCommand { public override RunCapabilities Needs => RunCapabilities.Quit; }

/// <summary>An operator's change of the seed set (issue 56, 2): add a new seed, remove seed <paramref name="Index"/>, or replace it
/// with a new one; carried out as a scenario's <see cref="SeedSetFault"/> is.</summary>
public sealed record ChangeSeedSet(SeedSetChangeKind Change, int Index = 0) : RunCommand
{
    public override RunCapabilities Needs => RunCapabilities.SeedSet;
}

/// <summary>The manager commands a runtime carries out: one value, read by the page (it shows only their buttons) and by every
/// refusal.</summary>
[Flags]
public enum RunCapabilities
{
    None = 0,
    List = 1,
    Add = 2,
    Kill = 4,
    Restart = 8,
    Partition = 16,
    Heal = 32,
    Quit = 64,
    /// <summary>Change the seed set by the seeds' vote (a runtime that starts new seeds while it runs: real nodes on loopback).</summary>
    SeedSet = 128,
}

/// <summary>What each runtime's manager can do, and the one line that refuses the rest.</summary>
public static class RunCapability
{
    /// <summary>Every runtime starts, crashes and restarts its own nodes; cutting the network needs control of it.</summary>
    public const RunCapabilities NodeCommands = RunCapabilities.List | RunCapabilities.Add | RunCapabilities.Kill
        | RunCapabilities.Restart | RunCapabilities.Quit;

    /// <summary>The manager of a runtime whose network applies <paramref name="network"/>: the seed set changes by the manager where
    /// the runtime starts new seeds while it runs (the simulator's seeds are all made before its first event).</summary>
    public static RunCapabilities Of(NetworkEffects network, bool seedSetWhileRunning = false) =>
        NodeCommands | ((network & NetworkEffects.Partition) != 0
            ? RunCapabilities.Partition | RunCapabilities.Heal : RunCapabilities.None)
        | (seedSetWhileRunning && (network & NetworkEffects.SeedSetVote) != 0 ? RunCapabilities.SeedSet : RunCapabilities.None);

    public static string NameOf(RunCapabilities single) => single == RunCapabilities.SeedSet ? "seed-set" : single.ToString().ToLowerInvariant();

    /// <summary>The command names of <paramref name="capabilities"/>, in the order of the flags.</summary>
    public static IReadOnlyList<string> Names(RunCapabilities capabilities) =>
        Enum.GetValues<RunCapabilities>().Where(c => c != RunCapabilities.None && (capabilities & c) == c).Select(NameOf).ToList();

    /// <summary>Null when <paramref name="runtime"/> can carry out <paramref name="command"/>; else the one line that refuses it.</summary>
    public static string? Refusal(RunCommand command, RunCapabilities capabilities, string runtime) =>
        (command.Needs & ~capabilities) == 0 ? null
        : command is PartitionNetwork or HealNetwork
            ? $"{command.Name} needs control of the network between nodes: {runtime} has none (use \"runtime\": \"netns\", or "
            + $"the simulator with --dashboard)"
            : $"{command.Name}: {runtime} cannot do it";
}

/// <summary>Which node a kill or restart means: the hub, a node by role and index, or by address.</summary>
public readonly record struct NodeTarget(bool Hub, NodeRef? Node, NodeAddress? Address)
{
    public static readonly NodeTarget TheHub = new(true, null, null);
    public static NodeTarget Of(NodeRef node) => new(false, node, null);
    public static NodeTarget At(NodeAddress address) => new(false, null, address);

    /// <summary>"hub", "seed:i", "peer:i" or an address "ip:port".</summary>
    public static bool TryParse(string text, out NodeTarget target)
    {
        target = default;
        if (text == "hub") { target = TheHub; return true; }
        var parts = text.Split(':', 2);
        if (parts[0] is "seed" or "peer" && parts.Length == 2 && int.TryParse(parts[1], System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out int i))
        {
            target = Of(parts[0] == "seed" ? NodeRef.Seed(i) : NodeRef.Peer(i));
            return true;
        }
        if (NodeAddress.TryParse(text, out var a, out _) && a.Port != 0) { target = At(a); return true; }
        return false;
    }

    public override string ToString() => Hub ? "hub" : Node?.ToString() ?? Address?.ToString() ?? "?";
}

/// <summary>A node as the manager lists it.</summary>
/// <param name="TreeLinks">Plumtree: of its links, those on the tree (the others are lazy); null when its links have no modes.</param>
/// <param name="PassiveView">HyParView: the peers its passive view holds (known, not linked); null when its overlay keeps none.</param>
public sealed record NodeInfo(NodeRef Node, NodeAddress Address, bool Up, int Degree, int? TreeLinks = null, int? PassiveView = null)
{
    public override string ToString()
        => $"{Node.RoleName} {Node.Index} {Address} {(Up ? (Node.IsSeed ? "up" : $"up, degree {Degree}{Modes}") : "DOWN")}";

    private string Modes
    {
        get
        {
            var parts = new List<string>(2);
            if (TreeLinks is int tree) parts.Add($"{tree} tree, {Math.Max(0, Degree - tree)} lazy");
            if (PassiveView is int passive) parts.Add($"passive {passive}");
            return parts.Count == 0 ? "" : $" ({string.Join(", ", parts)})";
        }
    }
}

/// <summary>
/// A command's outcome: whether it was carried out, lines for a person, and the nodes it
/// concerns (list: every node; kill: the ones crashed; add/restart: the ones started).
/// </summary>
public sealed record RunAnswer(bool Done, IReadOnlyList<string> Lines, IReadOnlyList<NodeInfo> Nodes)
{
    public static RunAnswer Refused(string line) => new(false, new[] { line }, Array.Empty<NodeInfo>());
    public static RunAnswer Ok(string line, IReadOnlyList<NodeInfo>? nodes = null)
        => new(true, new[] { line }, nodes ?? Array.Empty<NodeInfo>());
}
