using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;

namespace GossipSim.Engine.Peer;

/// <summary>
/// R11/R12: ping every neighbour each interval; after enough consecutive misses suspect it,
/// ask some of its other neighbours to probe it, and report it dead only when a majority of
/// those asked could not reach it either. Also the witness side: probe a suspect for another.
/// </summary>
public sealed partial class PeerNode
{
    private sealed class SuspicionQuery(NodeAddress suspect, int asked)
    {
        public readonly NodeAddress Suspect = suspect;
        public readonly int Asked = asked;
        public readonly List<NodeAddress> Unreachable = new();
        public readonly List<NodeAddress> Reachable = new();
    }

    private readonly record struct WitnessProbe(NodeAddress Asker, long QueryId, NodeAddress Suspect);

    // Both empty for nearly every peer nearly all the time: allocated on first use.
    private Dictionary<long, SuspicionQuery>? _queries;
    private Dictionary<long, WitnessProbe>? _witnessProbes;
    private long _nextQueryId = 1;

    private void OnPingTick()
    {
        foreach (ref var n in _neighbours.Span)
        {
            if (n.OutstandingPing != 0)
            {
                n.Misses++;
                Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.PingMissed, Address, n.Address, A: n.Misses));
                // Reported but neither removed nor rejected (the report or the answer was lost): try again.
                if (n.Reported && n.Misses >= n.ReportedAtMisses + _config.MissesBeforeSuspect) n.Reported = false;
                if (n.Misses >= _config.MissesBeforeSuspect && !n.QueryPending && !n.Reported) Suspect(ref n);
            }
            n.OutstandingPing = (long)(Ctx.Random.NextUInt64() >> 1) | 1;
            Ctx.Send(n.Address, new Ping(n.OutstandingPing));
        }
        Ctx.SetTimer(_config.PingInterval, new TimerTag(TimerKind.PingTick));
    }

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
            n.OutstandingPing = 0;
            n.Misses = 0;
            n.Sample = m.NeighbourSample;
            if (n.Suspected)
            {
                n.Suspected = false;
                n.Reported = false;
                Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.SuspicionCleared, Address, from, Detail: "answered again"));
                Log($"suspicion of {from} cleared: it answered again");
            }
            return;
        }
        WitnessProbe probe = default;
        if (_witnessProbes?.Remove(m.Nonce, out probe) == true && probe.Suspect == from)
            Ctx.Send(probe.Asker, new SuspectReply(probe.Suspect, probe.QueryId, true));
    }

    private void Suspect(ref Neighbour n)
    {
        var suspect = n.Address;
        var witnesses = n.Sample.Where(w => w != Address && w != suspect).Distinct().ToArray();
        Ctx.Random.Shuffle(witnesses.AsSpan());
        if (witnesses.Length > _config.SuspicionWitnesses) witnesses = witnesses[.._config.SuspicionWitnesses];
        if (!n.Suspected)
        {
            n.Suspected = true;
            Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.Suspected, Address, n.Address, A: witnesses.Length));
            Log($"suspect {n.Address}: no answer to {n.Misses} liveness checks in a row; asking {witnesses.Length} of its other neighbours to probe it");
        }
        if (witnesses.Length == 0)
        {
            // Nobody else to ask (it had no other neighbour we know of): the seeds' own probes still guard the removal.
            ReportDead(ref n, 0, 0);
            return;
        }
        long qid = _nextQueryId++;
        (_queries ??= new Dictionary<long, SuspicionQuery>())[qid] = new SuspicionQuery(n.Address, witnesses.Length);
        n.QueryPending = true;
        foreach (var w in witnesses) Ctx.Send(w, new SuspectQuery(n.Address, qid));
        Ctx.SetTimer(_config.SuspicionQueryTimeout, new TimerTag(TimerKind.SuspicionQueryTimeout, qid));
    }

    private void OnSuspectQuery(NodeAddress asker, SuspectQuery m)
    {
        long nonce = (long)(Ctx.Random.NextUInt64() >> 1) | 1;
        (_witnessProbes ??= new Dictionary<long, WitnessProbe>())[nonce] = new WitnessProbe(asker, m.QueryId, m.Suspect);
        Ctx.Send(m.Suspect, new Ping(nonce));
        for (int k = 1; k < _config.WitnessProbeAttempts; k++)
            Ctx.SetTimer(_config.WitnessProbeTimeout * k / _config.WitnessProbeAttempts, new TimerTag(TimerKind.ProbeResend, nonce));
        Ctx.SetTimer(_config.WitnessProbeTimeout, new TimerTag(TimerKind.ProbeTimeout, nonce));
    }

    private void OnWitnessProbeResend(long nonce)
    {
        WitnessProbe probe = default;
        if (_witnessProbes?.TryGetValue(nonce, out probe) == true) Ctx.Send(probe.Suspect, new Ping(nonce));
    }

    private void OnWitnessProbeTimeout(long nonce)
    {
        WitnessProbe probe = default;
        if (_witnessProbes?.Remove(nonce, out probe) == true)
            Ctx.Send(probe.Asker, new SuspectReply(probe.Suspect, probe.QueryId, false));
    }

    private void OnSuspectReply(NodeAddress witness, SuspectReply m)
    {
        SuspicionQuery? q = null;
        if (_queries?.TryGetValue(m.QueryId, out q) != true || q!.Suspect != m.Suspect) return;
        if (q.Unreachable.Contains(witness) || q.Reachable.Contains(witness)) return;
        (m.Reachable ? q.Reachable : q.Unreachable).Add(witness);
        int majority = Quorum.Of(q.Asked);
        if (q.Unreachable.Count >= majority || q.Reachable.Count > q.Asked - majority) Conclude(m.QueryId, q);
    }

    private void OnSuspicionQueryTimeout(long qid)
    {
        SuspicionQuery? q = null;
        if (_queries?.TryGetValue(qid, out q) == true) Conclude(qid, q!);
    }

    private void Conclude(long qid, SuspicionQuery q)
    {
        _queries!.Remove(qid);
        int at = _neighbours.IndexOf(q.Suspect);
        if (at < 0) return; // removed meanwhile
        ref var n = ref _neighbours.At(at);
        n.QueryPending = false;
        // A majority of those asked agree; or, once the time is up, more of those who answered
        // say unreachable than reachable. A witness that never answers (it left, crashed, or is
        // cut off too) cannot vouch for the suspect. The seeds' own probes still guard the removal.
        if (q.Unreachable.Count >= Quorum.Of(q.Asked) || q.Reachable.Count == 0 || q.Unreachable.Count > q.Reachable.Count)
        {
            ReportDead(ref n, q.Unreachable.Count, q.Asked);
            return;
        }
        Log($"suspicion of {q.Suspect} not confirmed: {q.Unreachable.Count} of {q.Asked} asked could not reach it, {q.Reachable.Count} could");
    }

    private void ReportDead(ref Neighbour n, int agreeing, int asked)
    {
        n.Reported = true;
        n.ReportedAtMisses = n.Misses;
        long timestamp = (long)Ctx.Now.TotalSeconds;
        var report = new DeadNodeReport(n.Address, timestamp, Address);
        string line = report.Line;
        Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.DeadReported, Address, n.Address, A: agreeing, B: asked, Detail: line));
        Log(line);
        foreach (var s in AcceptedSeeds()) Ctx.Send(s, report);
    }

    private void OnReportRejected(NodeAddress seed, Messages.ReportRejected m)
    {
        Log($"seed {seed} rejected my report about {m.Dead}: {m.Reason}");
        int at = _neighbours.IndexOf(m.Dead);
        if (at >= 0) _neighbours.At(at).Reported = false;
    }

    private NodeAddress[]? _sample;      // the sample handed to every pinger this round
    private int _sampleVersion;          // the neighbour table's version it was drawn from
    private long _sampleUntilTicks;

    /// <summary>
    /// A few of my neighbours, at random, for whoever pings me: all of them when they are few;
    /// otherwise one sample drawn per ping interval (or when my neighbours change) and shared
    /// by every pinger, so a hub answering a thousand pings draws and stores one sample, not
    /// a thousand. The pinger may be in it; it never asks itself to be a witness.
    /// </summary>
    private NodeAddress[] NeighbourSample()
    {
        int k = _config.NeighbourSampleSize;
        if (_neighbours.Count <= k) return _neighbours.Addresses();
        var all = _neighbours.AddressSpan;
        long now = Ctx.Now.Ticks;
        if (_sample != null && _sampleVersion == _neighbours.Version && now < _sampleUntilTicks) return _sample;
        // Allocated straight into the old generation (the pinned heap is collected with it): every
        // pinger stores this array in its own long-lived neighbour table, and a young array stored
        // there would mark a card in each of those tables, which every young collection then
        // scans. (sim-1m: young collections of the settled overlay took 250-500 ms, nearly all card scanning.)
        var sample = GC.AllocateArray<NodeAddress>(k, pinned: true);
        // Partial Fisher-Yates over a copy of the indices would allocate; rejection is cheap for k << n.
        int filled = 0;
        while (filled < k)
        {
            var pick = all[Ctx.Random.NextInt(all.Length)];
            if (Array.IndexOf(sample, pick, 0, filled) >= 0) continue;
            sample[filled++] = pick;
        }
        _sample = sample;
        _sampleVersion = _neighbours.Version;
        _sampleUntilTicks = now + _config.PingInterval.Ticks;
        return sample;
    }
}
