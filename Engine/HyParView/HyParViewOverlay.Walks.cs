using GossipSim.Engine.Bytes;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.HyParView;

/// <summary>HyParView's walks: FORWARDJOIN and SHUFFLE, taken only from a neighbour and within the sender's budget
/// (<see cref="WalkBudgets"/>), their steps and entries bounded whatever the wire said (docs/security.md, HyParView).</summary>
public sealed partial class HyParViewOverlay
{
    public override void OnMessage(OverlayContext peer, NodeAddress from, ProtocolMessage message)
    {
        switch (message)
        {
            case ForwardJoin m: OnForwardJoin(peer, from, m); break;
            case Shuffle m: OnShuffle(peer, from, m); break;
            case ShuffleReply m: OnShuffleReply(peer, from, m); break;
            default: base.OnMessage(peer, from, message); break;
        }
    }

    public override ProtocolMessage ReadMessage(ushort type, ref WireReader body) => WalkMessages.Read(type, ref body);

    /// <summary>A FORWARDJOIN from a neighbour: link to the newcomer where the walk ends, keep it passive at the passive walk's step,
    /// else pass it on to a random other link.</summary>
    private static void OnForwardJoin(OverlayContext peer, NodeAddress from, ForwardJoin m)
    {
        if (!FromANeighbour(peer, from, "a FORWARDJOIN") || !WalkWithinBudget(peer, from, "a FORWARDJOIN")) return;
        var me = peer.Self;
        if (m.Newcomer == me) return;
        var config = peer.Config;
        var view = View(peer);
        int ttl = HyParViewRules.ClampWalk(m.Ttl, config.HyParViewActiveWalk);
        var step = HyParViewRules.OnForwardJoin(ttl, peer.Neighbours.Length, config.HyParViewPassiveWalk);
        if (step != ForwardJoinStep.Link && RandomLinkExcept(peer, from, m.Newcomer) is { } next)
        {
            if (step == ForwardJoinStep.KeepAndForward && !peer.IsNeighbour(m.Newcomer))
                view.Add(peer, me, m.Newcomer, config.HyParViewPassiveSize);
            peer.Send(next, new ForwardJoin(m.Newcomer, ttl - 1));
            view.CountJoinForwarded();
            return;
        }
        if (peer.IsNeighbour(m.Newcomer) || peer.IsPending(m.Newcomer)) return;
        // A walk's end is a dial to an address another peer named: no more out at once than the active view holds; past that the
        // newcomer is only kept passive.
        if (peer.PendingLinks >= config.HyParViewActiveSize)
        {
            view.Add(peer, me, m.Newcomer, config.HyParViewPassiveSize);
            return;
        }
        Ask(peer, m.Newcomer, NeighbourAsk.ForwardJoin);
    }

    /// <summary>A JOIN, FORWARDJOIN or SHUFFLE from <paramref name="from"/> within its budget (<see cref="WalkBudgets"/>); one over
    /// it is dropped.</summary>
    private static bool WalkWithinBudget(OverlayContext peer, NodeAddress from, string what)
    {
        if (TakeWalk(peer, from)) return true;
        peer.Reject($"ignored {what} from {from}: over its budget of {peer.Config.HyParViewWalksPerSource} a shuffle interval");
        return false;
    }

    private static bool TakeWalk(OverlayContext peer, NodeAddress from) =>
        View(peer).TakeWalk(from, peer.Now, peer.Config.HyParViewWalksPerSource, peer.Config.HyParViewShuffleInterval);

    /// <summary>A walk is taken only from a neighbour: a stranger cannot make this peer link to or walk anyone.</summary>
    private static bool FromANeighbour(OverlayContext peer, NodeAddress from, string what)
    {
        if (peer.IsNeighbour(from)) return true;
        peer.Reject($"ignored {what} from {from}: not a neighbour");
        return false;
    }

    /// <summary>A SHUFFLE from a neighbour: walked on while steps are left, else answered to its origin with as many passive entries,
    /// and its entries kept (room made from those sent back first).</summary>
    private static void OnShuffle(OverlayContext peer, NodeAddress from, Shuffle m)
    {
        if (!FromANeighbour(peer, from, "a SHUFFLE") || !WalkWithinBudget(peer, from, "a SHUFFLE")) return;
        var me = peer.Self;
        var config = peer.Config;
        if (m.Origin == me) return;
        // The steps left and the entries as this protocol bounds them, whatever the wire said: every walk ends.
        int ttl = HyParViewRules.ClampWalk(m.Ttl, config.HyParViewActiveWalk) - 1;
        int read = HyParViewRules.ShuffleEntriesRead(m.Entries.Length, config.HyParViewShuffleActive, config.HyParViewShufflePassive);
        var entries = read == m.Entries.Length ? m.Entries : m.Entries[..read];
        if (!HyParViewRules.ShuffleEndsHere(ttl, peer.Neighbours.Length) && RandomLinkExcept(peer, from, m.Origin) is { } next)
        {
            peer.Send(next, new Shuffle(m.Origin, ttl, entries));
            return;
        }
        var view = View(peer);
        var answer = view.Sample(entries.Length, peer.Random, a => a == m.Origin);
        peer.AnswerOrigin(m.Origin, new ShuffleReply(answer));
        var links = peer;
        view.Integrate(peer, me, entries, a => links.IsNeighbour(a), config.HyParViewPassiveSize, answer);
    }

    /// <summary>The answer to this peer's SHUFFLE: its entries kept, room made from those this peer sent first.</summary>
    private static void OnShuffleReply(OverlayContext peer, NodeAddress from, ShuffleReply m)
    {
        if ((peer.State as PassiveView)?.TakeSentAway() is not { } sent)
        {
            peer.Reject($"ignored a SHUFFLE answer from {from}: none awaited");
            return;
        }
        // No more than it was sent: an answer cannot fill the passive view past what the SHUFFLE offered to trade.
        var entries = m.Entries.Length <= sent.Length ? m.Entries : m.Entries[..sent.Length];
        var links = peer;
        View(peer).Integrate(peer, peer.Self, entries, a => links.IsNeighbour(a), peer.Config.HyParViewPassiveSize, sent);
    }
}
