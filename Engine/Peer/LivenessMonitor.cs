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
public sealed partial class PeerNode
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

    private void OnPingTick()
    {
        foreach (ref var n in _neighbours.Span)
        {
            if (n.OutstandingPing != 0) OnPingMissed(ref n);
            n.OutstandingPing = Prober.NewNonce(Ctx.Random);
            Ctx.Send(n.Address, new Ping(n.OutstandingPing));
        }
        Ctx.SetTimer(_config.PingInterval, new TimerTag(TimerKind.PingTick));
    }

    private void OnPingMissed(ref Neighbour n)
    {
        n.Misses++;
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.PingMissed, Address, n.Address, A: n.Misses));
        var before = n.Health;
        int threshold = _config.MissesBeforeSuspect;
        Change(ref n, n.Misses >= threshold ? HealthEvent.MissedThreshold : HealthEvent.Missed);
        if (n.Health == NeighbourHealth.Reported && n.Misses >= n.ReportedAtMisses + threshold) Change(ref n, HealthEvent.ReportUnanswered);
        if (n.Health == NeighbourHealth.Suspected) AskWitnesses(ref n, newlySuspected: !NeighbourHealthRules.IsSuspected(before));
    }

    private static void Change(ref Neighbour n, HealthEvent e) => n.Health = NeighbourHealthRules.Next(n.Health, e);

    private void OnPing(NodeAddress from, Ping m)
    {
        Ctx.Send(from, new Pong(m.Nonce, _life, NeighbourSample()));
        // A peer pinging us as its neighbour although we dropped the link (we were told it was
        // dead, or it was cut off from us): tell it, so it drops its half and re-attaches.
        // Seeds and witnesses probe non-neighbours on purpose; a link being set up is not stale.
        if (!_neighbours.Contains(from) && !IsSeed(from) && !IsPendingLink(from))
            Ctx.Send(from, new LinkClose());
    }

    private void OnPong(NodeAddress from, Pong m)
    {
        int at = _neighbours.IndexOf(from);
        if (at >= 0 && _neighbours.At(at).OutstandingPing == m.Nonce)
        {
            ref var n = ref _neighbours.At(at);
            if (m.Incarnation != n.Incarnation)
            {
                // Same address, new life: it restarted and no longer holds our link.
                RemoveNeighbour(from, $"it restarted (incarnation {n.Incarnation} -> {m.Incarnation})");
                Log($"neighbour {from} restarted as a new incarnation; dropping the old link");
                if (_config.ReattachOnLoss) Reattach();
                return;
            }
            bool wasSuspected = NeighbourHealthRules.IsSuspected(n.Health);
            Change(ref n, HealthEvent.Answered);
            n.OutstandingPing = 0;
            n.Misses = 0;
            // Kept to the sample size: a pong carrying thousands of addresses costs its sender, not us.
            n.Sample = m.NeighbourSample.Count <= _config.NeighbourSampleSize
                ? m.NeighbourSample
                : AddressSnapshot.Of(m.NeighbourSample.AsSpan()[.._config.NeighbourSampleSize]);
            if (wasSuspected)
            {
                Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.SuspicionCleared, Address, from, Detail: "answered again"));
                Log($"suspicion of {from} cleared: it answered again");
            }
            return;
        }
        if (_witnessProber != null && _witnessProber.TryAnswered(from, m.Nonce, out var ask))
            Ctx.Send(ask.Asker, new SuspectReply(ask.Suspect, ask.QueryId, true));
    }

    /// <summary>Asks up to the configured number of the suspect's other neighbours (from its last pong) to probe it.</summary>
    private void AskWitnesses(ref Neighbour n, bool newlySuspected)
    {
        var suspect = n.Address;
        var witnesses = n.Sample.Where(w => w != Address && w != suspect).Distinct().ToArray();
        Ctx.Random.Shuffle(witnesses.AsSpan());
        if (witnesses.Length > _config.SuspicionWitnesses) witnesses = witnesses[.._config.SuspicionWitnesses];
        if (newlySuspected)
        {
            Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.Suspected, Address, suspect, A: witnesses.Length));
            Log($"suspect {suspect}: no answer to {n.Misses} liveness checks in a row; asking {witnesses.Length} of its other neighbours to probe it");
        }
        if (witnesses.Length == 0)
        {
            Decided(ref n, SuspicionVerdict.Decide(0, 0, 0, timeUp: false), 0, 0);
            return;
        }
        long qid = _nextQueryId++;
        (_queries ??= new Dictionary<long, SuspicionQuery>())[qid] = new SuspicionQuery(suspect, witnesses.Length);
        Change(ref n, HealthEvent.WitnessesAsked);
        foreach (var w in witnesses) Ctx.Send(w, new SuspectQuery(suspect, qid));
        Ctx.SetTimer(_config.SuspicionQueryTimeout, new TimerTag(TimerKind.SuspicionQueryTimeout, qid));
    }

    /// <summary>
    /// A witness probes only a suspect that is its own neighbour (that is why it was asked), so
    /// a query cannot make it dial an arbitrary address; and its open probes are capped like its
    /// links, so a flood of queries cannot pile them up.
    /// </summary>
    private void OnSuspectQuery(NodeAddress asker, SuspectQuery m)
    {
        if (!_neighbours.Contains(m.Suspect))
        {
            RejectInput($"ignored a suspicion query from {asker} about {m.Suspect}, which is not my neighbour");
            return;
        }
        var prober = _witnessProber ??= new Prober<WitnessAsk>(TimerKind.WitnessProbe, _config.WitnessProbeAttempts, _config.WitnessProbeTimeout);
        if (prober.Open >= _config.MaxNeighbours) return;
        prober.Start(Ctx, m.Suspect, new WitnessAsk(asker, m.QueryId, m.Suspect));
    }

    private void OnWitnessProbeStep(long nonce)
    {
        if (_witnessProber != null && _witnessProber.TryTimedOut(Ctx, nonce, out var ask))
            Ctx.Send(ask.Asker, new SuspectReply(ask.Suspect, ask.QueryId, false));
    }

    private void OnSuspectReply(NodeAddress witness, SuspectReply m)
    {
        SuspicionQuery? q = null;
        if (_queries?.TryGetValue(m.QueryId, out q) != true || q!.Suspect != m.Suspect || q.HasAnswered(witness)) return;
        (m.Reachable ? q.Reachable : q.Unreachable).Add(witness);
        var verdict = q.Verdict(timeUp: false);
        if (verdict != Verdict.Wait) Conclude(m.QueryId, q, verdict);
    }

    private void OnSuspicionQueryTimeout(long qid)
    {
        SuspicionQuery? q = null;
        if (_queries?.TryGetValue(qid, out q) == true) Conclude(qid, q!, q!.Verdict(timeUp: true));
    }

    private void Conclude(long qid, SuspicionQuery q, Verdict verdict)
    {
        _queries!.Remove(qid);
        int at = _neighbours.IndexOf(q.Suspect);
        if (at < 0) return; // removed meanwhile
        ref var n = ref _neighbours.At(at);
        if (n.Health != NeighbourHealth.QueryingWitnesses) return; // it answered meanwhile
        Decided(ref n, verdict, q.Unreachable.Count, q.Asked);
        if (verdict == Verdict.NotConfirmed)
            Log($"suspicion of {q.Suspect} not confirmed: {q.Unreachable.Count} of {q.Asked} asked could not reach it, {q.Reachable.Count} could");
    }

    private void Decided(ref Neighbour n, Verdict verdict, int agreeing, int asked)
    {
        Change(ref n, verdict == Verdict.Report ? HealthEvent.VerdictReport : HealthEvent.VerdictNotConfirmed);
        if (verdict == Verdict.Report) ReportDead(ref n, agreeing, asked);
    }

    private void ReportDead(ref Neighbour n, int agreeing, int asked)
    {
        n.ReportedAtMisses = n.Misses;
        var report = new DeadNodeReport(n.Address, (long)Ctx.Now.TotalSeconds, Address);
        string line = report.Line;
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.DeadReported, Address, n.Address, A: agreeing, B: asked, Detail: line));
        Log(line);
        foreach (var s in AcceptedSeeds()) Ctx.Send(s, report);
    }

    private void OnReportRejected(NodeAddress seed, Messages.ReportRejected m)
    {
        Log($"seed {seed} rejected my report about {m.Dead}: {m.Reason}");
        int at = _neighbours.IndexOf(m.Dead);
        if (at >= 0) Change(ref _neighbours.At(at), HealthEvent.ReportRejected);
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
        int k = _config.NeighbourSampleSize;
        if (_neighbours.Count <= k) return _neighbours.Addresses();
        long now = Ctx.Now.Ticks;
        if (_sampleVersion == _neighbours.Version && now < _sampleUntilTicks) return _sample;
        _sample = AddressSnapshot.SampleOf(_neighbours.AddressSpan, k, Ctx.Random);
        _sampleVersion = _neighbours.Version;
        _sampleUntilTicks = now + _config.PingInterval.Ticks;
        return _sample;
    }
}
