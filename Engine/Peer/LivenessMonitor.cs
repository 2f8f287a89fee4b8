using System.Runtime.InteropServices;
using GossipSim.Engine.Collections;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Swim;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>
/// R11/R12: ping every neighbour each interval; after enough consecutive misses suspect it,
/// ask some of its other neighbours to probe it, and report it dead by the rule of
/// <see cref="SuspicionVerdict"/>. Health changes follow <see cref="NeighbourHealthRules"/>.
/// Also the witness side: probe a suspect for another peer. Under SWIM
/// (<see cref="Config.FailureDetector.Swim"/>) the same messages serve SWIM's period instead: one
/// neighbour probed a period, others asked to probe it, a suspect reported after Lifeguard's
/// timeout (<see cref="SwimDetector"/>, <see cref="SwimRules"/>).
/// </summary>
internal partial struct LivenessMonitor
{
    // Keeps no reference to its peer: a call that needs the peer or a sibling part is handed it
    // (see PeerNode).
    public LivenessMonitor() { }

    /// <summary>One round of asking a suspect's witnesses: whom, and what they answered.</summary>
    private sealed class SuspicionQuery(NodeAddress suspect, int asked, long challenge)
    {
        public readonly NodeAddress Suspect = suspect;
        public readonly int Asked = asked;
        public readonly long Challenge = challenge;
        public readonly List<NodeAddress> Unreachable = new();
        public readonly List<NodeAddress> Reachable = new();
        public bool HasAnswered(NodeAddress witness) => Unreachable.Contains(witness) || Reachable.Contains(witness);
        public Verdict Verdict(bool timeUp) => SuspicionVerdict.Decide(Asked, Unreachable.Count, Reachable.Count, timeUp);
    }

    /// <summary>Whom a witness probe answers: the asker, about its query.</summary>
    private readonly record struct WitnessAsk(NodeAddress Asker, long QueryId, NodeAddress Suspect);

    /// <summary>
    /// What this peer keeps while it suspects its neighbours, made at the first ping one of them
    /// misses (most peers never see one): which missed pings in a row, and this peer's rounds of
    /// asking witnesses. Held in place, the two and the query counter would be memory in every peer
    /// (docs/performance.md, section 4).
    /// </summary>
    private sealed class Suspicions
    {
        // How many pings in a row, and how many there had been when it was last reported. Few at any
        // time (a crashed neighbour, until the seeds remove it), so kept here and not in every
        // neighbour's entry, where the two counts would take room in every entry; none is 0 and 0. An answer
        // or the end of the link drops its counts, and an empty dictionary is dropped.
        public Dictionary<NodeAddress, MissCount>? Missed;
        public Dictionary<long, SuspicionQuery>? Queries;
        public long NextQueryId = 1;
        /// <summary>SWIM's state, made at a SWIM peer's first period (a classic peer never has one).</summary>
        public SwimDetector? Swim;
    }

    private record struct MissCount(int InARow, int AtReport);

    private Suspicions? _suspicions;

    /// <summary>The neighbour answered: its misses in a row end (its count at the last report matters only once reported again,
    /// which sets it anew).</summary>
    private readonly void Answered(NodeAddress neighbour)
    {
        if (_suspicions?.Missed is not { } missed || !missed.Remove(neighbour) || missed.Count > 0) return;
        _suspicions.Missed = null; // a lossy network leaves misses at many peers for a moment: none keeps an empty dictionary
    }

    /// <summary>A neighbour's link ended: its misses and any SWIM suspicion go with it (a later link to the same address starts at
    /// none).</summary>
    public readonly void Forget(PeerNode peer, NodeAddress neighbour)
    {
        Answered(neighbour);
        _suspicions?.Swim?.Clear(peer.Self.Ctx, neighbour, answered: false);
    }

    /// <summary>When the first liveness round starts, after the first link: a ping interval, or a SWIM period.</summary>
    public static TimeSpan FirstCheckAfter(Config.PeerConfig config) =>
        config.FailureDetector == Config.FailureDetector.Swim ? config.SwimPeriod : config.PingInterval;

    /// <summary>This peer's SWIM state, when it runs SWIM and has started its periods.</summary>
    public readonly SwimDetector? Swim => _suspicions?.Swim;

    // Empty for nearly every peer nearly all the time: made on first use.
    private Prober<WitnessAsk>? _witnessProber;

    public void OnPingTick(PeerNode peer)
    {
        if (peer.Self.Config.FailureDetector == Config.FailureDetector.Swim)
        {
            OnSwimPeriod(peer);
            return;
        }
        var neighbours = peer.Neighbourhood.Table.Span;
        var addresses = peer.Neighbourhood.Table.AddressSpan;
        for (int i = 0; i < neighbours.Length; i++)
        {
            ref var n = ref neighbours[i];
            if (n.OutstandingPing != 0) OnPingMissed(peer, ref n, addresses[i]);
            n.OutstandingPing = Prober.NewNonce(peer.Self.Ctx.Random);
            peer.Self.Ctx.Send(addresses[i], new Ping(n.OutstandingPing));
        }
        peer.Self.Ctx.SetTimer(peer.Self.Config.PingInterval, new TimerTag(TimerKind.PingTick));
    }

    private void OnPingMissed(PeerNode peer, ref NeighbourEntry n, NodeAddress address)
    {
        var suspicions = _suspicions ??= new Suspicions();
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(suspicions.Missed ??= new Dictionary<NodeAddress, MissCount>(), address,
            out _);
        int misses = ++count.InARow, reportedAt = count.AtReport;
        peer.Self.Ctx.Trace(new TraceEvent(peer.Self.Ctx.Now, TraceKind.PingMissed, peer.Self.Address, address, A: misses));
        var before = n.Health;
        int threshold = peer.Self.Config.MissesBeforeSuspect;
        Change(ref n, misses >= threshold ? HealthEvent.MissedThreshold : HealthEvent.Missed);
        if (n.Health == NeighbourHealth.Reported && misses >= reportedAt + threshold) Change(ref n, HealthEvent.ReportUnanswered);
        if (n.Health == NeighbourHealth.Suspected)
            AskWitnesses(peer, ref n, address, misses, newlySuspected: !NeighbourHealthRules.IsSuspected(before));
    }

    private static void Change(ref NeighbourEntry n, HealthEvent e) => n.Health = NeighbourHealthRules.Next(n.Health, e);

    public void OnPing(PeerNode peer, NodeAddress from, Ping m)
    {
        // A witness's probe carries its asker's challenge: the signed ack is what makes the witness's "reachable" count there.
        var ack = m.Challenge != 0 ? peer.Self.Identity.SignAck(peer.Self.Address, m.Challenge) : null;
        peer.Self.Ctx.Send(from, new Pong(m.Nonce, peer.Self.Life, NeighbourSample(peer), ack));
        _suspicions?.Swim?.CountAnswer();
        // A peer pinging us as its neighbour although we dropped the link (we were told it was
        // dead, or it was cut off from us): tell it, so it drops its half and re-attaches.
        // Seeds and witnesses probe non-neighbours on purpose; a link being set up is not stale.
        if (!peer.Neighbourhood.Contains(from) && !peer.Self.IsSeed(from) && !peer.Linker.IsPendingLink(from))
            peer.Self.Ctx.Send(from, new LinkClose());
    }

    public void OnPong(PeerNode peer, NodeAddress from, Pong m)
    {
        int at = peer.Neighbourhood.Table.IndexOf(from);
        if (at >= 0 && peer.Neighbourhood.Table.At(at).OutstandingPing == m.Nonce)
        {
            ref var n = ref peer.Neighbourhood.Table.At(at);
            if (m.Incarnation != n.Incarnation)
            {
                // Same address, new life: it restarted and no longer holds our link.
                bool own = peer.Neighbourhood.RemoveNeighbour(peer, from, $"it restarted (incarnation {n.Incarnation} -> {m.Incarnation})");
                peer.Self.Log($"neighbour {from} restarted as a new incarnation; dropping the old link");
                if (peer.Self.Config.ReattachOnLoss) peer.Linker.Reattach(peer, own);
                return;
            }
            bool wasSuspected = NeighbourHealthRules.IsSuspected(n.Health);
            Change(ref n, HealthEvent.Answered);
            n.OutstandingPing = 0;
            Answered(from);
            if (_suspicions?.Swim is { } swim)
            {
                swim.Answered(from);
                swim.Clear(peer.Self.Ctx, from, answered: true);
            }
            // Kept to the sample size: a pong carrying thousands of addresses costs its sender, not us.
            n.Sample = m.NeighbourSample.Count <= peer.Self.Config.NeighbourSampleSize
                ? m.NeighbourSample
                : AddressSnapshot.Of(m.NeighbourSample.AsSpan()[..peer.Self.Config.NeighbourSampleSize]);
            if (wasSuspected)
            {
                peer.Self.Ctx.Trace(new TraceEvent(peer.Self.Ctx.Now, TraceKind.SuspicionCleared, peer.Self.Address, from, Detail: "answered again"));
                peer.Self.Log($"suspicion of {from} cleared: it answered again");
            }
            return;
        }
        if (_witnessProber != null && _witnessProber.TryAnswered(from, m.Nonce, out var ask))
            peer.Self.Ctx.Send(ask.Asker, new SuspectReply(ask.Suspect, ask.QueryId, true, m.Ack));
    }

    /// <summary>Asks up to the configured number of the suspect's other neighbours (from its last pong) to probe it.</summary>
    private void AskWitnesses(PeerNode peer, ref NeighbourEntry n, NodeAddress suspect, int misses, bool newlySuspected)
    {
        var witnesses = WitnessesOf(peer, in n, suspect, peer.Self.Config.SuspicionWitnesses);
        if (newlySuspected)
        {
            peer.Self.Ctx.Trace(new TraceEvent(peer.Self.Ctx.Now, TraceKind.Suspected, peer.Self.Address, suspect, A: witnesses.Length));
            peer.Self.Log($"suspect {suspect}: no answer to {misses} liveness checks in a row; asking {witnesses.Length} of its "
                + $"other neighbours to probe it");
        }
        if (witnesses.Length == 0)
        {
            Decided(peer, ref n, suspect, SuspicionVerdict.Decide(0, 0, 0, timeUp: false), 0, 0);
            return;
        }
        var suspicions = _suspicions!; // made at the miss that led here
        long qid = suspicions.NextQueryId++;
        long challenge = peer.Self.Identity.NewChallenge(qid);
        (suspicions.Queries ??= new Dictionary<long, SuspicionQuery>())[qid] = new SuspicionQuery(suspect, witnesses.Length, challenge);
        Change(ref n, HealthEvent.WitnessesAsked);
        foreach (var w in witnesses) peer.Self.Ctx.Send(w, new SuspectQuery(suspect, qid, challenge));
        peer.Self.Ctx.SetTimer(peer.Self.Config.SuspicionQueryTimeout, new TimerTag(TimerKind.SuspicionQueryTimeout, qid));
    }

    /// <summary>At most <paramref name="max"/> of the suspect's other neighbours (from its last pong), at random: whom to ask to
    /// probe it (R11's witnesses, SWIM's indirect probes).</summary>
    private static NodeAddress[] WitnessesOf(PeerNode peer, in NeighbourEntry n, NodeAddress suspect, int max)
    {
        var me = peer.Self.Address;
        var witnesses = n.Sample.Where(w => w != me && w != suspect).Distinct().ToArray();
        peer.Self.Ctx.Random.Shuffle(witnesses.AsSpan());
        return witnesses.Length > max ? witnesses[..max] : witnesses;
    }

    /// <summary>
    /// A witness probes only a suspect that is its own neighbour (that is why it was asked), so
    /// a query cannot make it dial an arbitrary address; and its open probes are capped like its
    /// links, so a flood of queries cannot pile them up.
    /// </summary>
    public void OnSuspectQuery(PeerNode peer, NodeAddress asker, SuspectQuery m)
    {
        if (!peer.Neighbourhood.Contains(m.Suspect))
        {
            peer.Self.RejectInput($"ignored a suspicion query from {asker} about {m.Suspect}, which is not my neighbour");
            return;
        }
        var prober = _witnessProber ??= new Prober<WitnessAsk>(TimerKind.WitnessProbe, peer.Self.Config.WitnessProbeAttempts,
            peer.Self.Config.WitnessProbeTimeout);
        if (prober.Open >= peer.Self.Config.MaxNeighbours) return;
        prober.Start(peer.Self.Ctx, m.Suspect, new WitnessAsk(asker, m.QueryId, m.Suspect), m.Challenge);
    }

    public void OnWitnessProbeStep(PeerNode peer, long nonce)
    {
        if (_witnessProber != null && _witnessProber.TryTimedOut(peer.Self.Ctx, nonce, out var ask))
            peer.Self.Ctx.Send(ask.Asker, new SuspectReply(ask.Suspect, ask.QueryId, false));
    }

    public void OnSuspectReply(PeerNode peer, NodeAddress witness, SuspectReply m)
    {
        if (_suspicions?.Swim is { } swim)
        {
            OnIndirectAnswer(peer, swim, witness, m);
            return;
        }
        SuspicionQuery? q = null;
        if (_suspicions?.Queries?.TryGetValue(m.QueryId, out q) != true || q!.Suspect != m.Suspect || q.HasAnswered(witness)) return;
        if (m.Reachable && !ReachedIt(peer, witness, m, q.Challenge)) return;
        (m.Reachable ? q.Reachable : q.Unreachable).Add(witness);
        var verdict = q.Verdict(timeUp: false);
        if (verdict != Verdict.Wait) Conclude(peer, m.QueryId, q, verdict);
    }

    /// <summary>
    /// A witness's "reachable" counts only with the suspect's signed ack of this round's challenge, which the suspect makes
    /// only when a probe reaches it after the round began: a witness that did not hear from it cannot say it did, so one liar
    /// cannot hold a dead peer's removal (it counts as a silent witness, neither way).
    /// </summary>
    private static bool ReachedIt(PeerNode peer, NodeAddress witness, SuspectReply m, long challenge)
    {
        if (m.Ack is { } ack && peer.Self.Identity.VerifyAck(m.Suspect, challenge, ack)) return true;
        peer.Self.RejectInput($"ignored {witness}'s answer that {m.Suspect} is reachable: "
            + (m.Ack == null ? "it carries no ack from the suspect" : "the suspect's ack does not verify"));
        return false;
    }

    public void OnSuspicionQueryTimeout(PeerNode peer, long qid)
    {
        SuspicionQuery? q = null;
        if (_suspicions?.Queries?.TryGetValue(qid, out q) == true) Conclude(peer, qid, q!, q!.Verdict(timeUp: true));
    }

    private void Conclude(PeerNode peer, long qid, SuspicionQuery q, Verdict verdict)
    {
        _suspicions!.Queries!.Remove(qid);
        int at = peer.Neighbourhood.Table.IndexOf(q.Suspect);
        if (at < 0) return; // removed meanwhile
        ref var n = ref peer.Neighbourhood.Table.At(at);
        if (n.Health != NeighbourHealth.QueryingWitnesses) return; // it answered meanwhile
        Decided(peer, ref n, q.Suspect, verdict, q.Unreachable.Count, q.Asked);
        if (verdict == Verdict.NotConfirmed)
            peer.Self.Log($"suspicion of {q.Suspect} not confirmed: {q.Unreachable.Count} of {q.Asked} asked could not reach "
                + $"it, {q.Reachable.Count} could");
    }

    private void Decided(PeerNode peer, ref NeighbourEntry n, NodeAddress suspect, Verdict verdict, int agreeing, int asked)
    {
        Change(ref n, verdict == Verdict.Report ? HealthEvent.VerdictReport : HealthEvent.VerdictNotConfirmed);
        if (verdict == Verdict.Report) ReportDead(peer, ref n, suspect, agreeing, asked);
    }

    private void ReportDead(PeerNode peer, ref NeighbourEntry n, NodeAddress dead, int agreeing, int asked)
    {
        // Reported at this count: with no answer from the seeds, report again after as many more.
        if (_suspicions?.Missed is { } missed && missed.TryGetValue(dead, out var count)) missed[dead] = count with { AtReport = count.InARow };
        var report = new DeadNodeReport(dead, (long)peer.Self.Ctx.Now.TotalSeconds, peer.Self.Address);
        string line = report.Line;
        peer.Self.Ctx.Trace(new TraceEvent(peer.Self.Ctx.Now, TraceKind.DeadReported, peer.Self.Address, dead, A: agreeing, B: asked, Detail: line));
        peer.Self.Log(line);
        foreach (var s in peer.Joiner.AcceptedSeeds(peer)) peer.Self.Ctx.Send(s, report);
    }

    /// <summary>A neighbour said goodbye (<see cref="PeerNode"/>'s OnNeighbourGoodbye): the seeds hear it as a dead-node report,
    /// which they verify by their own probes like any other. Traced as a report with no witnesses asked.</summary>
    public readonly void ReportLeft(PeerNode peer, NodeAddress left)
    {
        var report = new DeadNodeReport(left, (long)peer.Self.Ctx.Now.TotalSeconds, peer.Self.Address);
        string line = report.Line;
        peer.Self.Ctx.Trace(new TraceEvent(peer.Self.Ctx.Now, TraceKind.DeadReported, peer.Self.Address, left, A: 0, B: 0,
            Detail: line + " (it said goodbye)"));
        peer.Self.Log($"{line} (neighbour {left} said goodbye)");
        foreach (var s in peer.Joiner.AcceptedSeeds(peer)) peer.Self.Ctx.Send(s, report);
    }

    public void OnReportRejected(PeerNode peer, NodeAddress seed, Messages.ReportRejected m)
    {
        peer.Self.Log($"seed {seed} rejected my report about {m.Dead}: {m.Reason}");
        int at = peer.Neighbourhood.Table.IndexOf(m.Dead);
        if (at >= 0) Change(ref peer.Neighbourhood.Table.At(at), HealthEvent.ReportRejected);
    }

    private AddressSnapshot _sample;     // the sample handed to every pinger this round
    private int _sampleVersion;          // the neighbour table's version it was drawn from
    private long _sampleUntilTicks;      // 0 until the first sample is drawn

    /// <summary>
    /// A few of my neighbours, at random, for whoever pings me: all of them when they are few;
    /// otherwise one sample drawn per ping interval (or when my neighbours change) and shared
    /// by every pinger, so a hub answering a thousand pings draws and stores one sample, not
    /// a thousand. The pinger may be in it; it never asks itself to be a witness.
    /// </summary>
    private AddressSnapshot NeighbourSample(PeerNode peer)
    {
        int k = peer.Self.Config.NeighbourSampleSize;
        if (peer.Neighbourhood.Table.Count <= k) return peer.Neighbourhood.Table.Addresses();
        long now = peer.Self.Ctx.Now.Ticks;
        if (_sampleVersion == peer.Neighbourhood.Table.Version && now < _sampleUntilTicks) return _sample;
        _sample = AddressSnapshot.SampleOf(peer.Neighbourhood.Table.AddressSpan, k, peer.Self.Ctx.Random, peer.Self.Ctx.NewLongLived);
        _sampleVersion = peer.Neighbourhood.Table.Version;
        _sampleUntilTicks = now + peer.Self.Config.PingInterval.Ticks;
        return _sample;
    }
}
