using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;

namespace GossipSim.Engine.Seed;

/// <summary>
/// Degrees backed by the other end of each link, and members that never answer. Peers name the
/// peers that accepted their links in their degree reports (<see cref="DegreeUpdate.Linked"/>);
/// the seed counts each naming as an endorsement of the target's degree, relays it to the other
/// seeds with the degrees (<see cref="DegreeRelay"/>), and hands out and draws by
/// the believed degree (<see cref="DegreeBacking"/>). A sweep goes through the whole list once per
/// <see cref="Config.SeedConfig.MemberSweepInterval"/> and probes every member no link backs: one
/// that stays silent is proposed for removal, which every seed's own probe then decides (R12).
/// </summary>
public sealed partial class SeedNode
{
    /// <summary>The sweep walks the list in this many steps per interval: a bounded slice of the list per timer.</summary>
    private const int SweepSteps = 8;

    private Prober<PeerId>? _sweepProber;
    private int _sweepCursor;

    /// <summary>A member's degree report named the peers that accepted its links: each naming endorses the target, here and, relayed, at the other seeds.</summary>
    private void TakeEndorsements(PeerId endorser, NodeAddress[] targets)
    {
        foreach (var target in targets)
        {
            if (!_peers.Endorse(endorser, target, _config.EndorsementsPerMember) || _otherSeeds.Length == 0) continue;
            (_endorsementQueue ??= new()).Add(new Endorsement(endorser, target));
            RelayWhenDue(_endorsementQueue.Count);
        }
    }

    private void ArmMemberSweep() =>
        Ctx.SetTimer(_config.MemberSweepInterval / SweepSteps, new TimerTag(TimerKind.MemberSweep));

    /// <summary>One step of the sweep: the next slice of the list, each unbacked member probed.</summary>
    private void OnMemberSweep()
    {
        int slots = _peers.SlotCount;
        int slice = (slots + SweepSteps - 1) / SweepSteps;
        for (int k = 0; k < slice; k++)
        {
            if (_sweepCursor >= slots) _sweepCursor = 0;
            if (_peers.IsUnbacked(_sweepCursor++, out var member))
                (_sweepProber ??= new Prober<PeerId>(TimerKind.SweepProbe, _config.ProbeAttempts, _config.ProbeTimeout)).Start(Ctx, member.Address, member);
        }
        ArmMemberSweep();
    }

    private void OnSweepProbeStep(long nonce)
    {
        if (_sweepProber == null || !_sweepProber.TryTimedOut(Ctx, nonce, out var member)) return;
        if (!_peers.TryGet(member.Address, out var now, out bool live) || !live || now.Incarnation != member.Incarnation) return;
        Log($"member {member.Address} answered no probe within {_config.ProbeTimeout.TotalSeconds:0.###} s, and no link backs it; proposing its removal");
        Propose(new MembershipOp(MembershipChange.Remove, member), null);
    }
}
