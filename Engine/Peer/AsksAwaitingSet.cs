using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>
/// Requests to link whose certificates were counted at a seed-set version this peer has not learned yet: held until it learns
/// that version, then decided as if they had just come (<see cref="Trust.CommitCheck"/>'s rule for commits, "waits until it has", for
/// asks). Refused at once, a seed-set change left every newcomer registered under it refused by every earlier peer until those
/// learned the change at their next refresh: the newcomers linked only to each other and stayed an island. Bounded: at most
/// <see cref="Capacity"/> asks, each held at most <see cref="MaxWait"/> (an ask over either is refused as before, so a stranger
/// showing a forged version holds a few places for a few seconds and is never linked). Gossip whose origin's certificate was counted
/// at such a version waits here too: dropped, a newcomer's first message never reached a peer that learned the set 0.2 s later.
/// </summary>
public sealed class AsksAwaitingSet
{
    public const int Capacity = 8;
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    private readonly List<(NodeAddress From, Message Ask, long Version, TimeSpan Until)> _held = new();

    public int Count => _held.Count;

    /// <summary>Holds <paramref name="ask"/> until version <paramref name="version"/> is learned; false when full (after dropping
    /// those held past their wait: their askers have given up).</summary>
    public bool Hold(NodeAddress from, Message ask, long version, TimeSpan now)
    {
        // A repeat from the same asker replaces its earlier ask of that kind (a held link ask is not lost to a gossip message after it).
        _held.RemoveAll(h => h.Until <= now || h.From == from && h.Ask.GetType() == ask.GetType());
        if (_held.Count >= Capacity) return false;
        _held.Add((from, ask, version, now + MaxWait));
        return true;
    }

    /// <summary>The asks a peer now knowing <paramref name="known"/> can decide, taken out in the order they came; those held past
    /// their wait are dropped unanswered.</summary>
    public List<(NodeAddress From, Message Ask)> Decidable(long known, TimeSpan now)
    {
        var due = new List<(NodeAddress, Message)>();
        _held.RemoveAll(h =>
        {
            if (h.Until <= now) return true;
            if (h.Version > known) return false;
            due.Add((h.From, h.Ask));
            return true;
        });
        return due;
    }
}
