using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;

namespace GossipSim.Engine.Seed;

/// <summary>
/// Members that never answer. A seed believes a member's degree as far as the other ends of its
/// links back it (<see cref="DegreeReports"/>); a sweep goes through the whole list once per
/// <see cref="Config.SeedConfig.MemberSweepInterval"/> and probes every member no link backs: one
/// that stays silent is proposed for removal, which every seed's own probe then decides (R12).
/// </summary>
internal sealed class MemberSweep(SeedSelf self, PeerList peers, Ballot ballot)
{
    /// <summary>The sweep walks the list in this many steps per interval: a bounded slice of the list per timer.</summary>
    private const int SweepSteps = 8;

    private Prober<PeerId>? _sweepProber;
    private int _sweepCursor;


    public void ArmMemberSweep() =>
        self.Ctx.SetTimer(self.Config.MemberSweepInterval / SweepSteps, new TimerTag(TimerKind.MemberSweep));

    /// <summary>One step of the sweep: the next slice of the list, each unbacked member probed.</summary>
    public void OnMemberSweep()
    {
        int slots = peers.SlotCount;
        int slice = (slots + SweepSteps - 1) / SweepSteps;
        for (int k = 0; k < slice; k++)
        {
            if (_sweepCursor >= slots) _sweepCursor = 0;
            if (peers.IsUnbacked(_sweepCursor++, out var member))
                (_sweepProber ??= new Prober<PeerId>(TimerKind.SweepProbe, self.Config.ProbeAttempts, self.Config.ProbeTimeout)).Start(
                    self.Ctx, member.Address, member);
        }
        ArmMemberSweep();
    }

    public void OnSweepProbeStep(long nonce)
    {
        if (_sweepProber == null || !_sweepProber.TryTimedOut(self.Ctx, nonce, out var member)) return;
        if (!peers.TryGet(member.Address, out var now, out bool live) || !live || now.Incarnation != member.Incarnation) return;
        self.Log($"member {member.Address} answered no probe within {self.Config.ProbeTimeout.TotalSeconds:0.###} s, and no link "
            + $"backs it; proposing its removal");
        ballot.Propose(new MembershipOp(MembershipChange.Remove, member), null);
    }

    /// <summary>A pong that answers the sweep's probe: the member is alive, nothing more to do.</summary>
    public void Answered(NodeAddress from, long nonce) => _sweepProber?.TryAnswered(from, nonce, out _);
}
