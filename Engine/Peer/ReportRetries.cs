using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Peer;

/// <summary>
/// Dead-node reports about a neighbour no link watches any more (it said goodbye, or a send to it failed and the overlay dropped
/// it: <see cref="LivenessMonitor"/>'s unwatched reports), sent again while no seed has answered. A watched neighbour's detector
/// reports again by itself; an unwatched one has nobody else, so a report lost on its way (a partition between this peer and the
/// seeds, loss) would leave the peer listed until the seeds' sweep of silent members (swarm seed 12, run 390: a leaver's goodbye
/// and all six of its neighbours' reports lost behind a partition). Each is sent again after 2, then 4, then 8 ping intervals
/// unless a seed's removal notice or refusal about that peer came first; at most <see cref="MaxHeld"/> at once (a new one lets the
/// oldest go), so a peer that loses many neighbours at once costs a bounded table and at most three more reports each.
/// </summary>
internal sealed class ReportRetries
{
    public const int MaxHeld = 16;
    public const int Resends = 3;

    private readonly List<(NodeAddress Dead, int Resent, TimeSpan Due, bool Check)> _held = new();
    // Pings of a neighbour dropped at a failed send before its report goes again: one that answers lives (this peer was the one cut
    // off: after a partition heals its reports of the far side would make the seeds probe live peers and the overlay repair links
    // that need none, swarm seed 2026, run 1312). Made on first need.
    private Prober<NodeAddress>? _check;
    // Reports about a neighbour dropped at a failed send, and the seeds each went to whose sends have not failed (yet): one whose
    // every send failed reached no seed, so it is held for retries as a leaver's is (at most MaxHeld, the oldest let go).
    private readonly List<(NodeAddress Dead, List<NodeAddress> Seeds)> _unsent = new();

    /// <summary>
    /// A report about a neighbour dropped at a failed send went to <paramref name="seeds"/>: not retried while any may have taken
    /// it (that neighbour may live across a partition, and retried reports of live peers made the overlay churn after every heal),
    /// but held for retries once every send of it failed (the seeds crashed or cut off: swarm seed 1, run 999, where a 2-seed set
    /// had one seed down and the other cut off when a hub crashed, and the sweep removed it past the bound).
    /// </summary>
    public void SentUnreachable(NodeAddress dead, IEnumerable<NodeAddress> seeds)
    {
        ForgetUnsent(dead);
        if (_unsent.Count >= MaxHeld) _unsent.RemoveAt(0);
        var to = seeds.ToList();
        if (to.Count > 0) _unsent.Add((dead, to));
    }

    /// <summary>A send to <paramref name="to"/> failed: each report to it that now reached no seed is held for retries.</summary>
    public void SendFailed(PeerNode peer, NodeAddress to)
    {
        for (int i = _unsent.Count - 1; i >= 0; i--)
        {
            var (dead, seeds) = _unsent[i];
            if (!seeds.Remove(to) || seeds.Count > 0) continue;
            _unsent.RemoveAt(i);
            if (IndexOf(dead) < 0) Hold(peer, dead, check: true);
        }
    }

    /// <summary>A report about <paramref name="dead"/> went to the seeds: it is sent again if none answers.</summary>
    public void Sent(PeerNode peer, NodeAddress dead) => Hold(peer, dead, check: false);

    /// <summary>Holds a report for retries; <paramref name="check"/>: each goes only after a ping of <paramref name="dead"/> found it
    /// silent.</summary>
    private void Hold(PeerNode peer, NodeAddress dead, bool check) => Keep(dead, Arm(peer, dead, 0), check);

    /// <summary>Holds a report whose first retry is due at <paramref name="due"/>; one about the same peer is replaced (its retries
    /// start over), and past <see cref="MaxHeld"/> the oldest is let go.</summary>
    private void Keep(NodeAddress dead, TimeSpan due, bool check)
    {
        int at = IndexOf(dead);
        if (at >= 0) _held.RemoveAt(at);
        else if (_held.Count >= MaxHeld) _held.RemoveAt(0);
        _held.Add((dead, 0, due, check));
    }

    /// <summary>A seed answered about <paramref name="dead"/> (its removal notice, or a refusal with its reason): nothing to resend.</summary>
    public void Answered(NodeAddress dead)
    {
        int at = IndexOf(dead);
        if (at >= 0) _held.RemoveAt(at);
        ForgetUnsent(dead);
    }

    private void ForgetUnsent(NodeAddress dead)
    {
        for (int i = 0; i < _unsent.Count; i++)
            if (_unsent[i].Dead == dead) { _unsent.RemoveAt(i); return; }
    }

    /// <summary>A retry's time came: the report again, to the seeds that accepted this peer, unless answered or let go meanwhile.
    /// Several timers may name one peer (reported anew before an earlier one fired): only the one due now acts.</summary>
    public void OnTimer(PeerNode peer, long arg)
    {
        var dead = NodeAddress.FromKey((ulong)arg);
        int at = IndexOf(dead);
        if (at < 0) return;
        var (_, resent, due, check) = _held[at];
        if (peer.Self.Ctx.Now < due) return;
        if (!peer.IsRegistered)
        {
            _held[at] = (dead, resent, AwaitingRegistration, check); // kept: its retry is armed again at the registration (Registered)
            return;
        }
        if (check)
        {
            var config = peer.Self.Config;
            (_check ??= new Prober<NodeAddress>(TimerKind.ReportRetryCheck, config.WitnessProbeAttempts, config.WitnessProbeTimeout))
                .Start(peer.Self.Ctx, dead, dead);
            return;
        }
        Resend(peer, at);
    }

    // A retry that came due while this peer was not registered (the seeds had removed it: they take no report from it, and tell it
    // of its removal instead): armed again once it is. Dropped, as before, a crash seen only by neighbours removed behind a cut
    // stayed listed (swarm seed 2, run 2021). Only those: re-checking every report at each registration resent reports of the far
    // side after a heal and cost Plumtree deliveries (swarm seeds 12, 13 and 2026, runs 674, 1188 and 268).
    private static readonly TimeSpan AwaitingRegistration = TimeSpan.MaxValue;

    /// <summary>
    /// The seeds removed this peer while it lived, and it registers again (<see cref="Joiner.Rejoin"/>): a report about a neighbour
    /// dropped at a failed send that no seed answered was not taken (a removed member's report is answered with its own removal, not
    /// about the peer it named), and nobody else may have seen that crash. Each is held like a report that reached no seed: once
    /// registered, a ping of that neighbour first, and the report again only if it is silent (swarm seed 1, run 1699: peer 37,
    /// removed behind a partition, saw peer 42 crash at 28.03 s; the seeds turned its report away, its rejoin dropped it, and 42
    /// was still listed at 80 s).
    /// </summary>
    public void Rejoining()
    {
        foreach (var (dead, _) in _unsent)
            if (IndexOf(dead) < 0) Keep(dead, AwaitingRegistration, check: true);
        _unsent.Clear();
    }

    /// <summary>This peer registered (again): the retries that came due meanwhile are armed anew.</summary>
    public void Registered(PeerNode peer)
    {
        for (int i = 0; i < _held.Count; i++)
        {
            var (dead, resent, due, check) = _held[i];
            if (due == AwaitingRegistration) _held[i] = (dead, resent, Arm(peer, dead, resent), check);
        }
    }

    /// <summary>A pong: true when it answers this part's ping of a dropped neighbour, which lives, so its report is let go.</summary>
    public bool OnPong(PeerNode peer, NodeAddress from, long nonce)
    {
        if (_check == null || !_check.TryAnswered(from, nonce, out var dead)) return false;
        int at = IndexOf(dead);
        if (at >= 0) _held.RemoveAt(at);
        peer.Self.Log($"neighbour {dead}, dropped at a failed send, answers my ping: no report of it again");
        return true;
    }

    /// <summary>The ping's next step; at its end, silence: the report goes again.</summary>
    public void OnCheckStep(PeerNode peer, long nonce)
    {
        if (_check == null || !_check.TryTimedOut(peer.Self.Ctx, nonce, out var dead)) return;
        int at = IndexOf(dead);
        if (at < 0) return;
        if (peer.IsRegistered) Resend(peer, at);
        else _held[at] = _held[at] with { Due = AwaitingRegistration }; // armed again at the registration
    }

    private void Resend(PeerNode peer, int at)
    {
        var (dead, resent, _, check) = _held[at];
        LivenessMonitor.ReportUnwatched(peer, dead, "again: no seed answered");
        if (resent + 1 < Resends) _held[at] = (dead, resent + 1, Arm(peer, dead, resent + 1), check);
        else _held.RemoveAt(at);
    }

    /// <summary>The next retry of a report resent <paramref name="resent"/> times: 2, 4, 8 ping intervals after the one before.</summary>
    private static TimeSpan Arm(PeerNode peer, NodeAddress dead, int resent)
    {
        var wait = peer.Self.Config.PingInterval * (2 << resent);
        peer.Self.Ctx.SetTimer(wait, new TimerTag(TimerKind.ReportRetry, (long)dead.Key));
        return peer.Self.Ctx.Now + wait;
    }

    private int IndexOf(NodeAddress dead)
    {
        for (int i = 0; i < _held.Count; i++) if (_held[i].Dead == dead) return i;
        return -1;
    }
}
