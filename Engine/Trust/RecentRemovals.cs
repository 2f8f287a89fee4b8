using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Trust;

/// <summary>
/// A seed's recent removals: each removal it applied, with its proof, until the peers may forget it
/// (<see cref="RemovedMember.ForgetAt"/>). Its refresh replies carry at most <see cref="Max"/>, newest last: every reply of one
/// moment shares one array, made again only when a removal comes or one is forgotten, so a million refreshes cost a reference
/// each. A removal past those <see cref="Max"/> (a burst of crashes) is still held, with its proof, for the notice a reporter of
/// that member gets (<see cref="Of"/>): a peer whose neighbour crashed reports it, and only a proof ends its link; without one
/// a peer whose every neighbour crashed in the burst would keep dead links for good, cut off from all gossip.
/// </summary>
public sealed class RecentRemovals
{
    /// <summary>Removals carried at most: a refresh reply stays within a few kilobytes on the wire (about 160 bytes each with 3
    /// seeds).</summary>
    public const int Max = 64;

    private readonly List<RemovedMember> _removals = new(); // the newest Max, for the replies
    private RemovedMember[]? _shared; // null: to be made again
    // Every removal held, by member (the latest added), and the order they are forgotten in (ForgetAt grows with each Add).
    private readonly Dictionary<NodeAddress, RemovedMember> _held = new();
    private readonly Queue<RemovedMember> _forgetOrder = new();

    public int Count => _removals.Count;

    public void Add(RemovedMember removed)
    {
        _removals.RemoveAll(r => r.Member.Address == removed.Member.Address && r.Member.Incarnation <= removed.Member.Incarnation);
        _removals.Add(removed);
        if (_removals.Count > Max) _removals.RemoveAt(0);
        _shared = null;
        _held[removed.Member.Address] = removed;
        _forgetOrder.Enqueue(removed);
    }

    /// <summary>The latest removal of <paramref name="member"/> held here (its proof goes with a removal notice), whether or not
    /// the replies still carry it; null: none.</summary>
    public RemovedMember? Of(NodeAddress member) => _held.TryGetValue(member, out var r) ? r : null;

    /// <summary>The removals peers must still hear of at <paramref name="now"/>, oldest first; the same array while nothing
    /// changed.</summary>
    public RemovedMember[] Current(TimeSpan now)
    {
        Forget(now);
        int expired = 0;
        while (expired < _removals.Count && _removals[expired].ForgetAt <= now) expired++;
        if (expired > 0)
        {
            _removals.RemoveRange(0, expired);
            _shared = null;
        }
        return _shared ??= _removals.Count == 0 ? [] : _removals.ToArray();
    }

    private void Forget(TimeSpan now)
    {
        while (_forgetOrder.TryPeek(out var oldest) && oldest.ForgetAt <= now)
        {
            _forgetOrder.Dequeue();
            // A later removal of the same member (added since) stays.
            if (_held.TryGetValue(oldest.Member.Address, out var held) && held == oldest) _held.Remove(oldest.Member.Address);
        }
    }
}
