using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Bytes;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Protocols.Rumour;

/// <summary>
/// Rumour mongering, push, with feedback and a counter (Demers, Greene, Hauser, Irish, Larson, Shenker, Sturgis, Swinehart and
/// Terry, "Epidemic algorithms for replicated database maintenance", PODC 1987, section 1.4), a <see cref="BroadcastRole"/> written
/// only through the engine's public API. A rumour a peer creates or receives first is <i>hot</i>: every cycle
/// (<see cref="CycleField"/>) the peer pushes each hot rumour to one neighbour drawn uniformly from its own stream. A neighbour that
/// had it already answers <see cref="RumourFeedback"/>; each such unnecessary contact is counted, and after k of them
/// (<see cref="CounterField"/>) the peer loses interest: the rumour goes cold and is never pushed again. Unlike the flood, nothing
/// makes sure every peer gets every rumour: the paper's residue, the share that never hears it, is the price of its low traffic.
/// <para>
/// What it keeps is bounded: at most the Message List's capacity of hot rumours (a rumour past it is delivered here and not
/// pushed), each let go at the sweep after the Message List's time to live (a receiver would drop it as too old), and for each the
/// neighbours pushed to whose answer is owed (at most <see cref="MaxOwed"/>). One timer a peer, whatever the number of hot rumours:
/// the cycle pushes them all. Feedback counts only from a neighbour the rumour was pushed to and once a push: an insider's feedback
/// about a rumour never pushed to it is refused (counted as gossip rejected) and changes nothing.
/// </para>
/// </summary>
public class RumourMongering : BroadcastRole
{
    /// <summary>The cycle's setting: a scenario's <c>"protocol": {"rumourCycleSeconds": s}</c>, a node's --rumour-cycle.</summary>
    public const string CycleField = "rumourCycleSeconds";

    /// <summary>The counter's setting, k: a scenario's <c>"protocol": {"rumourCounter": k}</c>, a node's --rumour-counter.</summary>
    public const string CounterField = "rumourCounter";

    /// <summary>Whether a useful push starts the count again (1) or the count only grows (0, the default): a scenario's
    /// <c>"protocol": {"rumourCounterResets": 1}</c>, a node's --rumour-counter-resets. With 1 a peer loses interest after k
    /// unnecessary contacts in a row: a push that no "had it already" answered by the next cycle reached a peer that did not
    /// have the rumour, and the count restarts (one reading of Demers et al.'s counter; docs/rumour.md).</summary>
    public const string CounterResetsField = "rumourCounterResets";

    /// <summary>Pushes of one rumour awaiting their answer, at most: a push that was a first receipt is never answered, so the
    /// oldest is forgotten past this (its late feedback is then refused, as a forged one).</summary>
    public const int MaxOwed = 64;

    private readonly TimeSpan _cycle;
    private readonly int _counter;
    private readonly bool _resets;
    // In the order they became hot (the cycle pushes them in that order: same seed, same draws); the cold ones leave at the next
    // cycle. The table finds a rumour's entry for its feedback.
    private readonly List<HotRumour> _hot = [];
    private readonly Dictionary<(MessageId, long), HotRumour> _byKey = [];
    private TimerId _timer;
    private bool _ticking;

    /// <summary>A hot rumour: the message as pushed on, the unnecessary contacts counted, and the neighbours owing an answer.</summary>
    private sealed class HotRumour(Gossip message, long incarnation)
    {
        public readonly Gossip Message = message;
        public readonly long Incarnation = incarnation;
        public readonly List<NodeAddress> Owed = new(2);
        public int Feedbacks;
        public bool Cold;
        // The last push's neighbour, until its answer came (null: none owed, or answered).
        public NodeAddress? LastPushUnanswered;
    }

    /// <summary>The role of a peer made with <paramref name="config"/> (its cycle and counter read once here).</summary>
    public RumourMongering(PeerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _cycle = TimeSpan.FromSeconds(config.Setting(CycleField));
        _counter = (int)config.Setting(CounterField);
        _resets = config.Setting(CounterResetsField) >= 1;
    }

    /// <summary>Rumours pushed (one per hot rumour per cycle).</summary>
    public long Pushes { get; private set; }

    /// <summary>Feedbacks counted: answers to this peer's pushes from the neighbours pushed to.</summary>
    public long FeedbacksCounted { get; private set; }

    /// <summary>Feedbacks refused: about a hot rumour never pushed to the neighbour that sent it (or answered already).</summary>
    public long FeedbacksRefused { get; private set; }

    /// <summary>Rumours this peer lost interest in after k feedbacks.</summary>
    public long WentCold { get; private set; }

    /// <summary>Rumours let go hot at the sweep, past the Message List's time to live.</summary>
    public long Expired { get; private set; }

    /// <summary>Rumours delivered and never pushed, as the peer held its capacity of hot ones.</summary>
    public long NotMongered { get; private set; }

    /// <summary>Rumours hot now.</summary>
    public int HotCount => _byKey.Count;

    /// <summary>Feedbacks counted so far for a hot rumour; -1 when it is not hot here (never, cold or let go).</summary>
    public int FeedbacksFor(MessageId id, long incarnation) => _byKey.TryGetValue((id, incarnation), out var hot) ? hot.Feedbacks : -1;

    /// <inheritdoc/>
    public override void OnFirstReceipt(BroadcastContext peer, in GossipCopy copy)
    {
        if (_byKey.Count >= peer.Config.MessageListCapacity)
        {
            NotMongered++;
            return;
        }
        var hot = new HotRumour(copy.Message, copy.Incarnation);
        _hot.Add(hot);
        _byKey[(copy.Id, copy.Incarnation)] = hot;
        if (_ticking) return;
        _timer = peer.SetTimer(_cycle, 0);
        _ticking = true;
    }

    /// <summary>A push of a rumour this peer had: "I had it already", to the neighbour that pushed it.</summary>
    public override void OnDuplicate(BroadcastContext peer, in GossipCopy copy)
    {
        if (copy.FromLink < 0) return; // a copy on a link still being made: no neighbour to answer yet
        peer.Send(copy.FromLink, new RumourFeedback(copy.Id, copy.Incarnation));
    }

    /// <inheritdoc/>
    public override void OnMessage(BroadcastContext peer, NodeAddress from, Message message)
    {
        if (message is not RumourFeedback feedback)
        {
            base.OnMessage(peer, from, message);
            return;
        }
        // Cold, let go or never had: a late answer after losing interest is normal, and there is nothing left to change.
        if (!_byKey.TryGetValue((feedback.Id, feedback.Incarnation), out var hot)) return;
        // The most recent push to that neighbour: an older one still owed reached it first (a first receipt is never answered).
        int at = hot.Owed.LastIndexOf(from);
        if (at < 0)
        {
            FeedbacksRefused++;
            peer.Reject($"dropped rumour feedback on {feedback.Id} from {from}: no push of it to that neighbour awaits an answer");
            return;
        }
        hot.Owed.RemoveAt(at);
        if (hot.LastPushUnanswered == from) hot.LastPushUnanswered = null;
        hot.Feedbacks++;
        FeedbacksCounted++;
        if (hot.Feedbacks < _counter) return;
        LetGo(hot);
        WentCold++;
    }

    /// <summary>The cycle: each hot rumour to one neighbour drawn uniformly, then the next cycle if any is still hot.</summary>
    public override void OnTimer(BroadcastContext peer, long arg)
    {
        _ticking = false;
        _hot.RemoveAll(h => h.Cold);
        var neighbours = peer.Neighbours;
        if (neighbours.Length > 0)
        {
            foreach (var hot in _hot)
            {
                // A push a cycle old and still unanswered found a peer without the rumour: with resets, the count starts again.
                if (_resets && hot.LastPushUnanswered != null) hot.Feedbacks = 0;
                int link = peer.Random.NextInt(neighbours.Length);
                peer.SendGossip(link, hot.Message);
                Pushes++;
                if (hot.Owed.Count == MaxOwed) hot.Owed.RemoveAt(0);
                hot.Owed.Add(neighbours[link]);
                hot.LastPushUnanswered = neighbours[link];
            }
        }
        // Without neighbours the rumours stay hot and wait for the next cycle (the peer is reattaching).
        if (_hot.Count == 0) return;
        _timer = peer.SetTimer(_cycle, 0);
        _ticking = true;
    }

    /// <summary>Rumours created a Message List's time to live ago are let go: a receiver would drop them as too old.</summary>
    public override void OnSweep(BroadcastContext peer)
    {
        var oldest = peer.Now - peer.Config.MessageListTtl;
        foreach (var hot in _hot)
        {
            if (hot.Cold || hot.Message.CreatedAt > oldest) continue;
            LetGo(hot);
            Expired++;
        }
        _hot.RemoveAll(h => h.Cold);
        if (_hot.Count > 0 || !_ticking) return;
        peer.CancelTimer(_timer);
        _ticking = false;
    }

    /// <inheritdoc/>
    public override void OnStop(BroadcastContext peer)
    {
        if (peer.LogEnabled)
            peer.Log($"rumour mongering: {Pushes} pushes, {FeedbacksCounted} feedbacks counted, {FeedbacksRefused} refused, "
                + $"{WentCold} went cold, {Expired} expired hot, {NotMongered} not mongered, {HotCount} still hot");
    }

    /// <inheritdoc/>
    public override ProtocolMessage ReadMessage(ushort type, ref WireReader body) => type switch
    {
        RumourFeedback.TypeNumber => RumourFeedback.Read(ref body),
        _ => base.ReadMessage(type, ref body),
    };

    private void LetGo(HotRumour hot)
    {
        hot.Cold = true;
        _byKey.Remove((hot.Message.Id, hot.Incarnation));
    }
}
