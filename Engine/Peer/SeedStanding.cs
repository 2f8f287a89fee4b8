using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;

namespace GossipSim.Engine.Peer;

/// <summary>
/// A peer notices that the seeds forgot it. Its refresh reports its degree to one seed,
/// which answers when it does not list the peer at all; the peer then asks every other seed
/// and registers again once a majority does not list it. One seed's "no" is not enough: it
/// may be a seed that lost its state and is still catching up, while the others list the
/// peer. Nothing is sent while the seeds list the peer.
/// </summary>
public sealed partial class PeerNode
{
    private HashSet<int>? _notListing; // seeds (positions) that said, this refresh round, they do not list us

    private void OnMembershipStatus(NodeAddress seed, MembershipStatus m)
    {
        if (m.Listed || _phase == JoinPhase.Registering) return;
        bool firstNo = _notListing == null;
        _notListing ??= new HashSet<int>();
        if (!_notListing.Add(SeedPosition(seed))) return;
        Log($"seed {seed} does not list me (it holds {m.CommitPosition} committed operations); {_notListing.Count} of {_seeds.Length} seeds say so");
        if (Quorum.Reached(_notListing.Count, _seeds.Length))
        {
            Rejoin($"a majority of seeds ({_notListing.Count} of {_seeds.Length}) does not list me");
            return;
        }
        if (!firstNo) return;
        for (int i = 0; i < _seeds.Length; i++)
            if (!_notListing.Contains(i)) Ctx.Send(_seeds[i], new MembershipCheck(_incarnation));
    }
}
