using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>
/// What the failure detector's context (<see cref="DetectorContext"/>) asks of the liveness part, which PeerNode's
/// <see cref="IDetectorHost"/> passes on: pings with nonces kept in the neighbour's entry, rounds of witnesses asked with a
/// challenge, a neighbour's health moved by one row of <see cref="NeighbourHealthRules"/> each, the suspected and cleared events,
/// the dead-node report, and the detector's timers. Links are checked by the context before they come here.
/// </summary>
internal partial struct LivenessMonitor
{
    public readonly void Ping(PeerNode peer, int link)
    {
        ref var n = ref peer.Neighbourhood.Table.At(link);
        n.OutstandingPing = Prober.NewNonce(peer.Self.Ctx.Random);
        peer.Self.Ctx.Send(peer.Neighbourhood.Table.AddressSpan[link], new Ping(n.OutstandingPing));
    }

    public static NodeAddress[] DrawWitnesses(PeerNode peer, int link, int max)
    {
        var me = peer.Self.Address;
        var suspect = peer.Neighbourhood.Table.AddressSpan[link];
        var witnesses = peer.Neighbourhood.Table.At(link).Sample.Where(w => w != me && w != suspect).Distinct().ToArray();
        peer.Self.Ctx.Random.Shuffle(witnesses.AsSpan());
        return witnesses.Length > max ? witnesses[..max] : witnesses;
    }

    public long AskWitnesses(PeerNode peer, int link, ReadOnlySpan<NodeAddress> witnesses, bool forVerdict)
    {
        ref var n = ref peer.Neighbourhood.Table.At(link);
        var suspect = peer.Neighbourhood.Table.AddressSpan[link];
        var sample = n.Sample.AsSpan();
        if (witnesses.IsEmpty)
            throw new RoleBoundException($"asked nobody about {suspect}: with no witness to ask, decide without (the classic detector "
                + "reports it)");
        for (int i = 0; i < witnesses.Length; i++)
        {
            var w = witnesses[i];
            if (w == peer.Self.Address || w == suspect || sample.IndexOf(w) < 0)
                throw new RoleBoundException($"asked {w} to probe {suspect}, which its last pong did not name as one of its other "
                    + "neighbours: a detector asks only those");
            if (witnesses[..i].IndexOf(w) >= 0) throw new RoleBoundException($"asked {w} twice in one round about {suspect}");
        }
        var rounds = _witnessing ??= new Witnessing();
        var open = rounds.Open ??= new Dictionary<long, Round>();
        if (open.Count >= DetectorContext.MaxOpenRounds)
            throw new RoleBoundException($"kept more than {DetectorContext.MaxOpenRounds} rounds of witnesses open at once (end a "
                + "round once decided)");
        long ask = rounds.NextId++;
        long challenge = peer.Self.Identity.NewChallenge(ask);
        open[ask] = new Round(suspect, witnesses.ToArray(), challenge);
        if (forVerdict) Change(ref n, HealthEvent.WitnessesAsked);
        foreach (var w in witnesses) peer.Self.Ctx.Send(w, new SuspectQuery(suspect, ask, challenge));
        return ask;
    }

    public readonly bool TryGetRound(long ask, out WitnessRound round)
    {
        round = default;
        if (_witnessing?.Open is not { } open || !open.TryGetValue(ask, out var r)) return false;
        round = r.View(ask);
        return true;
    }

    public readonly void EndRound(long ask) => _witnessing?.Open?.Remove(ask);

    public static void Missed(PeerNode peer, int link, int inARow)
    {
        var address = peer.Neighbourhood.Table.AddressSpan[link];
        peer.Self.Ctx.Trace(new TraceEvent(peer.Self.Ctx.Now, TraceKind.PingMissed, peer.Self.Address, address, A: inARow));
        Change(ref peer.Neighbourhood.Table.At(link), HealthEvent.Missed);
    }

    public static void Suspect(PeerNode peer, int link, int witnesses)
    {
        var address = peer.Neighbourhood.Table.AddressSpan[link];
        Change(ref peer.Neighbourhood.Table.At(link), HealthEvent.MissedThreshold);
        peer.Self.Ctx.Trace(new TraceEvent(peer.Self.Ctx.Now, TraceKind.Suspected, peer.Self.Address, address, A: witnesses));
    }

    public static void SuspectAgain(PeerNode peer, int link) => Change(ref peer.Neighbourhood.Table.At(link), HealthEvent.ReportUnanswered);

    public static void NotConfirmed(PeerNode peer, int link) =>
        Change(ref peer.Neighbourhood.Table.At(link), HealthEvent.VerdictNotConfirmed);

    public static bool ClearSuspicion(PeerNode peer, int link, string why)
    {
        ref var n = ref peer.Neighbourhood.Table.At(link);
        bool wasSuspected = NeighbourHealthRules.IsSuspected(n.Health);
        Change(ref n, HealthEvent.Answered);
        if (wasSuspected)
            peer.Self.Ctx.Trace(new TraceEvent(peer.Self.Ctx.Now, TraceKind.SuspicionCleared, peer.Self.Address,
                peer.Neighbourhood.Table.AddressSpan[link], Detail: why));
        return wasSuspected;
    }

    /// <summary>The dead-node line (R11) to every seed that accepted this peer; the seeds' own probes decide (R12).</summary>
    public static void Report(PeerNode peer, int link, int agreeing, int asked)
    {
        ref var n = ref peer.Neighbourhood.Table.At(link);
        var dead = peer.Neighbourhood.Table.AddressSpan[link];
        if (n.Health is not (NeighbourHealth.Suspected or NeighbourHealth.QueryingWitnesses))
            throw new RoleBoundException($"reported {dead}, which it does not suspect ({n.Health}): a detector reports only a suspect");
        Change(ref n, HealthEvent.VerdictReport);
        var report = new DeadNodeReport(dead, (long)peer.Self.Ctx.Now.TotalSeconds, peer.Self.Address);
        string line = report.Line;
        peer.Self.Ctx.Trace(new TraceEvent(peer.Self.Ctx.Now, TraceKind.DeadReported, peer.Self.Address, dead, A: agreeing, B: asked, Detail: line));
        peer.Self.Log(line);
        foreach (var s in peer.Joiner.AcceptedSeeds(peer)) peer.Self.SendToSeed(s, report);
    }

    public TimerId SetDetectorTimer(PeerNode peer, TimeSpan after, long arg)
    {
        if (_roleTimers >= DetectorContext.MaxTimers)
            throw new RoleBoundException($"set more than {DetectorContext.MaxTimers} timers at once (none of them fired or cancelled)");
        _roleTimers++;
        return peer.Self.Ctx.SetTimer(after, new TimerTag(TimerKind.DetectorTimer, arg));
    }

    public void CancelDetectorTimer(PeerNode peer, TimerId id)
    {
        peer.Self.Ctx.CancelTimer(id);
        if (_roleTimers > 0) _roleTimers--;
    }

    private static void Change(ref NeighbourEntry n, HealthEvent e) => n.Health = NeighbourHealthRules.Next(n.Health, e);
}
