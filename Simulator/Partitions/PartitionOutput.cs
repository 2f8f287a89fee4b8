using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Simulator.World;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Partitions;

/// <summary>
/// What one partition's nodes write (trace events and log lines). Between windows, and when the
/// network runs on one thread, it goes straight through to the run's outputs. During a window
/// on several threads each entry is held with the key of the event that wrote it, and at the
/// window's end <see cref="Merge"/> hands every partition's entries over in (time, key) order:
/// the order one thread would have written them in, so the trace and its hash do not depend on
/// the thread count. On the ranks of an mpirun every entry is held, between windows too, and
/// rank 0 merges every rank's (<see cref="Ranks.WindowMail"/>): the same order again.
/// </summary>
internal sealed class PartitionOutput(RunOutput run) : ITraceSink
{
    internal struct Entry
    {
        public long Time, Key;
        public TraceEvent Trace;
        public NodeLog? Writer; // null: a trace event; otherwise a log line for this writer
        public NodeAddress Node;
        public TimeSpan LineTime;
        public string? Line;
    }

    private readonly RunOutput _run = run;
    private Entry[] _entries = new Entry[1024];
    private int _count;
    private long _time, _key;
    private SimNodeLog? _lastLog;

    public bool Buffering;
    /// <summary>Held whether or not a window runs: on ranks, whose outputs rank 0 merges at every exchange.</summary>
    public bool Holding;
    private bool Held => Buffering || Holding;

    /// <summary>The event now running: what it writes sorts by its time and key.</summary>
    public void At(long time, long key)
    {
        _time = time;
        _key = key;
    }

    public void Write(in TraceEvent e)
    {
        if (!Held) { _run.Trace.Write(e); return; }
        ref var slot = ref Next();
        slot.Trace = e;
    }

    public void Log(NodeLog writer, NodeAddress node, TimeSpan time, string line)
    {
        if (!Held) { writer(node, time, line); return; }
        ref var slot = ref Next();
        slot.Writer = writer;
        slot.Node = node;
        slot.LineTime = time;
        slot.Line = line;
    }

    /// <summary>The node log adapter for a writer: one per distinct writer (a run gives every node the same one).</summary>
    public SimNodeLog LogFor(NodeLog writer)
    {
        if (_lastLog?.Writer != writer) _lastLog = new SimNodeLog(_run, this, writer);
        return _lastLog;
    }

    private ref Entry Next()
    {
        if (_count == _entries.Length) Array.Resize(ref _entries, _count * 2);
        ref var slot = ref _entries[_count++];
        slot.Time = _time;
        slot.Key = _key;
        slot.Writer = null;
        return ref slot;
    }

    /// <summary>The entries held, in the order written (which is (time, key) order).</summary>
    internal ReadOnlySpan<Entry> Entries => _entries.AsSpan(0, _count);

    /// <summary>Adds an entry another rank held (rank 0, before the merge).</summary>
    internal void Add(in Entry e)
    {
        if (_count == _entries.Length) Array.Resize(ref _entries, _count * 2);
        _entries[_count++] = e;
    }

    /// <summary>Lets go of every entry held (after they were sent to rank 0, or merged).</summary>
    internal void Clear()
    {
        Array.Clear(_entries, 0, _count); // let go of detail strings and lines
        _count = 0;
    }

    /// <summary>Hands these outputs' held entries to the run's outputs in (time, key) order, and empties them.</summary>
    public static void Merge(PartitionOutput[] outputs)
    {
        Span<int> read = outputs.Length <= 64 ? stackalloc int[outputs.Length] : new int[outputs.Length];
        read.Clear();
        while (true)
        {
            int best = -1;
            for (int p = 0; p < outputs.Length; p++)
            {
                var o = outputs[p];
                if (read[p] == o._count) continue;
                if (best < 0) { best = p; continue; }
                ref var a = ref o._entries[read[p]];
                ref var b = ref outputs[best]._entries[read[best]];
                if (a.Time < b.Time || (a.Time == b.Time && a.Key < b.Key)) best = p;
            }
            if (best < 0) break;
            // Everything one event wrote comes out together, in the order it was written.
            var from = outputs[best];
            long time = from._entries[read[best]].Time, key = from._entries[read[best]].Key;
            while (read[best] < from._count && from._entries[read[best]].Time == time && from._entries[read[best]].Key == key)
            {
                ref var e = ref from._entries[read[best]++];
                if (e.Writer == null) from._run.Trace.Write(e.Trace);
                else e.Writer(e.Node, e.LineTime, e.Line!);
            }
        }
        foreach (var o in outputs) o.Clear();
    }
}
