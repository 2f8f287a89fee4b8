using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Dashboard.Model;

/// <summary>A first receipt of a message: from whom, when (run seconds), after how many hops.</summary>
public readonly record struct Receipt(NodeAddress From, double At, int Hops);

/// <summary>One gossip message and how far it has spread.</summary>
public sealed class MessageView
{
    public MessageView(int index, MessageId id, long createdTicks, double createdAt)
    {
        Index = index;
        Id = id;
        CreatedTicks = createdTicks;
        CreatedAt = createdAt;
    }

    /// <summary>Its number in this run (0, 1, ...), as the page names it.</summary>
    public int Index { get; }
    public MessageId Id { get; }
    public long CreatedTicks { get; }
    public double CreatedAt { get; }

    /// <summary>Who holds it and how they got it (the origin with no sender, hop 0). Null once forgotten to bound memory.</summary>
    public Dictionary<NodeAddress, Receipt>? Receipts { get; set; } = new();

    /// <summary>Peers that received it (first receipts; the origin not counted).</summary>
    public int Reached { get; set; }
    public double LastAt { get; set; }
    public int MaxHops { get; set; }

    /// <summary>
    /// Links that carried it more than once, inferred: both ends held it and neither got it
    /// from the other (each had forwarded it to its neighbours before learning the other had
    /// it). The trace records only first receipts, so this is a lower bound per link.
    /// </summary>
    public int DuplicateLinks { get; set; }

    public string Label => Id.ToString();
}
