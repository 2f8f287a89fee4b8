using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Roles;

/// <summary>
/// A role broke a bound the peer keeps (it sent to a peer that is not a neighbour, set too many timers, wrote too large a
/// message): thrown at the call that broke it, with what the bound is. The peer turns it, like any exception of a role, into a
/// <see cref="RoleFailedException"/>.
/// </summary>
public sealed class RoleBoundException(string message) : Exception(message);

/// <summary>
/// A role threw: the run stops with the node, the time and what the role said (<see cref="Exception.Message"/> is that one line;
/// the role's own exception is <see cref="Exception.InnerException"/>).
/// </summary>
public sealed class RoleFailedException(string role, NodeAddress node, TimeSpan at, string during, Exception inner)
    : Exception($"the {role} of peer {node} failed at t={at.TotalSeconds:F3}s ({during}): {Said(inner)}", inner)
{
    /// <summary>What the role's exception says; memory running out in words, not as .NET names its exception.</summary>
    private static string Said(Exception inner) => inner is OutOfMemoryException ? "the process ran out of memory" : inner.Message;

    public string Role { get; } = role;
    public NodeAddress Node { get; } = node;
    public TimeSpan At { get; } = at;
}
