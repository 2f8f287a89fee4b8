using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Swim;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>
/// SWIM's period on the peer's liveness part: the same ping, pong, suspicion query and reply as R11, used SWIM's way. Each
/// period: the probe of the period before is judged (unanswered directly and through others: suspected), the suspects are
/// pinged again (a live one's pong clears it: SWIM's refutation), the next neighbour of the round is probed, and its timeout
/// asks k of its other neighbours to probe it. A suspect whose Lifeguard time is up is reported to the seeds as R11 reports one:
/// the seeds' majority still decides the removal (R12), and the dead-node line is the same.
/// </summary>
internal partial struct LivenessMonitor
{
    private SwimDetector SwimOf() => (_suspicions ??= new Suspicions()).Swim ??= new SwimDetector();

    private void OnSwimPeriod(PeerNode peer)
    {
        var ctx = peer.Self.Ctx;
        var config = peer.Self.Config;
        var swim = SwimOf();
        ref var table = ref peer.Neighbourhood.Table;
        var (probing, answered, target) = swim.EndPeriod();
        int at = probing ? table.IndexOf(target) : -1;
        if (at >= 0)
        {
            ref var n = ref table.At(at);
            var standing = swim.IsSuspected(target) ? SuspectStanding.Suspected
                : n.Health == NeighbourHealth.Reported ? SuspectStanding.Reported : SuspectStanding.NotSuspected;
            var step = SwimRules.AtPeriodEnd(probing, answered, standing);
            if (step != PeriodEndStep.Fine)
                ctx.Trace(new TraceEvent(ctx.Now, TraceKind.PingMissed, peer.Self.Address, target, A: 1));
            if (step == PeriodEndStep.SuspectAgain) Change(ref n, HealthEvent.ReportUnanswered);
            if (step is PeriodEndStep.Suspect or PeriodEndStep.SuspectAgain) SwimSuspect(peer, swim, ref n, target);
        }
        swim.LapseRounds(ctx, config, config.WitnessProbeTimeout + config.SwimPeriod, config.SwimSuspicionMax);

        var next = swim.NextTarget(table.AddressSpan, ctx.Random);
        if (next is { } t)
        {
            long probe = swim.StartProbe(t);
            Ping(peer, t);
            ctx.SetTimer(config.SwimProbeTimeout, new TimerTag(TimerKind.SwimProbeTimeout, probe));
        }
        foreach (var suspect in swim.Suspects())
            if (suspect != next) Ping(peer, suspect);
        ctx.SetTimer(config.SwimPeriod, new TimerTag(TimerKind.PingTick));
    }

    /// <summary>A ping to a neighbour, its nonce kept in the neighbour's entry (the pong must carry it).</summary>
    private static void Ping(PeerNode peer, NodeAddress to)
    {
        int at = peer.Neighbourhood.Table.IndexOf(to);
        if (at < 0) return;
        ref var n = ref peer.Neighbourhood.Table.At(at);
        n.OutstandingPing = Prober.NewNonce(peer.Self.Ctx.Random);
        peer.Self.Ctx.Send(to, new Ping(n.OutstandingPing));
    }

    private static void SwimSuspect(PeerNode peer, SwimDetector swim, ref NeighbourEntry n, NodeAddress suspect)
    {
        Change(ref n, HealthEvent.MissedThreshold);
        var me = peer.Self.Address;
        int othersKnown = n.Sample.Where(w => w != me && w != suspect).Distinct().Count();
        swim.Suspect(peer.Self.Ctx, peer.Self.Config, suspect, othersKnown);
        peer.Self.Ctx.Trace(new TraceEvent(peer.Self.Ctx.Now, TraceKind.Suspected, peer.Self.Address, suspect, A: 0));
        if (peer.Self.Ctx.LogEnabled)
            peer.Self.Log($"suspect {suspect}: no answer to my probe in this period, nor through the peers I asked; reporting it "
                + $"unless it answers within {SwimRules.SuspicionTimeout(peer.Self.Config.SwimSuspicionMin, peer.Self.Config.SwimSuspicionMax, 0, SwimRules.ExpectedConfirmations(peer.Self.Config.SwimIndirectProbes, othersKnown, 0)).TotalSeconds:0.#} s (less as others confirm, "
                + $"of {othersKnown} other neighbours known)");
    }

    /// <summary>The period's probe went unanswered for the probe timeout: up to k of the target's other neighbours are asked to
    /// probe it (SWIM's ping-req; a witness probes only its own neighbour, as under R11).</summary>
    public void OnSwimProbeTimeout(PeerNode peer, long probe)
    {
        if (_suspicions?.Swim is not { } swim) return;
        var (current, answered) = swim.ProbeState(probe);
        int at = current ? peer.Neighbourhood.Table.IndexOf(swim.Target) : -1;
        if (at < 0) return;
        var target = swim.Target;
        var others = WitnessesOf(peer, in peer.Neighbourhood.Table.At(at), target, peer.Self.Config.SwimIndirectProbes);
        if (SwimRules.AtProbeTimeout(current, answered, others.Length) != ProbeTimeoutStep.AskOthers) return;
        long qid = _suspicions.NextQueryId++;
        long challenge = peer.Self.Identity.NewChallenge(qid);
        swim.AskOthers(target, others, peer.Self.Ctx.Now, qid, challenge);
        foreach (var w in others) peer.Self.Ctx.Send(w, new SuspectQuery(target, qid, challenge));
    }

    /// <summary>An asked peer's answer: it reached the target (the probe counts as answered, a suspicion ends) or it could not
    /// (a confirmation: Lifeguard's wait falls). "Reached" counts only with the target's signed ack of the round's challenge
    /// (<see cref="ReachedIt"/>): without it the answer counts neither way.</summary>
    private static void OnIndirectAnswer(PeerNode peer, SwimDetector swim, NodeAddress witness, SuspectReply m)
    {
        if (!swim.TakeAnswer(m.QueryId, witness, m.Suspect, out long challenge)) return;
        if (m.Reachable && !ReachedIt(peer, witness, m, challenge)) return;
        int at = peer.Neighbourhood.Table.IndexOf(m.Suspect);
        if (at < 0) return;
        if (!m.Reachable)
        {
            swim.Confirm(peer.Self.Ctx, peer.Self.Config, m.Suspect, witness);
            return;
        }
        swim.Answered(m.Suspect);
        ref var n = ref peer.Neighbourhood.Table.At(at);
        bool wasSuspected = NeighbourHealthRules.IsSuspected(n.Health);
        swim.Clear(peer.Self.Ctx, m.Suspect, answered: true);
        Change(ref n, HealthEvent.Answered);
        if (!wasSuspected) return;
        peer.Self.Ctx.Trace(new TraceEvent(peer.Self.Ctx.Now, TraceKind.SuspicionCleared, peer.Self.Address, m.Suspect,
            Detail: "another peer reached it"));
        peer.Self.Log($"suspicion of {m.Suspect} cleared: {witness} reached it");
    }

    /// <summary>A suspect's Lifeguard time is up, and it never answered: reported to the seeds.</summary>
    public void OnSwimSuspicionTimeout(PeerNode peer, long ticket)
    {
        if (_suspicions?.Swim?.TimeUp(ticket) is not { } up) return;
        int at = peer.Neighbourhood.Table.IndexOf(up.Suspect);
        if (at < 0) return;
        ref var n = ref peer.Neighbourhood.Table.At(at);
        if (n.Health != NeighbourHealth.Suspected) return; // it answered meanwhile
        Change(ref n, HealthEvent.VerdictReport);
        ReportDead(peer, ref n, up.Suspect, up.Confirmations, peer.Self.Config.SwimIndirectProbes);
    }
}
