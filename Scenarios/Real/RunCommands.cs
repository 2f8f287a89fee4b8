using GossipSim.Engine.Core;
using GossipSim.Scenarios.Faults;

namespace GossipSim.Scenarios.Real;

/// <summary>One manager action on a running network, typed; <see cref="IRunControl.SendAsync"/> carries it out.</summary>
public abstract record RunCommand
{
    /// <summary>The command's name, as <see cref="IRunControl.Commands"/> lists what a runtime can do.</summary>
    public abstract string Name { get; }
}

public sealed record ListNodes : RunCommand { public override string Name => "list"; }
public sealed record AddPeers(int Count) : RunCommand { public override string Name => "add"; }
public sealed record KillNode(NodeTarget Target) : RunCommand { public override string Name => "kill"; }
public sealed record RestartNode(NodeTarget Target) : RunCommand { public override string Name => "restart"; }

/// <param name="Groups">Groups in the scenario's words ("seed:0", "peers:0-4"); two-way: everyone not listed forms one more group.</param>
public sealed record PartitionNetwork(IReadOnlyList<IReadOnlyList<string>> Groups, bool OneWay) : RunCommand { public override string Name => "partition"; }
public sealed record HealNetwork : RunCommand { public override string Name => "heal"; }
public sealed record QuitRun : RunCommand { public override string Name => "quit"; }

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
        if (parts[0] is "seed" or "peer" && parts.Length == 2 && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int i))
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
public sealed record NodeInfo(NodeRef Node, NodeAddress Address, bool Up, int Degree)
{
    public override string ToString() => $"{Node.RoleName} {Node.Index} {Address} {(Up ? (Node.IsSeed ? "up" : $"up, degree {Degree}") : "DOWN")}";
}

/// <summary>
/// A command's outcome: whether it was carried out, lines for a person, and the nodes it
/// concerns (list: every node; kill: the ones crashed; add/restart: the ones started).
/// </summary>
public sealed record RunAnswer(bool Done, IReadOnlyList<string> Lines, IReadOnlyList<NodeInfo> Nodes)
{
    public static RunAnswer Refused(string line) => new(false, new[] { line }, Array.Empty<NodeInfo>());
    public static RunAnswer Ok(string line, IReadOnlyList<NodeInfo>? nodes = null) => new(true, new[] { line }, nodes ?? Array.Empty<NodeInfo>());
}
