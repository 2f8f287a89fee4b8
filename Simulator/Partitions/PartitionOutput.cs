using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Simulator.Network;

namespace GossipSim.Simulator.Partitions;

/// <summary>
/// What one partition's nodes write (trace events and log lines). Between windows, and when the
/// network runs on one thread, it goes straight through to the run's outputs. During a window
/// on several threads each entry is held with the key of the event that wrote it, and at the
/// window's end <see cref="Merge"/> hands every partition's entries over in (time, key) order:
/// the order one thread would have written them in, so the trace and its hash do not depend on
/// the thread count.
/// </summary>
internal sealed class PartitionOutput(SimNetwork net) : ITraceSink
{
    private struct Entry
    {
        public long Time, Key;
        public TraceEvent Trace;
        public SimNetwork.NodeLog? Writer; // null: a trace event; otherwise a log line for this writer
        public NodeAddress Node;
        public TimeSpan LineTime;
        public string? Line;
    }

    private readonly SimNetwork _net = net;
    private Entry[] _entries = new Entry[1024];
    private int _count;
    private long _time, _key;
    private SimNodeLog? _lastLog;

    public bool Buffering;

    /// <summary>The event now running: what it writes sorts by its time and key.</summary>
    public void At(long time, long key)
    {
        _time = time;
        _key = key;
    }

    public void Write(in TraceEvent e)
    {
        if (!Buffering) { _net.TraceSink.Write(e); return; }
        ref var slot = ref Next();
        slot.Trace = e;
    }

    public void Log(SimNetwork.NodeLog writer, NodeAddress node, TimeSpan time, string line)
    {
        if (!Buffering) { writer(node, time, line); return; }
        ref var slot = ref Next();
        slot.Writer = writer;
        slot.Node = node;
        slot.LineTime = time;
        slot.Line = line;
    }

    /// <summary>The node log adapter for a writer: one per distinct writer (a run gives every node the same one).</summary>
    public SimNodeLog LogFor(SimNetwork.NodeLog writer)
    {
        if (_lastLog?.Writer != writer) _lastLog = new SimNodeLog(_net, this, writer);
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

    /// <summary>Hands every partition's held entries to the outputs in (time, key) order, and empties them.</summary>
    public static void Merge(SimPartition[] parts)
    {
        Span<int> read = parts.Length <= 64 ? stackalloc int[parts.Length] : new int[parts.Length];
        read.Clear();
        while (true)
        {
            int best = -1;
            for (int p = 0; p < parts.Length; p++)
            {
                var o = parts[p].Output;
                if (read[p] == o._count) continue;
                if (best < 0) { best = p; continue; }
                ref var a = ref o._entries[read[p]];
                ref var b = ref parts[best].Output._entries[read[best]];
                if (a.Time < b.Time || (a.Time == b.Time && a.Key < b.Key)) best = p;
            }
            if (best < 0) break;
            // Everything one event wrote comes out together, in the order it was written.
            var from = parts[best].Output;
            long time = from._entries[read[best]].Time, key = from._entries[read[best]].Key;
            while (read[best] < from._count && from._entries[read[best]].Time == time && from._entries[read[best]].Key == key)
            {
                ref var e = ref from._entries[read[best]++];
                if (e.Writer == null) from._net.TraceSink.Write(e.Trace);
                else e.Writer(e.Node, e.LineTime, e.Line!);
            }
        }
        foreach (var p in parts)
        {
            var o = p.Output;
            Array.Clear(o._entries, 0, o._count); // let go of detail strings and lines
            o._count = 0;
        }
    }
}
