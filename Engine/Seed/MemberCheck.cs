using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;

namespace GossipSim.Engine.Seed;

/// <summary>
/// A peer that accepted a link asks whether the requester is a member: the seed answers only
/// when it is not a live member of its list, so honest links cost one message and no answer.
/// </summary>
public sealed partial class SeedNode
{
    private void OnMemberQuery(NodeAddress from, MemberQuery m)
    {
        if (!_peers.IsLive(m.Peer)) Ctx.Send(from, new NotAMember(m.Peer));
    }
}
