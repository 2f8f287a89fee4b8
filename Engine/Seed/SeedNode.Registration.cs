using GossipSim.Engine.Messages;
using GossipSim.Engine.Core;

namespace GossipSim.Engine.Seed;

public sealed partial class SeedNode
{
    private void OnRegister(NodeAddress from, RegisterRequest m)
    {
        if (Ctx.LogEnabled) Log($"connection request from new peer {from} (incarnation {m.Incarnation})");
        if (_peers.TryGet(from, out var known, out bool live) && live && known.Incarnation >= m.Incarnation)
        {
            // R6: re-registering a known peer is harmless; no new vote is needed.
            Ctx.Send(from, new RegisterReply(true, "already registered", BuildPeerList(from), _seeds.Length));
            return;
        }
        var op = new MembershipOp(MembershipChange.Add, new PeerId(from, m.Incarnation));
        Propose(op, from);
    }

    private void OnPeerListRequest(NodeAddress from)
    {
        if (!_peers.IsLive(from))
        {
            if (_peers.IsKnown(from)) Ctx.Send(from, new RemovalNotice(from)); // removed: it should rejoin
            else Ctx.Send(from, new RegisterReply(false, "not registered", null, _seeds.Length));
            return;
        }
        Ctx.Send(from, BuildPeerList(from));
    }

    /// <summary>
    /// The whole list while it is small (the classic protocol); beyond that a sample drawn in
    /// proportion to degree, so a join costs O(log N) at the seed, not O(N).
    /// </summary>
    private PeerListReply BuildPeerList(NodeAddress requester)
    {
        if (_peers.LiveCount <= _config.FullPeerListMax)
            return new PeerListReply(_peers.LiveEntries(requester), true, _peers.LiveCount);
        return new PeerListReply(_peers.SampleByDegree(Ctx.Random, _config.PeerListSampleSize, requester), false, _peers.LiveCount);
    }

    private void AnswerRegistration(NodeAddress peer, bool accepted, string reason)
    {
        Ctx.Send(peer, new RegisterReply(accepted, reason, accepted ? BuildPeerList(peer) : null, _seeds.Length));
    }

    private void OnMembershipCheck(NodeAddress from, MembershipCheck m)
    {
        bool listed = _peers.TryGet(from, out var entry, out bool live) && live && entry.Incarnation >= m.Incarnation;
        Ctx.Send(from, new MembershipStatus(listed, _log.TotalOps));
    }
}
