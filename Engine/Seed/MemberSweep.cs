using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Seed;

/// <summary>
/// Members that never answer. A seed believes a member's degree as far as the other ends of its
/// links back it (<see cref="DegreeReports"/>); a sweep goes through the whole list once per
/// <see cref="Config.SeedConfig.MemberSweepInterval"/> and probes every member no link backs, and
/// every member that reported or refreshed its certificate here and then let it run out
/// (<see cref="CertificateSilence"/>: a crashed peer whose neighbours crashed too, whom nobody
/// reports): one that stays silent at two passes in a row (<see cref="SweepEvidence"/>) is proposed for removal, which every
/// seed's own probe then decides (R12).
/// </summary>
internal sealed class MemberSweep(SeedSelf self, PeerList peers, Ballot ballot)
{
    /// <summary>The sweep walks the list in this many steps per interval: a bounded slice of the list per timer.</summary>
    private const int SweepSteps = 8;

    /// <summary>A probe the sweep started: whom, and what it found.</summary>
    private readonly record struct SweepProbe(PeerId Member, SweepFinding Finding);

    private Prober<SweepProbe>? _sweepProber;
    /// <summary>Members an earlier pass found silent, and when: silent again at the next pass, they are proposed for removal
    /// (<see cref="SweepEvidence"/>).</summary>
    private Dictionary<PeerId, TimeSpan>? _silentAt;
    private int _sweepCursor;
    private readonly int _silentPassesToProbe =
        CertificateSilence.PassesToProbe(self.Config.CertificateLifetime, self.Config.MemberSweepInterval);

    public void ArmMemberSweep() =>
        self.Ctx.SetTimer(self.Config.MemberSweepInterval / SweepSteps, new TimerTag(TimerKind.MemberSweep));

    /// <summary>One step of the sweep: the next slice of the list, each member it finds unbacked or silent probed.</summary>
    public void OnMemberSweep()
    {
        int slots = peers.SlotCount;
        int slice = (slots + SweepSteps - 1) / SweepSteps;
        for (int k = 0; k < slice; k++)
        {
            if (_sweepCursor >= slots) _sweepCursor = 0;
            var finding = peers.Sweep(_sweepCursor++, _silentPassesToProbe, out var member);
            if (finding != SweepFinding.Nothing)
                (_sweepProber ??= new Prober<SweepProbe>(TimerKind.SweepProbe, self.Config.ProbeAttempts, self.Config.ProbeTimeout))
                    .Start(self.Ctx, member.Address, new SweepProbe(member, finding));
        }
        ArmMemberSweep();
    }

    public void OnSweepProbeStep(long nonce)
    {
        if (_sweepProber == null || !_sweepProber.TryTimedOut(self.Ctx, nonce, out var probe)) return;
        var member = probe.Member;
        if (!peers.TryGet(member.Address, out var now, out bool live) || !live || now.Incarnation != member.Incarnation) return;
        _silentAt ??= new();
        ForgetStale();
        bool proposes = SweepEvidence.Proposes(_silentAt.TryGetValue(member, out var before) ? before : null, self.Ctx.Now,
            self.Config.MemberSweepInterval);
        if (!proposes)
        {
            _silentAt.TryAdd(member, self.Ctx.Now);
            self.Log($"member {member.Address} answered no probe within {self.Config.ProbeTimeout.TotalSeconds:0.###} s; probing it "
                + "again at the next pass before proposing its removal");
            return;
        }
        _silentAt.Remove(member);
        string why = probe.Finding == SweepFinding.Silent
            ? $"it has not refreshed here for a certificate lifetime ({self.Config.CertificateLifetime.TotalSeconds:0.###} s)"
            : "no link backs it";
        self.Log($"member {member.Address} answered no probe within {self.Config.ProbeTimeout.TotalSeconds:0.###} s, and {why}; "
            + "proposing its removal");
        ballot.Propose(new MembershipOp(MembershipChange.Remove, member), null);
    }

    /// <summary>A pong that answers the sweep's probe: the member is alive. One probed for its silence refreshes elsewhere now:
    /// this seed stops counting it.</summary>
    public void Answered(NodeAddress from, long nonce)
    {
        if (_sweepProber == null || !_sweepProber.TryAnswered(from, nonce, out var probe)) return;
        _silentAt?.Remove(probe.Member);
        if (probe.Finding == SweepFinding.Silent) peers.ForgetSilence(probe.Member);
    }

    private void ForgetStale()
    {
        if (_silentAt!.Count == 0) return;
        List<PeerId>? stale = null;
        foreach (var (m, at) in _silentAt)
            if (SweepEvidence.IsStale(at, self.Ctx.Now, self.Config.MemberSweepInterval)) (stale ??= new()).Add(m);
        if (stale != null) foreach (var m in stale) _silentAt.Remove(m);
    }
}
