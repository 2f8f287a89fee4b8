using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Trust;

/// <summary>
/// A seed's recent removals, as its refresh replies carry them: each removal it
/// applied, with its proof, until the peers may forget it (<see cref="RemovedMember.ForgetAt"/>),
/// at most <see cref="Max"/>, newest last. Every reply of one moment shares one array, made
/// again only when a removal comes or one is forgotten, so a million refreshes cost a reference
/// each. A burst of more than <see cref="Max"/> removals within a refresh period reaches some
/// peers only by the certificates' expiry (the bound that holds whatever is lost).
/// </summary>
public sealed class RecentRemovals
{
    /// <summary>Removals carried at most: a refresh reply stays within a few kilobytes on the wire (about 160 bytes each with 3
    /// seeds).</summary>
    public const int Max = 64;

    private readonly List<RemovedMember> _removals = new();
    private RemovedMember[]? _shared; // null: to be made again

    public int Count => _removals.Count;

    public void Add(RemovedMember removed)
    {
        _removals.RemoveAll(r => r.Member.Address == removed.Member.Address && r.Member.Incarnation <= removed.Member.Incarnation);
        _removals.Add(removed);
        if (_removals.Count > Max) _removals.RemoveAt(0);
        _shared = null;
    }

    /// <summary>The latest removal of <paramref name="member"/> held here (its proof goes with a removal notice); null: none.</summary>
    public RemovedMember? Of(NodeAddress member)
    {
        for (int i = _removals.Count - 1; i >= 0; i--)
            if (_removals[i].Member.Address == member) return _removals[i];
        return null;
    }

    /// <summary>The removals peers must still hear of at <paramref name="now"/>, oldest first; the same array while nothing
    /// changed.</summary>
    public RemovedMember[] Current(TimeSpan now)
    {
        int expired = 0;
        while (expired < _removals.Count && _removals[expired].ForgetAt <= now) expired++;
        if (expired > 0)
        {
            _removals.RemoveRange(0, expired);
            _shared = null;
        }
        return _shared ??= _removals.Count == 0 ? [] : _removals.ToArray();
    }
}
