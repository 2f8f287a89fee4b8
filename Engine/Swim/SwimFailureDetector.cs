using GossipSim.Engine.Roles;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Swim;

/// <summary>
/// SWIM's failure detector with Lifeguard's suspicion timeout, a <see cref="FailureDetectorRole"/>, on the same ping, pong, witness
/// query and answer as R11, used SWIM's way. Each period: the probe of the period before is judged (unanswered directly and
/// through others: suspected), the suspects are pinged again (a live one's pong clears it: SWIM's refutation), the next neighbour
/// of the round is probed, and its timeout asks k of its other neighbours to probe it. A suspect whose Lifeguard time is up is
/// reported to the seeds as R11 reports one: the seeds' majority still decides the removal (R12), and the dead-node line is the
/// same. One object serves every peer; a peer's state (<see cref="SwimDetector"/>) is its <see cref="DetectorContext.State"/>,
/// made at its first period. The decisions are <see cref="SwimRules"/>.
/// </summary>
internal sealed class SwimFailureDetector : FailureDetectorRole
{
    public static readonly SwimFailureDetector Instance = new();

    private SwimFailureDetector() { }

    // A timer's argument: its kind in the low two bits, its number above them.
    private const long PeriodTimer = 0, ProbeKind = 1, SuspicionKind = 2;

    /// <summary>The timer argument of the direct wait of probe <paramref name="probe"/>.</summary>
    internal static long ProbeTimer(long probe) => probe << 2 | ProbeKind;

    /// <summary>The timer argument of a suspect's Lifeguard time, by its ticket.</summary>
    internal static long SuspicionTimer(long ticket) => ticket << 2 | SuspicionKind;

    public override void OnStart(DetectorContext peer) => peer.SetTimer(peer.Config.SwimPeriod, PeriodTimer);

    public override void OnTimer(DetectorContext peer, long arg)
    {
        switch (arg & 3)
        {
            case PeriodTimer: OnPeriod(peer); break;
            case ProbeKind: OnProbeTimeout(peer, arg >> 2); break;
            case SuspicionKind: OnSuspicionTimeout(peer, arg >> 2); break;
        }
    }

    private static void OnPeriod(DetectorContext peer)
    {
        var config = peer.Config;
        if (peer.State is not SwimDetector swim) peer.State = swim = new SwimDetector();
        var (probing, answered, target) = swim.EndPeriod();
        int at = probing ? peer.IndexOf(target) : -1;
        if (at >= 0)
        {
            var standing = swim.IsSuspected(target) ? SuspectStanding.Suspected
                : peer.Health(at) == NeighbourHealth.Reported ? SuspectStanding.Reported : SuspectStanding.NotSuspected;
            var step = SwimRules.AtPeriodEnd(probing, answered, standing);
            if (step != PeriodEndStep.Fine) peer.Missed(at, 1);
            if (step == PeriodEndStep.SuspectAgain) peer.SuspectAgain(at);
            if (step is PeriodEndStep.Suspect or PeriodEndStep.SuspectAgain) Suspect(peer, swim, at, target);
        }
        swim.LapseRounds(peer, config.WitnessProbeTimeout + config.SwimPeriod, config.SwimSuspicionMax);

        var next = swim.NextTarget(peer.Neighbours, peer.Random);
        if (next is { } t)
        {
            long probe = swim.StartProbe(t);
            Ping(peer, t);
            peer.SetTimer(config.SwimProbeTimeout, ProbeTimer(probe));
        }
        foreach (var suspect in swim.Suspects())
            if (suspect != next) Ping(peer, suspect);
        peer.SetTimer(config.SwimPeriod, PeriodTimer);
    }

    private static void Ping(DetectorContext peer, NodeAddress to)
    {
        int at = peer.IndexOf(to);
        if (at >= 0) peer.Ping(at);
    }

    private static void Suspect(DetectorContext peer, SwimDetector swim, int link, NodeAddress suspect)
    {
        peer.Suspect(link, 0);
        int othersKnown = OthersKnown(peer.SampleOf(link), peer.Self, suspect);
        swim.Suspect(peer, suspect, othersKnown);
        if (peer.LogEnabled)
        {
            var config = peer.Config;
            var wait = SwimRules.SuspicionTimeout(config.SwimSuspicionMin, config.SwimSuspicionMax, 0,
                SwimRules.ExpectedConfirmations(config.SwimIndirectProbes, othersKnown, 0));
            peer.Log($"suspect {suspect}: no answer to my probe in this period, nor through the peers I asked; reporting it "
                + $"unless it answers within {wait.TotalSeconds:0.#} s (less as others confirm, of {othersKnown} other neighbours known)");
        }
    }

    /// <summary>The suspect's other neighbours its last pong named, each once: at most that many can confirm its suspicion.</summary>
    private static int OthersKnown(ReadOnlySpan<NodeAddress> sample, NodeAddress me, NodeAddress suspect)
    {
        int n = 0;
        for (int i = 0; i < sample.Length; i++)
        {
            var w = sample[i];
            if (w != me && w != suspect && sample[..i].IndexOf(w) < 0) n++;
        }
        return n;
    }

    /// <summary>The period's probe went unanswered for the probe timeout: up to k of the target's other neighbours are asked to
    /// probe it (SWIM's ping-req; a witness probes only its own neighbour, as under R11).</summary>
    private static void OnProbeTimeout(DetectorContext peer, long probe)
    {
        if (peer.State is not SwimDetector swim) return;
        var (current, answered) = swim.ProbeState(probe);
        int at = current ? peer.IndexOf(swim.Target) : -1;
        if (at < 0) return;
        var target = swim.Target;
        var others = peer.DrawWitnesses(at, peer.Config.SwimIndirectProbes);
        if (SwimRules.AtProbeTimeout(current, answered, others.Length) != ProbeTimeoutStep.AskOthers) return;
        long ask = peer.AskToProbe(at, others);
        swim.AskOthers(target, others, peer.Now, ask);
    }

    /// <summary>An asked peer's answer: it reached the target (the probe counts as answered, a suspicion ends) or it could not
    /// (a confirmation: Lifeguard's wait falls). The peer took a "reached" only with the target's signed ack of the round's
    /// challenge.</summary>
    public override void OnWitnessAnswer(DetectorContext peer, in WitnessAnswer answer)
    {
        var suspect = answer.Round.Suspect;
        if (peer.State is not SwimDetector swim || !swim.TakeAnswer(answer.Round.Ask, answer.Witness, suspect)) return;
        int at = peer.IndexOf(suspect);
        if (at < 0) return;
        if (!answer.Reachable)
        {
            swim.Confirm(peer, suspect, answer.Witness);
            return;
        }
        swim.Answered(suspect);
        swim.Clear(peer, suspect, answered: true);
        if (peer.ClearSuspicion(at, "another peer reached it") && peer.LogEnabled)
            peer.Log($"suspicion of {suspect} cleared: {answer.Witness} reached it");
    }

    /// <summary>A suspect's Lifeguard time is up, and it never answered: reported to the seeds.</summary>
    private static void OnSuspicionTimeout(DetectorContext peer, long ticket)
    {
        if (peer.State is not SwimDetector swim || swim.TimeUp(ticket) is not { } up) return;
        int at = peer.IndexOf(up.Suspect);
        if (at < 0) return;
        if (peer.Health(at) != NeighbourHealth.Suspected) return; // it answered meanwhile
        peer.Report(at, up.Confirmations, peer.Config.SwimIndirectProbes);
    }

    /// <summary>A pong with the probe's nonce: the probe is answered, and a suspicion of it ends (SWIM's refutation).</summary>
    public override void OnAnswered(DetectorContext peer, NodeAddress neighbour, TimeSpan at)
    {
        if (peer.State is not SwimDetector swim) return;
        swim.Answered(neighbour);
        swim.Clear(peer, neighbour, answered: true);
    }

    public override void OnLinkUp(DetectorContext peer, NodeAddress neighbour) => (peer.State as SwimDetector)?.Linked(neighbour, peer.Random);

    public override void OnLinkDown(DetectorContext peer, NodeAddress neighbour) =>
        (peer.State as SwimDetector)?.Clear(peer, neighbour, answered: false);

    public override void OnPinged(DetectorContext peer, NodeAddress from) => (peer.State as SwimDetector)?.CountAnswer();

    public override void OnStop(DetectorContext peer)
    {
        if (peer.State is not SwimDetector swim) return;
        peer.Trace(new TraceEvent(peer.Now, TraceKind.SwimCounters, peer.Self, A: swim.ProbesSent, B: swim.IndirectProbesAsked,
            Detail: $"suspicions {swim.Suspicions}, cleared {swim.SuspicionsCleared}, periods {swim.Periods}, answered {swim.PingsAnswered}"));
    }
}
