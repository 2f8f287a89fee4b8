namespace GossipSim.Engine.Simulation;

/// <summary>What happens at a point of virtual time.</summary>
public enum SimEventKind : byte { Deliver, Timer, Control, Start }

/// <summary>
/// One scheduled event. A struct: the queue holds millions and must not allocate per event
/// beyond the message object the sender made.
/// </summary>
public struct SimEvent
{
    public long Time;       // ticks of virtual time
    public long Sequence;   // insertion order: breaks ties so equal times never depend on heap order
    public SimEventKind Kind;
    public int Target;      // node index
    public int Epoch;       // the target's life when scheduled; a crash makes older events stale
    public int From;        // sender index (Deliver)
    public object? Payload; // Message (Deliver), Action (Control)
    public long TimerId;
    public Core.TimerTag Tag;
}

/// <summary>
/// The simulator's one queue, in total order (time, sequence). A 4-ary heap of structs from
/// the BCL's PriorityQueue with a composite key; refuses to go back in time.
/// </summary>
public sealed class EventQueue
{
    private readonly PriorityQueue<SimEvent, (long time, long seq)> _heap = new(1024);
    private long _sequence;

    public int Count => _heap.Count;

    public void Push(ref SimEvent e, long now)
    {
        if (e.Time < now) throw new InvalidOperationException($"cannot schedule at {e.Time} before now {now}");
        e.Sequence = _sequence++;
        _heap.Enqueue(e, (e.Time, e.Sequence));
    }

    public bool TryPeekTime(out long time)
    {
        if (_heap.TryPeek(out _, out var key)) { time = key.time; return true; }
        time = 0;
        return false;
    }

    public SimEvent Pop() => _heap.Dequeue();
}
