using GossipSim.Engine.Collections;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;

namespace GossipSim.Engine.Peer;

/// <summary>
/// R11/R12: ping every neighbour each interval; after enough consecutive misses suspect it,
/// ask some of its other neighbours to probe it, and report it dead by the rule of
/// <see cref="SuspicionVerdict"/>. Health changes follow <see cref="NeighbourHealthRules"/>.
/// Also the witness side: probe a suspect for another peer.
/// </summary>
internal sealed class LivenessMonitor(PeerSelf self, Joiner joiner, Neighbourhood neighbours, Linker linker)
{
    /// <summary>One round of asking a suspect's witnesses: whom, and what they answered.</summary>
    private sealed class SuspicionQuery(NodeAddress suspect, int asked)
    {
        public readonly NodeAddress Suspect = suspect;
        public readonly int Asked = asked;
        public readonly List<NodeAddress> Unreachable = new();
        public readonly List<NodeAddress> Reachable = new();
        public bool HasAnswered(NodeAddress witness) => Unreachable.Contains(witness) || Reachable.Contains(witness);
        public Verdict Verdict(bool timeUp) => SuspicionVerdict.Decide(Asked, Unreachable.Count, Reachable.Count, timeUp);
    }

    /// <summary>Whom a witness probe answers: the asker, about its query.</summary>
    private readonly record struct WitnessAsk(NodeAddress Asker, long QueryId, NodeAddress Suspect);

    // Both empty for nearly every peer nearly all the time: made on first use.
    private Dictionary<long, SuspicionQuery>? _queries;
    private Prober<WitnessAsk>? _witnessProber;
    private long _nextQueryId = 1;

    public void OnPingTick()
    {
        foreach (ref var n in neighbours.Table.Span)
        {
            if (n.OutstandingPing != 0) OnPingMissed(ref n);
            n.OutstandingPing = Prober.NewNonce(self.Ctx.Random);
            self.Ctx.Send(n.Address, new Ping(n.OutstandingPing));
        }
        self.Ctx.SetTimer(self.Config.PingInterval, new TimerTag(TimerKind.PingTick));
    }

    private void OnPingMissed(ref Neighbour n)
    {
        n.Misses++;
        self.Ctx.Trace(new TraceEvent(self.Ctx.Now, TraceKind.PingMissed, self.Address, n.Address, A: n.Misses));
        var before = n.Health;
        int threshold = self.Config.MissesBeforeSuspect;
        Change(ref n, n.Misses >= threshold ? HealthEvent.MissedThreshold : HealthEvent.Missed);
        if (n.Health == NeighbourHealth.Reported && n.Misses >= n.ReportedAtMisses + threshold) Change(ref n, HealthEvent.ReportUnanswered);
        if (n.Health == NeighbourHealth.Suspected) AskWitnesses(ref n, newlySuspected: !NeighbourHealthRules.IsSuspected(before));
    }

    private static void Change(ref Neighbour n, HealthEvent e) => n.Health = NeighbourHealthRules.Next(n.Health, e);

    public void OnPing(NodeAddress from, Ping m)
    {
        self.Ctx.Send(from, new Pong(m.Nonce, self.Life, NeighbourSample()));
        // A peer pinging us as its neighbour although we dropped the link (we were told it was
        // dead, or it was cut off from us): tell it, so it drops its half and re-attaches.
        // Seeds and witnesses probe non-neighbours on purpose; a link being set up is not stale.
        if (!neighbours.Contains(from) && !self.IsSeed(from) && !linker.IsPendingLink(from))
            self.Ctx.Send(from, new LinkClose());
    }

    public void OnPong(NodeAddress from, Pong m)
    {
        int at = neighbours.Table.IndexOf(from);
        if (at >= 0 && neighbours.Table.At(at).OutstandingPing == m.Nonce)
        {
            ref var n = ref neighbours.Table.At(at);
            if (m.Incarnation != n.Incarnation)
            {
                // Same address, new life: it restarted and no longer holds our link.
                neighbours.RemoveNeighbour(from, $"it restarted (incarnation {n.Incarnation} -> {m.Incarnation})");
                self.Log($"neighbour {from} restarted as a new incarnation; dropping the old link");
                if (self.Config.ReattachOnLoss) linker.Reattach();
                return;
            }
            bool wasSuspected = NeighbourHealthRules.IsSuspected(n.Health);
            Change(ref n, HealthEvent.Answered);
            n.OutstandingPing = 0;
            n.Misses = 0;
            // Kept to the sample size: a pong carrying thousands of addresses costs its sender, not us.
            n.Sample = m.NeighbourSample.Count <= self.Config.NeighbourSampleSize
                ? m.NeighbourSample
                : AddressSnapshot.Of(m.NeighbourSample.AsSpan()[..self.Config.NeighbourSampleSize]);
            if (wasSuspected)
            {
                self.Ctx.Trace(new TraceEvent(self.Ctx.Now, TraceKind.SuspicionCleared, self.Address, from, Detail: "answered again"));
                self.Log($"suspicion of {from} cleared: it answered again");
            }
            return;
        }
        if (_witnessProber != null && _witnessProber.TryAnswered(from, m.Nonce, out var ask))
            self.Ctx.Send(ask.Asker, new SuspectReply(ask.Suspect, ask.QueryId, true));
    }

    /// <summary>Asks up to the configured number of the suspect's other neighbours (from its last pong) to probe it.</summary>
    private void AskWitnesses(ref Neighbour n, bool newlySuspected)
    {
        var suspect = n.Address;
        var me = self.Address;
        var witnesses = n.Sample.Where(w => w != me && w != suspect).Distinct().ToArray();
        self.Ctx.Random.Shuffle(witnesses.AsSpan());
        if (witnesses.Length > self.Config.SuspicionWitnesses) witnesses = witnesses[..self.Config.SuspicionWitnesses];
        if (newlySuspected)
        {
            self.Ctx.Trace(new TraceEvent(self.Ctx.Now, TraceKind.Suspected, self.Address, suspect, A: witnesses.Length));
            self.Log($"suspect {suspect}: no answer to {n.Misses} liveness checks in a row; asking {witnesses.Length} of its "
                + $"other neighbours to probe it");
        }
        if (witnesses.Length == 0)
        {
            Decided(ref n, SuspicionVerdict.Decide(0, 0, 0, timeUp: false), 0, 0);
            return;
        }
        long qid = _nextQueryId++;
        (_queries ??= new Dictionary<long, SuspicionQuery>())[qid] = new SuspicionQuery(suspect, witnesses.Length);
        Change(ref n, HealthEvent.WitnessesAsked);
        foreach (var w in witnesses) self.Ctx.Send(w, new SuspectQuery(suspect, qid));
        self.Ctx.SetTimer(self.Config.SuspicionQueryTimeout, new TimerTag(TimerKind.SuspicionQueryTimeout, qid));
    }

    /// <summary>
    /// A witness probes only a suspect that is its own neighbour (that is why it was asked), so
    /// a query cannot make it dial an arbitrary address; and its open probes are capped like its
    /// links, so a flood of queries cannot pile them up.
    /// </summary>
    public void OnSuspectQuery(NodeAddress asker, SuspectQuery m)
    {
        if (!neighbours.Contains(m.Suspect))
        {
            self.RejectInput($"ignored a suspicion query from {asker} about {m.Suspect}, which is not my neighbour");
            return;
        }
        var prober = _witnessProber ??= new Prober<WitnessAsk>(TimerKind.WitnessProbe, self.Config.WitnessProbeAttempts,
            self.Config.WitnessProbeTimeout);
        if (prober.Open >= self.Config.MaxNeighbours) return;
        prober.Start(self.Ctx, m.Suspect, new WitnessAsk(asker, m.QueryId, m.Suspect));
    }

    public void OnWitnessProbeStep(long nonce)
    {
        if (_witnessProber != null && _witnessProber.TryTimedOut(self.Ctx, nonce, out var ask))
            self.Ctx.Send(ask.Asker, new SuspectReply(ask.Suspect, ask.QueryId, false));
    }

    public void OnSuspectReply(NodeAddress witness, SuspectReply m)
    {
        SuspicionQuery? q = null;
        if (_queries?.TryGetValue(m.QueryId, out q) != true || q!.Suspect != m.Suspect || q.HasAnswered(witness)) return;
        (m.Reachable ? q.Reachable : q.Unreachable).Add(witness);
        var verdict = q.Verdict(timeUp: false);
        if (verdict != Verdict.Wait) Conclude(m.QueryId, q, verdict);
    }

    public void OnSuspicionQueryTimeout(long qid)
    {
        SuspicionQuery? q = null;
        if (_queries?.TryGetValue(qid, out q) == true) Conclude(qid, q!, q!.Verdict(timeUp: true));
    }

    private void Conclude(long qid, SuspicionQuery q, Verdict verdict)
    {
        _queries!.Remove(qid);
        int at = neighbours.Table.IndexOf(q.Suspect);
        if (at < 0) return; // removed meanwhile
        ref var n = ref neighbours.Table.At(at);
        if (n.Health != NeighbourHealth.QueryingWitnesses) return; // it answered meanwhile
        Decided(ref n, verdict, q.Unreachable.Count, q.Asked);
        if (verdict == Verdict.NotConfirmed)
            self.Log($"suspicion of {q.Suspect} not confirmed: {q.Unreachable.Count} of {q.Asked} asked could not reach "
                + $"it, {q.Reachable.Count} could");
    }

    private void Decided(ref Neighbour n, Verdict verdict, int agreeing, int asked)
    {
        Change(ref n, verdict == Verdict.Report ? HealthEvent.VerdictReport : HealthEvent.VerdictNotConfirmed);
        if (verdict == Verdict.Report) ReportDead(ref n, agreeing, asked);
    }

    private void ReportDead(ref Neighbour n, int agreeing, int asked)
    {
        n.ReportedAtMisses = n.Misses;
        var report = new DeadNodeReport(n.Address, (long)self.Ctx.Now.TotalSeconds, self.Address);
        string line = report.Line;
        self.Ctx.Trace(new TraceEvent(self.Ctx.Now, TraceKind.DeadReported, self.Address, n.Address, A: agreeing, B: asked, Detail: line));
        self.Log(line);
        foreach (var s in joiner.AcceptedSeeds()) self.Ctx.Send(s, report);
    }

    public void OnReportRejected(NodeAddress seed, Messages.ReportRejected m)
    {
        self.Log($"seed {seed} rejected my report about {m.Dead}: {m.Reason}");
        int at = neighbours.Table.IndexOf(m.Dead);
        if (at >= 0) Change(ref neighbours.Table.At(at), HealthEvent.ReportRejected);
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
    private AddressSnapshot NeighbourSample()
    {
        int k = self.Config.NeighbourSampleSize;
        if (neighbours.Table.Count <= k) return neighbours.Table.Addresses();
        long now = self.Ctx.Now.Ticks;
        if (_sampleVersion == neighbours.Table.Version && now < _sampleUntilTicks) return _sample;
        _sample = AddressSnapshot.SampleOf(neighbours.Table.AddressSpan, k, self.Ctx.Random, self.Ctx.NewLongLived);
        _sampleVersion = neighbours.Table.Version;
        _sampleUntilTicks = now + self.Config.PingInterval.Ticks;
        return _sample;
    }
}
