using GossipSim.Engine.Config;
using GossipSim.Engine.Core;

namespace GossipSim.Engine.Swim;

/// <summary>
/// What a peer running SWIM keeps: the round of neighbours it probes one a period, the probe out in this period, its suspects
/// with their Lifeguard timers, and the rounds of indirect probes it asked for. It knows no role: the peer's liveness part
/// (<c>Peer/LivenessMonitor</c>) sends the pings and the requests, and reports a suspect whose time is up. Made only for a peer
/// that runs SWIM. The decisions are <see cref="SwimRules"/>.
/// </summary>
internal sealed class SwimDetector
{
    private NodeAddress[] _round = [];
    private int _position;
    private long _probe;                  // the number of the probe out in this period (its timeout timer's argument)
    private bool _answered;
    private Dictionary<NodeAddress, Suspicion>? _suspects;
    private Dictionary<long, AskedOthers>? _asked;
    private long _nextTicket;

    /// <summary>A suspect: when its suspicion began, who confirmed it (could not reach it either), its timer.</summary>
    private sealed class Suspicion(long ticket, TimeSpan since)
    {
        public readonly long Ticket = ticket;
        public readonly TimeSpan Since = since;
        public readonly List<NodeAddress> Confirmed = new(2);
        public TimerId Timer;
    }

    /// <summary>One round of asking others to probe a target (SWIM's ping-req): whom, and who answered.</summary>
    private sealed class AskedOthers(NodeAddress target, NodeAddress[] asked, TimeSpan at, long challenge)
    {
        public readonly NodeAddress Target = target;
        public readonly long Challenge = challenge; // the target signs it for a "reached it" to count
        public readonly NodeAddress[] Asked = asked;
        public readonly TimeSpan At = at;
        public int Answers;
    }

    /// <summary>The neighbour probed in this period; meaningful while <see cref="Probing"/>.</summary>
    public NodeAddress Target { get; private set; }
    public bool Probing { get; private set; }
    public long ProbesSent { get; private set; }
    public long IndirectProbesAsked { get; private set; }
    /// <summary>Suspects that answered again (or were reached by another peer) before their time was up.</summary>
    public long SuspicionsCleared { get; private set; }
    public long Suspicions { get; private set; }
    /// <summary>Pings this peer answered (its received load: a hub is probed by each of its neighbours once a round of theirs).</summary>
    public long PingsAnswered { get; private set; }
    public void CountAnswer() => PingsAnswered++;
    /// <summary>Periods this peer ran: its probes and indirect asks over these are its load (one probe a period).</summary>
    public long Periods { get; private set; }

    /// <summary>
    /// The next neighbour to probe in the shuffled round (SWIM section 4.3), or null with no neighbour; a round over, the
    /// neighbours now linked (<paramref name="neighbours"/>) are shuffled into the next. One no longer linked is skipped.
    /// </summary>
    public NodeAddress? NextTarget(ReadOnlySpan<NodeAddress> neighbours, Rng random)
    {
        int next = SwimRules.NextInRound(_round, _position, neighbours);
        if (next < 0)
        {
            if (neighbours.IsEmpty) return null;
            if (_round.Length != neighbours.Length) _round = new NodeAddress[neighbours.Length];
            neighbours.CopyTo(_round);
            random.Shuffle(_round.AsSpan());
            next = 0;
        }
        _position = next + 1;
        return _round[next];
    }

    /// <summary>A probe of <paramref name="target"/> goes out: the number its timeout will carry.</summary>
    public long StartProbe(NodeAddress target)
    {
        Target = target;
        Probing = true;
        _answered = false;
        ProbesSent++;
        return ++_probe;
    }

    /// <summary>The period is over: was its probe answered? The next period starts with none out.</summary>
    public (bool Probing, bool Answered, NodeAddress Target) EndPeriod()
    {
        var ended = (Probing, _answered, Target);
        Probing = false;
        Periods++;
        return ended;
    }

    /// <summary>Whether the timeout of probe <paramref name="probe"/> is the current probe's, and it is unanswered.</summary>
    public (bool Current, bool Answered) ProbeState(long probe) => (Probing && probe == _probe, _answered);

    /// <summary><paramref name="from"/> answered (a pong with the nonce it was sent, or through another peer).</summary>
    public void Answered(NodeAddress from)
    {
        if (Probing && from == Target) _answered = true;
    }

    public bool IsSuspected(NodeAddress a) => _suspects?.ContainsKey(a) == true;

    /// <summary>The addresses of the suspects, for re-probing them each period (a suspect that still lives answers: SWIM's
    /// refutation, here by its pong).</summary>
    public NodeAddress[] Suspects() => _suspects == null ? [] : [.. _suspects.Keys];

    /// <summary>Asking others to probe <paramref name="target"/> under query number <paramref name="queryId"/>, which their answers
    /// carry, with the <paramref name="challenge"/> the target must sign.</summary>
    public void AskOthers(NodeAddress target, NodeAddress[] asked, TimeSpan now, long queryId, long challenge)
    {
        (_asked ??= new())[queryId] = new AskedOthers(target, asked, now, challenge);
        IndirectProbesAsked += asked.Length;
    }

    /// <summary>
    /// An answer to an indirect probe: false when it is not one this peer asked <paramref name="witness"/> for (or it answered
    /// already). A round is dropped once all answered.
    /// </summary>
    public bool TakeAnswer(long queryId, NodeAddress witness, NodeAddress target, out long challenge)
    {
        challenge = 0;
        if (_asked == null || !_asked.TryGetValue(queryId, out var round) || round.Target != target || !round.Asked.Contains(witness))
            return false;
        challenge = round.Challenge;
        if (++round.Answers >= round.Asked.Length) _asked.Remove(queryId);
        return true;
    }

    /// <summary>Rounds whose answers did not all come within the longest suspicion are let go (an asked peer crashed).</summary>
    public void DropOldRounds(TimeSpan now, TimeSpan age)
    {
        if (_asked == null) return;
        foreach (var (id, round) in _asked)
            if (now - round.At > age) _asked.Remove(id);
        if (_asked.Count == 0) _asked = null;
    }

    /// <summary>
    /// <paramref name="suspect"/> becomes a suspect now, its timer set by <see cref="SwimRules.SuspicionTimeout"/> with no
    /// confirmation yet.
    /// </summary>
    public void Suspect(NodeContext ctx, PeerConfig config, NodeAddress suspect)
    {
        var s = new Suspicion(++_nextTicket, ctx.Now);
        (_suspects ??= new())[suspect] = s;
        Suspicions++;
        s.Timer = ctx.SetTimer(Wait(config, s), new TimerTag(TimerKind.SwimSuspicion, s.Ticket));
    }

    /// <summary>
    /// Another peer could not reach <paramref name="suspect"/> either: Lifeguard's timeout falls, and the timer is set again for
    /// what is left of it (at once when nothing is). False when it is not a suspect or the confirmer was counted already.
    /// </summary>
    public bool Confirm(NodeContext ctx, PeerConfig config, NodeAddress suspect, NodeAddress by)
    {
        if (_suspects == null || !_suspects.TryGetValue(suspect, out var s) || s.Confirmed.Contains(by)) return false;
        s.Confirmed.Add(by);
        ctx.CancelTimer(s.Timer);
        var left = s.Since + Wait(config, s) - ctx.Now;
        s.Timer = ctx.SetTimer(left > TimeSpan.Zero ? left : TimeSpan.Zero, new TimerTag(TimerKind.SwimSuspicion, s.Ticket));
        return true;
    }

    private static TimeSpan Wait(PeerConfig config, Suspicion s) =>
        SwimRules.SuspicionTimeout(config.SwimSuspicionMin, config.SwimSuspicionMax, s.Confirmed.Count, config.SwimIndirectProbes);

    /// <summary>The suspect answered or its link ended: its suspicion ends (true when it was one).</summary>
    public bool Clear(NodeContext ctx, NodeAddress a, bool answered)
    {
        if (_suspects == null || !_suspects.Remove(a, out var s)) return false;
        ctx.CancelTimer(s.Timer);
        if (answered) SuspicionsCleared++;
        if (_suspects.Count == 0) _suspects = null;
        return true;
    }

    /// <summary>The suspect whose timer <paramref name="ticket"/> fired, with its confirmations; its suspicion ends here (the
    /// caller reports it).</summary>
    public (NodeAddress Suspect, int Confirmations)? TimeUp(long ticket)
    {
        if (_suspects == null) return null;
        foreach (var (a, s) in _suspects)
            if (s.Ticket == ticket)
            {
                _suspects.Remove(a);
                if (_suspects.Count == 0) _suspects = null;
                return (a, s.Confirmed.Count);
            }
        return null;
    }
}
