using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Simulator.Events;
using GossipSim.Simulator.World;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Partitions;

/// <summary>
/// One worker's share of the network: the nodes whose index is its number modulo the partition
/// count, with one queue and clock. During a window (<see cref="RunWindow"/>) it runs alone, reading
/// what was fixed at the window's start and writing only its own state; mail to another partition
/// waits in an outbox until its target takes it, at the start of the next window or before the next
/// control event (a window is no longer than the smallest link delay, so no mail is due inside it).
/// It sees only the world (node table, link conditions, output) and one way up, to start a node.
/// </summary>
internal sealed class SimPartition
{
    private readonly NodeTable _nodes;
    private readonly LinkConditions _links;
    private readonly Action<int> _start; // starts a node's first life (the network knows how to make it)
    private readonly SimPartition[] _all; // every partition, by number: a delivery's target may be another's
    private Outbox[] _outbox; // by target partition, filled during a window: one of the two sets below
    // Two sets: a window fills one while, in the same hand-over, each target first takes what the window before left in the other
    // (one hand-over a window instead of two; SimNetwork.RunWindows).
    private readonly Outbox[][] _outboxSets;
    private readonly HashSet<long> _cancelledTimers = new(); // their ids (TimerKey)
    // how many of each kind are in the set, so a timer of a kind never cancelled skips the lookup
    private readonly int[] _cancelledByKind = new int[256];

    /// <param name="all">Every partition, by number, this one among them (filled in by whoever makes them).</param>
    public SimPartition(NodeTable nodes, LinkConditions links, RunOutput output, Action<int> start, int number, SimPartition[] all)
    {
        _nodes = nodes;
        _links = links;
        _start = start;
        _all = all;
        Number = number;
        _outboxSets = new Outbox[2][];
        for (int set = 0; set < 2; set++)
        {
            _outboxSets[set] = new Outbox[all.Length];
            for (int p = 0; p < all.Length; p++) _outboxSets[set][p] = new Outbox();
        }
        _outbox = _outboxSets[0];
        Output = new PartitionOutput(output);
    }

    public int Number { get; }
    /// <summary>Whether this process runs the partition (always, but on ranks, where another rank may own it).</summary>
    public bool IsLocal { get; init; } = true;

    /// <summary>The partition a node belongs to: its index modulo the partition count.</summary>
    public static int Of(int node, int partitions) => partitions == 1 ? 0 : node % partitions;

    public EventQueue Queue { get; } = new();
    public PartitionOutput Output { get; }
    /// <summary>This partition's clock (ticks): the time of the event it runs, or the network's between windows.</summary>
    public long Now;
    /// <summary>While a window runs: its end (exclusive). Otherwise long.MaxValue, and sends go straight into their target's
    /// queue.</summary>
    private long _windowEnd = long.MaxValue;

    public long EventsProcessed, MessagesSent, MessagesDropped, MessagesDuplicated;
    /// <summary>Messages that reached a node that was down, whose senders were told (<see cref="TellSender"/>).</summary>
    public long SendFailuresReported;
    /// <summary>Messages a partition dropped, whose senders were told after the send timeout (<see cref="TimeOut"/>).</summary>
    public long SendTimeoutsReported;
    public readonly long[] DeliveredByKind = new long[256]; // by MessageKind
    public readonly long[] TimersByKind = new long[256];    // by TimerKind
    /// <summary>The last window's events (the work a window's busiest partition sets the pace by).</summary>
    public long WindowEvents;

    /// <summary>Runs the events due before <paramref name="end"/>, in (time, key) order, or the first <paramref name="maxEvents"/> of
    /// them.</summary>
    public void RunWindow(long end, bool buffered, long maxEvents)
    {
        _windowEnd = buffered ? end : long.MaxValue;
        Output.Buffering = buffered;
        long before = EventsProcessed, stop = maxEvents == long.MaxValue ? long.MaxValue : before + maxEvents;
        try
        {
            while (EventsProcessed < stop && Queue.TryPeekTime(out long t) && t < end)
            {
                var e = Queue.Pop();
                Now = e.Time;
                Output.At(e.Time, e.Sequence);
                PrefetchAhead();
                Dispatch(ref e);
            }
        }
        finally
        {
            _windowEnd = long.MaxValue;
            Output.Buffering = false;
            WindowEvents = EventsProcessed - before;
        }
    }

    /// <summary>What this partition's nodes sent another partition's since it last took its mail (see <see cref="Receive"/>; on ranks,
    /// <see cref="Ranks.WindowMail"/> takes another rank's).</summary>
    internal Outbox MailTo(int target) => _outbox[target];

    /// <summary>Which set of outboxes a window fills (0 or 1); the other holds the window before's mail.</summary>
    public void UseOutboxSet(int set) => _outbox = _outboxSets[set];

    /// <summary>The earliest time of the mail this partition's outboxes of set <paramref name="set"/> hold, or long.MaxValue.</summary>
    public long EarliestMail(int set)
    {
        long min = long.MaxValue;
        foreach (var box in _outboxSets[set]) if (box.MinTime < min) min = box.MinTime;
        return min;
    }

    /// <summary>Moves what other partitions sent to this one into its queue, from their outboxes of set <paramref name="set"/>.</summary>
    public void Receive(SimPartition[] all, int set)
    {
        foreach (var from in all)
        {
            var mail = from._outboxSets[set][Number];
            if (mail.Count == 0) continue;
            for (int i = 0; i < mail.Count; i++)
            {
                var e = mail[i];
                Queue.PushKeyed(ref e, Now);
            }
            mail.Clear();
        }
    }

    internal void Send(NodeAttachment from, NodeAddress to, Message message)
    {
        MessagesSent++;
        var links = _links;
        if (!_nodes.TryIndex(to, out int target)) { MessagesDropped++; return; }
        if (links.IsPartitioned && links.Blocked(from.Index, target))
        {
            MessagesDropped++;
            TimeOut(from, to);
            return;
        }
        if (links.LossRate > 0 && from.NetworkRandom.Chance(links.LossRate)) { MessagesDropped++; return; }
        Deliver(from, target, message);
        if (links.DuplicationRate > 0 && from.NetworkRandom.Chance(links.DuplicationRate))
        {
            MessagesDuplicated++;
            Deliver(from, target, message);
        }
    }

    private void Deliver(NodeAttachment from, int target, Message message)
    {
        var links = _links;
        var rng = from.NetworkRandom;
        long delay = links.Spiked(links.Latency.SampleTicks(rng, from.Index, target, message, Now));
        if (links.ReorderRate > 0 && rng.Chance(links.ReorderRate)) delay += (long)(rng.NextDouble() * links.ReorderMaxDelay.Ticks);
        var e = new SimEvent
        {
            Time = Now + Math.Max(1, delay),
            Sequence = from.NextKey(),
            Epoch = _nodes.Epoch,
            Kind = SimEventKind.Deliver,
            Target = target,
            From = from.Self,
            Payload = message,
        };
        Post(ref e);
    }

    /// <summary>Queues a delivery for its target's partition: here, straight into another's between windows, or into the mail (another
    /// partition's during a window, another rank's).</summary>
    // Inlined: every message takes this path, as it did when it was written out in Deliver.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Post(ref SimEvent e)
    {
        int owner = Of(e.Target, _all.Length);
        if (owner == Number) Queue.PushKeyed(ref e, Now);
        // Between windows, straight into the target's queue, unless another rank holds it: the mail of the next exchange.
        else if (_windowEnd == long.MaxValue && _all[owner].IsLocal) _all[owner].Queue.PushKeyed(ref e, Now);
        else
        {
            if (_windowEnd != long.MaxValue && e.Time < _windowEnd)
                throw new InvalidOperationException($"a message between partitions is due at {e.Time} ticks, inside the window that ends "
                    + $"at {_windowEnd}: a delay below the window's width (the smallest link delay)");
            _outbox[owner].Add(e);
        }
    }

    /// <summary>
    /// A message reached <paramref name="down"/>, a node that is down: its sender hears so (<see cref="Node.OnSendFailed"/>), as TCP
    /// answers a connection to a host whose process is gone with a refusal or a reset. The report takes the smallest link delay now
    /// (<see cref="LinkConditions.Lookahead"/>), not a drawn one: no draw from anyone's stream, so no other event of the run moves; and
    /// it is the window's width, so the report may cross partitions and ranks in the same mail as a message (the window it is made in
    /// has ended when it is due). Its key is the down node's own next one: who made an event and how many it had made before order
    /// same-time events, so every other node's keys stay as they were, on any thread or rank count. It carries the send's epoch: a
    /// sender that crashed or restarted since is not told of what its earlier life sent.
    /// </summary>
    private void TellSender(NodeAttachment down, in SimEvent undelivered)
    {
        if (!_nodes.TryIndex(undelivered.From, out int sender)) return;
        SendFailuresReported++;
        PostFailedSend(Now + _links.Lookahead, down.NextKey(), undelivered.Epoch, sender, down.Self);
    }

    /// <summary>
    /// A partition dropped a message of <paramref name="from"/>'s to <paramref name="to"/>: its sender hears so
    /// (<see cref="Node.OnSendFailed"/>) after the send timeout (<see cref="LinkConditions.SendTimeout"/>), as TCP gives up a connect
    /// nobody answers. As for a node that is down (<see cref="TellSender"/>), no draw from anyone's stream, so no other event of the
    /// run moves; its key is the sender's own next one, and it stays in the sender's own queue, so it is the same on any thread or rank
    /// count. It carries the send's epoch: a sender that crashed or restarted before the timeout is not told. The report stands even if
    /// the cut heals meanwhile: the message is lost all the same.
    /// </summary>
    private void TimeOut(NodeAttachment from, NodeAddress to)
    {
        SendTimeoutsReported++;
        PostFailedSend(Now + Math.Max(1, _links.SendTimeout.Ticks), from.NextKey(), _nodes.Epoch, from.Index, to);
    }

    /// <summary>The one form of a failed send's report: a delivery without a message (<see cref="Node.OnSendFailed"/>) to node
    /// <paramref name="sender"/>, naming the node it could not reach, under the key and epoch the caller says.</summary>
    private void PostFailedSend(long time, long sequence, uint epoch, int sender, NodeAddress unreached)
    {
        var e = new SimEvent
        {
            Time = time,
            Sequence = sequence,
            Epoch = epoch,
            Kind = SimEventKind.Deliver,
            Target = sender,
            From = unreached,
            Payload = null,
        };
        Post(ref e);
    }

    internal TimerId SetTimer(NodeAttachment owner, TimeSpan after, TimerTag tag)
    {
        var e = new SimEvent
        {
            Time = Now + Math.Max(0, after.Ticks),
            Sequence = owner.NextKey(),
            Epoch = _nodes.Epoch,
            Kind = SimEventKind.Timer,
            Target = owner.Index,
            Tag = tag,
        };
        Queue.PushKeyed(ref e, Now);
        return new TimerId(TimerKey(e.Sequence, tag.Kind));
    }

    /// <summary>A timer's id: its event key (unique) and its kind in the low byte.</summary>
    private static long TimerKey(long sequence, TimerKind kind) => sequence << 8 | (byte)kind;

    internal void CancelTimer(TimerId id)
    {
        if (_cancelledTimers.Add(id.Value)) _cancelledByKind[(byte)id.Value]++;
    }

    /// <summary>
    /// A pipeline of hints over the next few events (see <see cref="Prefetch"/>), one level of
    /// pointers per step, so that each step reads only what the step before started loading an
    /// event earlier: four events ahead, the target's slots and the message; three ahead, the
    /// node, all the lines its parts take; two ahead, what the node says handling the message
    /// reads first (<see cref="Node.ReadAhead"/>: a peer's neighbour table and Message List cell),
    /// and its transport, which is also its context (two lines: a node's first send or timer
    /// reads both).
    /// </summary>
    private const int NodeLines = 7; // a peer with its parts held in place: 416 bytes (docs/performance.md section 4)

    private void PrefetchAhead()
    {
        var next = Queue.Upcoming; // next[0] is the event after the one being dispatched
        var lives = _nodes.Lives;
        var ports = _nodes.Ports;
        if (next.Length > 4 && (uint)next[4].Target < (uint)lives.Length)
        {
            Prefetch.Element(lives, next[4].Target);
            Prefetch.Element(ports, next[4].Target);
            Prefetch.Object(next[4].Payload);
        }
        if (next.Length > 3 && (uint)next[3].Target < (uint)lives.Length)
            Prefetch.ObjectLines(lives[next[3].Target].Node, NodeLines);
        if (next.Length > 2 && (uint)next[2].Target < (uint)lives.Length)
        {
            // The node and its message are loaded now: it asks for what handling the message reads first (its tables' cells).
            if (next[2].Kind == SimEventKind.Deliver && next[2].Payload is Message m && lives[next[2].Target].Node is { } node)
                node.ReadAhead(m, Prefetch.AsReadAhead);
            Prefetch.ObjectLines(ports[next[2].Target], 2);
        }
    }

    private void Dispatch(ref SimEvent e)
    {
        ref var life = ref _nodes.Lives[e.Target];
        switch (e.Kind)
        {
            case SimEventKind.Start:
                if (e.Epoch < life.Since) return;
                EventsProcessed++;
                _start(e.Target);
                return;
            case SimEventKind.Timer:
                if (_cancelledByKind[(byte)e.TagKind] > 0 && _cancelledTimers.Remove(TimerKey(e.Sequence, e.TagKind)))
                {
                    _cancelledByKind[(byte)e.TagKind]--;
                    return;
                }
                if (e.Epoch < life.Since || life.Node is not { } timerNode) return;
                EventsProcessed++;
                TimersByKind[(byte)e.Tag.Kind]++;
                timerNode.OnTimer(e.Tag);
                return;
            case SimEventKind.Deliver:
                if (e.Epoch < life.Since || life.Node is not { } node)
                {
                    var port = _nodes.Ports[e.Target];
                    if (DeadLetter.Fate(runs: life.Node != null, stale: e.Epoch < life.Since, hadLife: port != null,
                            isReport: e.Payload == null) == DeadLetterFate.TellSender)
                        TellSender(port!, in e);
                    return;
                }
                EventsProcessed++;
                if (e.Payload == null) // a report of a failed send (TellSender), the only delivery without a message
                {
                    node.OnSendFailed(e.From);
                    return;
                }
                // Only Deliver puts a payload on a Deliver event, and it is always a Message: no checked cast per event.
                var message = System.Runtime.CompilerServices.Unsafe.As<Message>(e.Payload!);
                DeliveredByKind[(byte)message.Kind]++;
                node.OnMessage(e.From, message);
                return;
            default:
                throw new InvalidOperationException($"a {e.Kind} event in a partition's queue: only starts, timers "
                    + $"and deliveries belong there");
        }
    }
}
