using GossipSim.Engine.Core;
using GossipSim.Engine.Gossip;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;

namespace GossipSim.Engine.Peer;

/// <summary>
/// Who may become and stay a neighbour, and what a neighbour may make this peer hold: a link
/// request is accepted up to <see cref="Config.PeerConfig.MaxNeighbours"/>, and the requester is
/// checked with a seed, which answers only when it is not a live member (the link is then
/// dropped); gossip is taken only from neighbours, within the protocol's bounds.
/// </summary>
public sealed partial class PeerNode
{
    private long _gossipRejected;
    private LogThrottle? _rejectedInputLog;

    /// <summary>Gossip this peer dropped as out of bounds or from a non-neighbour.</summary>
    public long GossipRejected => _gossipRejected;

    /// <summary>
    /// Accepts the link request of a stranger if there is room, and asks a seed that accepted
    /// this peer whether the stranger is a member; refuses it (with a reply) at the cap.
    /// </summary>
    private bool AdmitLink(NodeAddress from)
    {
        if (_neighbours.Count >= _config.MaxNeighbours)
        {
            RejectInput($"refused the link request of {from}: at the cap of {_config.MaxNeighbours} neighbours");
            Ctx.Send(from, new LinkReply(false, _life));
            return false;
        }
        if (_acceptedSeeds.Count > 0) Ctx.Send(_seeds[_acceptedSeeds[0]], new MemberQuery(from));
        return true;
    }

    private void OnNotAMember(NodeAddress seed, NotAMember m)
    {
        if (!_neighbours.Contains(m.Peer)) return;
        RemoveNeighbour(m.Peer, "not a member");
        Ctx.Send(m.Peer, new LinkClose());
        Log($"seed {seed} says neighbour {m.Peer} is not a registered member; dropped its link");
    }

    /// <summary>Whether to take a gossip message (<see cref="GossipAdmission"/>); a refusal is counted and logged, throttled.</summary>
    private bool AcceptsGossip(NodeAddress from, Messages.Gossip m, int neighbourAt, TimeSpan now)
    {
        var verdict = GossipAdmission.Decide(neighbourAt >= 0 || IsPendingLink(from), m.Id.Number, _config.MessagesPerPeer, m.CreatedAt, now, _config.MessageListTtl);
        if (verdict == GossipVerdict.Take) return true;
        if (verdict == GossipVerdict.TooOld) return false; // as R10 always did: quietly
        _gossipRejected++;
        string why = verdict switch
        {
            GossipVerdict.NotFromANeighbour => "not a neighbour",
            GossipVerdict.NumberOutOfRange => $"message number outside 1..{_config.MessagesPerPeer}",
            _ => "created in the future",
        };
        RejectInput($"dropped gossip {m.Id} from {from}: {why}");
        return false;
    }

    /// <summary>A line about input this peer refused: a burst per second, then a count.</summary>
    private void RejectInput(string line)
    {
        _rejectedInputLog ??= new LogThrottle(Log, burst: 20, "refused inputs", () => (long)Ctx.Now.TotalMilliseconds);
        _rejectedInputLog.Line(line);
    }
}
