using GossipSim.Engine.Collections;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>
/// R11/R12, what every peer does for liveness whatever its failure detector, and what it lends the detector. When a neighbour is
/// suspected and what is asked of others first is the detector's (<see cref="FailureDetectorRole"/>: the classic one, SWIM, or a
/// registered one), handed its timers, the pongs to its pings, the verified answers of the witnesses it asked, a seed's rejection
/// of its report, links made and lost, through a <see cref="DetectorContext"/> this part serves: pings with nonces kept in the
/// neighbour's entry, rounds of witnesses asked with a challenge the suspect must sign, a neighbour's health
/// (<see cref="NeighbourHealthRules"/>), the suspected and cleared events, and the dead-node report to the seeds. The services
/// every peer gives: the pong to any ping (with a sample of its neighbours, and the signed ack of a witness's challenge), the
/// witness side (probing its own neighbour for another peer), a neighbour's goodbye passed on, a stale link closed.
/// </summary>
internal partial struct LivenessMonitor
{
    // Keeps no reference to its peer: a call that needs the peer or a sibling part is handed it
    // (see PeerNode).
    public LivenessMonitor(PeerConfig config) => _detector = FailureDetectorMenu.Create(config);

    /// <summary>One round of asking a suspect's witnesses: whom, and what each answered (0: not yet, or not verified).</summary>
    private sealed class Round(NodeAddress suspect, NodeAddress[] asked, long challenge)
    {
        public readonly NodeAddress Suspect = suspect;
        public readonly NodeAddress[] Asked = asked;
        public readonly long Challenge = challenge; // the suspect signs it for a "reached it" to count
        public readonly byte[] Answers = new byte[asked.Length]; // Unreachable or Reachable, by the asked one's position
        public int Unreachable, Reachable;

        public WitnessRound View(long ask) => new(ask, Suspect, Asked.Length, Unreachable, Reachable);
    }

    private const byte Unreachable = 1, Reachable = 2;

    /// <summary>
    /// Both sides of asking witnesses, made at a peer's first round or first query (most peers never see either): the rounds
    /// this peer asked for, open, and the probes it runs as a witness for others. In one object: two references held in place
    /// would be memory in every peer (docs/performance.md, section 4). The round numbers go on rising for the peer's life: an
    /// answer to an ended round never counts in a later one.
    /// </summary>
    private sealed class Witnessing
    {
        public Dictionary<long, Round>? Open;
        public long NextId = 1;
        public Prober<WitnessAsk>? Prober;
    }

    /// <summary>Whom a witness probe answers: the asker, about its query.</summary>
    private readonly record struct WitnessAsk(NodeAddress Asker, long QueryId, NodeAddress Suspect);

    // The classic detector and SWIM are one object shared by every peer; a registered detector's may be one a peer.
    private readonly FailureDetectorRole _detector;
    // The detector's own object for this peer (DetectorContext.State): made at its first need, if ever.
    private object? _detectorState;
    private Witnessing? _witnessing;
    private int _roleTimers; // set by the detector and not yet fired or cancelled (DetectorContext.MaxTimers)

    /// <summary>The peer's failure detector role.</summary>
    internal readonly FailureDetectorRole Detector => _detector;

    internal object? DetectorState
    {
        readonly get => _detectorState;
        set => _detectorState = value;
    }

    // ---- the detector's events ----

    /// <summary>The peer's first link: the detector starts its rounds.</summary>
    public readonly void OnFirstLink(PeerNode peer)
    {
        try { _detector.OnStart(new DetectorContext(peer)); }
        catch (Exception e) { throw Failed(peer, "its start", e); }
    }

    /// <summary>A link was made or lost: the detector is told.</summary>
    public readonly void OnLink(PeerNode peer, NodeAddress neighbour, bool up)
    {
        try
        {
            if (up) _detector.OnLinkUp(new DetectorContext(peer), neighbour);
            else _detector.OnLinkDown(new DetectorContext(peer), neighbour);
        }
        catch (Exception e) { throw Failed(peer, $"link {(up ? "up" : "down")} with {neighbour}", e); }
    }

    /// <summary>A timer the detector set.</summary>
    public void OnDetectorTimer(PeerNode peer, long arg)
    {
        _roleTimers--;
        try { _detector.OnTimer(new DetectorContext(peer), arg); }
        catch (Exception e) { throw Failed(peer, $"its timer {arg}", e); }
    }

    /// <summary>A send to a neighbour failed (<see cref="PeerNode.OnSendFailed"/>): the detector is told.</summary>
    public readonly void OnSendFailed(PeerNode peer, NodeAddress neighbour)
    {
        try { _detector.OnSendFailed(new DetectorContext(peer), neighbour); }
        catch (Exception e) { throw Failed(peer, $"a failed send to {neighbour}", e); }
    }

    public readonly void OnStop(PeerNode peer)
    {
        try { _detector.OnStop(new DetectorContext(peer)); }
        catch (Exception e) { throw Failed(peer, "its stop", e); }
    }

    private static RoleFailedException Failed(PeerNode peer, string during, Exception e) =>
        e as RoleFailedException ?? new RoleFailedException($"failure detector \"{peer.DetectorName}\"", peer.Self.Address,
            peer.Self.Ctx.Now, during, e);

    // ---- messages ----

    public void OnPing(PeerNode peer, NodeAddress from, Ping m)
    {
        // A witness's probe carries its asker's challenge: the signed ack is what makes the witness's "reachable" count there.
        var ack = m.Challenge != 0 ? peer.Self.Identity.SignAck(peer.Self.Address, m.Challenge) : null;
        peer.Self.Ctx.Send(from, new Pong(m.Nonce, peer.Self.Life, NeighbourSample(peer), ack));
        try { _detector.OnPinged(new DetectorContext(peer), from); }
        catch (Exception e) { throw Failed(peer, $"a ping from {from}", e); }
        // A peer pinging us as its neighbour although we dropped the link (we were told it was
        // dead, or it was cut off from us): tell it, so it drops its half and re-attaches.
        // Seeds and witnesses probe non-neighbours on purpose; a link being set up is not stale.
        if (!peer.Neighbourhood.Contains(from) && !peer.Self.IsSeed(peer.Self.SeedNameOf(from)) && !peer.Linker.IsPendingLink(from))
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
                peer.Linker.LinkDown(peer, from, LinkEnd.Restarted, own);
                return;
            }
            bool wasSuspected = NeighbourHealthRules.IsSuspected(n.Health);
            Change(ref n, HealthEvent.Answered);
            n.OutstandingPing = 0;
            // Kept to the sample size: a pong carrying thousands of addresses costs its sender, not us.
            n.Sample = m.NeighbourSample.Count <= peer.Self.Config.NeighbourSampleSize
                ? m.NeighbourSample
                : AddressSnapshot.Of(m.NeighbourSample.AsSpan()[..peer.Self.Config.NeighbourSampleSize]);
            var now = peer.Self.Ctx.Now;
            try { _detector.OnAnswered(new DetectorContext(peer), from, now); }
            catch (Exception e) { throw Failed(peer, $"a pong from {from}", e); }
            if (wasSuspected)
            {
                peer.Self.Ctx.Trace(new TraceEvent(now, TraceKind.SuspicionCleared, peer.Self.Address, from, Detail: "answered again"));
                peer.Self.Log($"suspicion of {from} cleared: it answered again");
            }
            return;
        }
        if (_witnessing?.Prober is { } prober && prober.TryAnswered(from, m.Nonce, out var ask))
            peer.Self.Ctx.Send(ask.Asker, new SuspectReply(ask.Suspect, ask.QueryId, true, m.Ack));
    }

    /// <summary>
    /// A witness's answer to a round the detector asked for: taken once from each asked witness, and a "reachable" only with the
    /// suspect's signed ack of this round's challenge, which the suspect makes only when a probe reaches it after the round
    /// began: a witness that did not hear from it cannot say it did, so one liar cannot hold a dead peer's removal (it counts as
    /// a silent witness, neither way, and may still answer). Only then does the detector hear it.
    /// </summary>
    public void OnSuspectReply(PeerNode peer, NodeAddress witness, SuspectReply m)
    {
        Round? round = null;
        if (_witnessing?.Open?.TryGetValue(m.QueryId, out round) != true || round!.Suspect != m.Suspect) return;
        int position = Array.IndexOf(round.Asked, witness);
        if (position < 0 || round.Answers[position] != 0) return;
        if (m.Reachable && !ReachedIt(peer, witness, m, round.Challenge)) return;
        round.Answers[position] = m.Reachable ? Reachable : Unreachable;
        if (m.Reachable) round.Reachable++;
        else round.Unreachable++;
        var view = round.View(m.QueryId);
        if (view.Silent == 0) _witnessing!.Open!.Remove(m.QueryId);
        try { _detector.OnWitnessAnswer(new DetectorContext(peer), new WitnessAnswer(witness, m.Reachable, view)); }
        catch (Exception e) { throw Failed(peer, $"{witness}'s answer about {m.Suspect}", e); }
    }

    private static bool ReachedIt(PeerNode peer, NodeAddress witness, SuspectReply m, long challenge)
    {
        if (m.Ack is { } ack && peer.Self.Identity.VerifyAck(m.Suspect, challenge, ack)) return true;
        peer.Self.RejectInput($"ignored {witness}'s answer that {m.Suspect} is reachable: "
            + (m.Ack == null ? "it carries no ack from the suspect" : "the suspect's ack does not verify"));
        return false;
    }

    public void OnReportRejected(PeerNode peer, NodeAddress seed, Messages.ReportRejected m)
    {
        peer.Self.Log($"seed {seed} rejected my report about {m.Dead}: {m.Reason}");
        int at = peer.Neighbourhood.Table.IndexOf(m.Dead);
        if (at >= 0) Change(ref peer.Neighbourhood.Table.At(at), HealthEvent.ReportRejected);
        try { _detector.OnReportRejected(new DetectorContext(peer), m.Dead); }
        catch (Exception e) { throw Failed(peer, $"seed {seed}'s rejection of its report about {m.Dead}", e); }
    }

    // ---- the witness side: every peer's, whatever its detector ----

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
        var prober = (_witnessing ??= new Witnessing()).Prober ??= new Prober<WitnessAsk>(TimerKind.WitnessProbe, peer.Self.Config.WitnessProbeAttempts,
            peer.Self.Config.WitnessProbeTimeout);
        if (prober.Open >= peer.Self.Config.MaxNeighbours) return;
        prober.Start(peer.Self.Ctx, m.Suspect, new WitnessAsk(asker, m.QueryId, m.Suspect), m.Challenge);
    }

    public void OnWitnessProbeStep(PeerNode peer, long nonce)
    {
        if (_witnessing?.Prober is { } prober && prober.TryTimedOut(peer.Self.Ctx, nonce, out var ask))
            peer.Self.Ctx.Send(ask.Asker, new SuspectReply(ask.Suspect, ask.QueryId, false));
    }

    /// <summary>A neighbour said goodbye (<see cref="PeerNode"/>'s OnNeighbourGoodbye): the seeds hear it as a dead-node report,
    /// which they verify by their own probes like any other. Traced as a report with no witnesses asked.</summary>
    public readonly void ReportLeft(PeerNode peer, NodeAddress left)
    {
        ReportUnwatched(peer, left, "it said goodbye");
        // Nobody will report a leaver again: sent again while no seed answers. (A neighbour dropped at a failed send only when its
        // report reached no seed, ReportUnreachable: that one may be alive across a partition, and HyParView's own repair follows
        // the seeds' answer; retried whenever unanswered, those reports of live peers made the overlay churn after every heal.)
        peer.Self.TakeReportRetries().Sent(peer, left);
    }

    /// <summary>A neighbour the overlay dropped, to which a send failed (<see cref="PeerNode.OnSendFailed"/>: the send that made
    /// HyParView drop it, or the close of a link dropped to make room): with the link gone no detector watches it, so the seeds hear
    /// of it now, as a dead-node report they verify by their own probes like any other. Traced as a report with no witnesses asked.</summary>
    public readonly void ReportUnreachable(PeerNode peer, NodeAddress gone)
    {
        ReportUnwatched(peer, gone, "a send to it failed");
        peer.Self.TakeReportRetries().SentUnreachable(gone, peer.Joiner.AcceptedSeeds(peer));
    }

    /// <summary>A dead-node report about a neighbour no detector watches (<paramref name="why"/> says how it was found), traced with
    /// no witnesses asked; also what <see cref="ReportRetries"/> sends again.</summary>
    internal static void ReportUnwatched(PeerNode peer, NodeAddress dead, string why)
    {
        var report = new DeadNodeReport(dead, (long)peer.Self.Ctx.Now.TotalSeconds, peer.Self.Address);
        string line = report.Line;
        peer.Self.Ctx.Trace(new TraceEvent(peer.Self.Ctx.Now, TraceKind.DeadReported, peer.Self.Address, dead, A: 0, B: 0,
            Detail: $"{line} ({why})"));
        peer.Self.Log($"{line} (neighbour {dead}: {why})");
        foreach (var s in peer.Joiner.AcceptedSeeds(peer)) peer.Self.SendToSeed(s, report);
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
