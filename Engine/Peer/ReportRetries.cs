using GossipSim.Engine.Core;
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

    private readonly List<(NodeAddress Dead, int Resent, TimeSpan Due)> _held = new();

    /// <summary>A report about <paramref name="dead"/> went to the seeds: it is sent again if none answers.</summary>
    public void Sent(PeerNode peer, NodeAddress dead)
    {
        int at = IndexOf(dead);
        if (at >= 0) _held.RemoveAt(at); // reported anew: its retries start over
        else if (_held.Count >= MaxHeld) _held.RemoveAt(0);
        _held.Add((dead, 0, Arm(peer, dead, 0)));
    }

    /// <summary>A seed answered about <paramref name="dead"/> (its removal notice, or a refusal with its reason): nothing to resend.</summary>
    public void Answered(NodeAddress dead)
    {
        int at = IndexOf(dead);
        if (at >= 0) _held.RemoveAt(at);
    }

    /// <summary>A retry's time came: the report again, to the seeds that accepted this peer, unless answered or let go meanwhile.
    /// Several timers may name one peer (reported anew before an earlier one fired): only the one due now acts.</summary>
    public void OnTimer(PeerNode peer, long arg)
    {
        var dead = NodeAddress.FromKey((ulong)arg);
        int at = IndexOf(dead);
        if (at < 0) return;
        var (_, resent, due) = _held[at];
        if (peer.Self.Ctx.Now < due) return;
        if (!peer.IsRegistered)
        {
            _held.RemoveAt(at);
            return;
        }
        LivenessMonitor.ReportUnwatched(peer, dead, "again: no seed answered");
        if (resent + 1 < Resends) _held[at] = (dead, resent + 1, Arm(peer, dead, resent + 1));
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
