using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Host;

/// <summary>What <see cref="SenderQueues.Add"/> did with a message.</summary>
public enum Queued : byte
{
    Taken,
    /// <summary>Its sender already has its share waiting: the new message is dropped.</summary>
    SenderFull,
    /// <summary>The whole queue is full and its sender holds the most: the new message is dropped.</summary>
    QueueFull,
}

/// <summary>
/// The received messages waiting for a node's loop, one queue per sender, taken round-robin:
/// the loop takes one message from each sender with messages waiting in turn, so a sender that
/// floods only lengthens its own queue, and every other sender's next message is at most one
/// round away. Bounded per sender (<c>perSender</c> messages) and in all (<c>maxMessages</c>,
/// <c>maxBytes</c>); when the whole queue is full, the sender holding the most bytes pays: a new
/// message of its own is dropped, anyone else's makes room by dropping that sender's oldest
/// (the longest-queue drop of fair queuing). Thread-safe: transport threads add, the loop takes.
/// </summary>
public sealed class SenderQueues(int perSender, int maxMessages, long maxBytes)
{
    /// <summary>Idle senders kept for reuse at most (a node's neighbours and seeds); past it an emptied queue is let go.</summary>
    internal const int IdleKept = 256;

    private sealed class Sender(NodeAddress address)
    {
        public readonly NodeAddress Address = address;
        public readonly Queue<(Message Message, int Bytes)> Waiting = new();
        public long Bytes;
        public bool InTurn;
    }

    private readonly object _gate = new();
    private readonly Dictionary<NodeAddress, Sender> _senders = new();
    private readonly Queue<Sender> _turns = new(); // senders with messages waiting, in the order they are served
    private int _count;
    private long _bytes;
    private long _dropped;

    public int Count
    {
        get { lock (_gate) return _count; }
    }

    public long Bytes
    {
        get { lock (_gate) return _bytes; }
    }

    /// <summary>Senders with a queue, waiting or idle (kept for reuse up to a few hundred).</summary>
    internal int SendersHeld
    {
        get { lock (_gate) return _senders.Count; }
    }

    /// <summary>Messages dropped: new ones refused, and old ones dropped to make room.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>
    /// Queues a message of <paramref name="bytes"/> (its charge against the byte bound) from
    /// <paramref name="from"/>, or drops it; <paramref name="evicted"/> says whose oldest message
    /// was dropped to make room (none: nobody's).
    /// </summary>
    public Queued Add(NodeAddress from, Message message, int bytes, out NodeAddress evicted)
    {
        evicted = NodeAddress.None;
        lock (_gate)
        {
            _senders.TryGetValue(from, out var sender);
            int waiting = sender?.Waiting.Count ?? 0;
            long held = (sender?.Bytes ?? 0) + bytes;
            if (waiting >= perSender) return Drop(Queued.SenderFull);
            if (bytes > maxBytes) return Drop(Queued.QueueFull);
            while (_count + 1 > maxMessages || _bytes + bytes > maxBytes)
            {
                // Whoever holds the most pays; the newcomer too, once it would hold as much.
                var fattest = Fattest();
                if (fattest == null || fattest == sender || fattest.Bytes <= held) return Drop(Queued.QueueFull);
                var (_, oldest) = fattest.Waiting.Dequeue();
                fattest.Bytes -= oldest;
                _count--;
                _bytes -= oldest;
                Interlocked.Increment(ref _dropped);
                evicted = fattest.Address; // left in the turns even if emptied: TryTake retires it
            }
            if (sender == null) _senders[from] = sender = new Sender(from);
            sender.Waiting.Enqueue((message, bytes));
            sender.Bytes += bytes;
            _count++;
            _bytes += bytes;
            if (!sender.InTurn)
            {
                sender.InTurn = true;
                _turns.Enqueue(sender);
            }
            return Queued.Taken;
        }
    }

    private Queued Drop(Queued why)
    {
        Interlocked.Increment(ref _dropped);
        return why;
    }

    /// <summary>The next message, one sender after another; false when none waits.</summary>
    public bool TryTake(out NodeAddress from, out Message message, out int bytes)
    {
        lock (_gate)
        {
            while (_turns.TryDequeue(out var sender))
            {
                if (!sender.Waiting.TryDequeue(out var next))
                {
                    Retire(sender); // emptied by a longest-queue drop
                    continue;
                }
                sender.Bytes -= next.Bytes;
                _count--;
                _bytes -= next.Bytes;
                if (sender.Waiting.Count > 0) _turns.Enqueue(sender);
                else Retire(sender);
                (from, message, bytes) = (sender.Address, next.Message, next.Bytes);
                return true;
            }
        }
        (from, message, bytes) = (NodeAddress.None, null!, 0);
        return false;
    }

    private void Retire(Sender sender)
    {
        sender.InTurn = false;
        if (_senders.Count > IdleKept) _senders.Remove(sender.Address);
    }

    /// <summary>The sender holding the most bytes (null: nobody holds any): a scan of those waiting, made only when the whole queue is
    /// full.</summary>
    private Sender? Fattest()
    {
        Sender? fattest = null;
        foreach (var s in _turns)
            if (s.Waiting.Count > 0 && (fattest == null || s.Bytes > fattest.Bytes)) fattest = s;
        return fattest;
    }
}
