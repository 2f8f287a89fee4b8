using System.Collections.Concurrent;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Simulator.World;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Threads;

/// <summary>
/// Runs a simulation's outputs (the trace's JSON, hash, statistics and checks, and the nodes'
/// log lines) on a second thread, so the simulation thread only copies each event into a
/// batch. The outputs see exactly the same events in exactly the same order as when they were
/// called inline: only when they run changes, so the trace hash and every figure are the same.
/// Nothing may read the outputs before <see cref="Drain"/> (the simulator itself never does).
/// On Linux the second thread runs in the idle class while it keeps up (<see cref="IdleClass"/>).
/// </summary>
public sealed class OffThreadOutput : ITraceSink, IDisposable
{
    private const int BatchSize = 8192;
    private const int BatchesInFlight = 8; // bounds the memory held when the writer falls behind

    private sealed class Batch
    {
        public readonly TraceEvent[] Trace = new TraceEvent[BatchSize];
        public int TraceCount;
        public readonly LogLine[] Logs = new LogLine[BatchSize];
        public int LogCount;
        public ManualResetEventSlim? Done; // set by the worker once everything before it is written
    }

    private readonly record struct LogLine(NodeAddress Node, TimeSpan Time, string Text);

    private readonly ITraceSink _trace;
    private readonly NodeLog _log;
    private readonly BlockingCollection<Batch> _full = new(BatchesInFlight);
    private readonly ConcurrentBag<Batch> _free = new();
    private readonly Thread _worker;
    private Batch _current = new();
    private Exception? _failure;

    public OffThreadOutput(ITraceSink trace, NodeLog log)
    {
        _trace = trace;
        _log = log;
        _worker = new Thread(Work) { IsBackground = true, Name = "sim output" };
        _worker.Start();
    }

    public void Write(in TraceEvent e)
    {
        var b = _current;
        b.Trace[b.TraceCount++] = e;
        if (b.TraceCount == BatchSize) Submit();
    }

    /// <summary>A node's log line, with the same signature as <see cref="NodeLog"/>.</summary>
    public void Log(NodeAddress node, TimeSpan time, string line)
    {
        var b = _current;
        b.Logs[b.LogCount++] = new LogLine(node, time, line);
        if (b.LogCount == BatchSize) Submit();
    }

    /// <summary>Waits until every event and line given so far has reached the outputs; rethrows what an output threw.</summary>
    public void Drain()
    {
        using var done = new ManualResetEventSlim();
        _current.Done = done;
        Submit();
        ToNormal();
        done.Wait();
        if (_failure != null) throw new InvalidOperationException("writing the run's output failed", _failure);
    }

    private void Submit()
    {
        if (_failure != null) throw new InvalidOperationException("writing the run's output failed", _failure);
        _full.Add(_current);
        _current = _free.TryTake(out var b) ? b : new Batch();
        if (_full.Count >= BatchesInFlight / 2) ToNormal();
    }

    // The worker runs in the idle class while it keeps up (it then takes only cores the
    // simulation leaves free) and in the normal class once half the batches wait for it or the
    // simulation waits for it: so it is never starved by other work on the machine.
    private readonly object _classLock = new();
    private int _workerThread;
    private bool _idle;

    private void ToIdle()
    {
        if (!IdleClass.Supported || Volatile.Read(ref _idle)) return;
        lock (_classLock)
        {
            if (!_idle && _full.Count == 0) _idle = IdleClass.Set(_workerThread, idle: true);
        }
    }

    private void ToNormal()
    {
        if (!Volatile.Read(ref _idle)) return;
        lock (_classLock)
        {
            if (_idle && IdleClass.Set(_workerThread, idle: false)) _idle = false;
        }
    }

    private void Work()
    {
        _workerThread = IdleClass.CurrentThread();
        ToIdle();
        foreach (var b in _full.GetConsumingEnumerable())
        {
            try
            {
                if (_failure == null)
                {
                    for (int i = 0; i < b.TraceCount; i++) _trace.Write(b.Trace[i]);
                    for (int i = 0; i < b.LogCount; i++) _log(b.Logs[i].Node, b.Logs[i].Time, b.Logs[i].Text);
                }
            }
            catch (Exception ex)
            {
                _failure = ex; // kept for the simulation thread; later batches are dropped
            }
            Array.Clear(b.Trace, 0, b.TraceCount); // let go of the detail strings
            Array.Clear(b.Logs, 0, b.LogCount);
            b.TraceCount = b.LogCount = 0;
            var done = b.Done;
            b.Done = null;
            _free.Add(b);
            done?.Set();
            if (_full.Count == 0) ToIdle();
        }
    }

    public void Dispose()
    {
        _full.CompleteAdding();
        _worker.Join();
        _full.Dispose();
    }
}
