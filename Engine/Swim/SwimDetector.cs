using GossipSim.Engine.Core;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Swim;

/// <summary>
/// What a peer running SWIM keeps: the round of neighbours it probes one a period, the probe out in this period, its suspects
/// with their Lifeguard timers, and the rounds of indirect probes it asked for. The detector (<see cref="SwimFailureDetector"/>)
/// keeps it in the peer's <see cref="DetectorContext.State"/>, made at the peer's first period, and pings, asks and reports
/// through the context. The decisions are <see cref="SwimRules"/>.
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

    /// <summary>A suspect: when its suspicion began, who confirmed it (could not reach it either), how many of its other
    /// neighbours this peer knows (who could confirm), the asked ones that stayed silent (who cannot), its timer.</summary>
    private sealed class Suspicion(long ticket, TimeSpan since, int othersKnown)
    {
        public readonly long Ticket = ticket;
        public readonly TimeSpan Since = since;
        public readonly int OthersKnown = othersKnown;
        public readonly List<NodeAddress> Confirmed = new(2);
        public readonly List<NodeAddress> Silent = new(0);
        public TimerId Timer;
    }

    /// <summary>One round of asking others to probe a target (SWIM's ping-req): whom, and whose answers the peer took (it keeps
    /// the round's challenge and verifies a "reached it" before this detector hears it).</summary>
    private sealed class AskedOthers(NodeAddress target, NodeAddress[] asked, TimeSpan at)
    {
        public readonly NodeAddress Target = target;
        public readonly NodeAddress[] Asked = asked;
        public readonly TimeSpan At = at;
        public readonly List<NodeAddress> Answered = new(asked.Length);
        public bool Lapsed;
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

    /// <summary>
    /// A neighbour linked during a round joins it at a uniformly drawn place among those not yet probed (SWIM section 4.3: a new
    /// member is inserted at a random position), so it is probed within this round: drawn into the next round only, a neighbour
    /// linked early in a long round waited up to two rounds, and an early crash went unsuspected for 30 s (issue 53).
    /// </summary>
    public void Linked(NodeAddress neighbour, Rng random)
    {
        if (_position >= _round.Length || Array.IndexOf(_round, neighbour, _position) >= 0) return; // no round under way, or in it
        int at = _position + random.NextInt(_round.Length - _position + 1);
        var round = new NodeAddress[_round.Length + 1];
        _round.AsSpan(0, at).CopyTo(round);
        round[at] = neighbour;
        _round.AsSpan(at).CopyTo(round.AsSpan(at + 1));
        _round = round;
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

    /// <summary>Asking others to probe <paramref name="target"/> in round <paramref name="queryId"/>
    /// (<see cref="DetectorContext.AskToProbe"/>).</summary>
    public void AskOthers(NodeAddress target, NodeAddress[] asked, TimeSpan now, long queryId)
    {
        (_asked ??= new())[queryId] = new AskedOthers(target, asked, now);
        IndirectProbesAsked += asked.Length;
    }

    /// <summary>
    /// An answer to an indirect probe, as the peer took it: false when it is not one this peer asked <paramref name="witness"/>
    /// for (or it answered already). A round is dropped once all answered.
    /// </summary>
    public bool TakeAnswer(long queryId, NodeAddress witness, NodeAddress target)
    {
        if (_asked == null || !_asked.TryGetValue(queryId, out var round) || round.Target != target || !round.Asked.Contains(witness))
            return false;
        if (round.Answered.Contains(witness)) return false;
        round.Answered.Add(witness);
        if (round.Answered.Count >= round.Asked.Length) _asked.Remove(queryId);
        return true;
    }

    /// <summary>
    /// A round's asked peers that have not answered within <paramref name="answerWindow"/> (an asked peer answers "could not
    /// reach it" within its own probe's timeout) are silent: crashed, cut off, or no longer linked to the target. They cannot
    /// confirm its suspicion, so Lifeguard's wait no longer expects them and the timer is set again (an answer that still comes
    /// counts). Rounds older than <paramref name="keep"/> are let go, with the peer's (an answer still to come is dropped).
    /// </summary>
    public void LapseRounds(DetectorContext peer, TimeSpan answerWindow, TimeSpan keep)
    {
        if (_asked == null) return;
        foreach (var (id, round) in _asked)
        {
            var age = peer.Now - round.At;
            if (age > keep)
            {
                _asked.Remove(id);
                peer.EndRound(id);
            }
            if (age <= answerWindow || round.Lapsed) continue;
            round.Lapsed = true;
            if (_suspects == null || !_suspects.TryGetValue(round.Target, out var s)) continue;
            bool fewer = false;
            foreach (var w in round.Asked)
                if (!round.Answered.Contains(w) && !s.Confirmed.Contains(w) && !s.Silent.Contains(w))
                {
                    s.Silent.Add(w);
                    fewer = true;
                }
            if (fewer) Retime(peer, s);
        }
        if (_asked.Count == 0) _asked = null;
    }

    /// <summary>
    /// <paramref name="suspect"/> becomes a suspect now, its timer set by <see cref="SwimRules.SuspicionTimeout"/> with no
    /// confirmation yet; <paramref name="othersKnown"/> of its other neighbours are known here, so at most that many can confirm.
    /// </summary>
    public void Suspect(DetectorContext peer, NodeAddress suspect, int othersKnown)
    {
        var s = new Suspicion(++_nextTicket, peer.Now, othersKnown);
        (_suspects ??= new())[suspect] = s;
        Suspicions++;
        s.Timer = peer.SetTimer(Wait(peer, s), SwimFailureDetector.SuspicionTimer(s.Ticket));
    }

    /// <summary>
    /// Another peer could not reach <paramref name="suspect"/> either: Lifeguard's timeout falls, and the timer is set again for
    /// what is left of it (at once when nothing is). False when it is not a suspect or the confirmer was counted already.
    /// </summary>
    public bool Confirm(DetectorContext peer, NodeAddress suspect, NodeAddress by)
    {
        if (_suspects == null || !_suspects.TryGetValue(suspect, out var s) || s.Confirmed.Contains(by)) return false;
        s.Confirmed.Add(by);
        s.Silent.Remove(by);
        Retime(peer, s);
        return true;
    }

    private static void Retime(DetectorContext peer, Suspicion s)
    {
        peer.CancelTimer(s.Timer);
        var left = s.Since + Wait(peer, s) - peer.Now;
        s.Timer = peer.SetTimer(left > TimeSpan.Zero ? left : TimeSpan.Zero, SwimFailureDetector.SuspicionTimer(s.Ticket));
    }

    private static TimeSpan Wait(DetectorContext peer, Suspicion s) =>
        SwimRules.SuspicionTimeout(peer.Config.SwimSuspicionMin, peer.Config.SwimSuspicionMax, s.Confirmed.Count,
            SwimRules.ExpectedConfirmations(peer.Config.SwimIndirectProbes, s.OthersKnown, s.Silent.Count));

    /// <summary>The suspect answered or its link ended: its suspicion ends (true when it was one).</summary>
    public bool Clear(DetectorContext peer, NodeAddress a, bool answered)
    {
        if (_suspects == null || !_suspects.Remove(a, out var s)) return false;
        peer.CancelTimer(s.Timer);
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
