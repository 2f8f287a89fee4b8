using System.Threading.Channels;
using GossipSim.Engine.Core;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Host;

/// <summary>
/// Runs one node for real: a single loop reads a channel of <see cref="NodeEvent"/>s and is the
/// only caller of the node, so the node stays the single-threaded state machine it was written
/// as. The transport's readers and the timers only write into it: timers and control calls into
/// the channel, received messages into <see cref="SenderQueues"/> (one queue per sender, taken
/// round-robin, so a flooding sender delays nobody else), of which the channel carries only a
/// wake-up. A reader that finds the node idle handles the messages waiting itself, so a message
/// is taken, checked and forwarded on the thread that read it, with no hand-over to the loop's
/// (docs/performance.md, section 5); whoever calls the node holds <see cref="_nodeGate"/>, so it
/// still sees one event at a time.
/// </summary>
public sealed class NodeHost : IAsyncDisposable
{
    private readonly Node _node;
    private readonly ITransport _transport;
    private readonly NodeHostOptions _options;
    private readonly RealClock _clock;
    private readonly Channel<NodeEvent> _events = Channel.CreateUnbounded<NodeEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _crash = new();
    private readonly NodeContext _context;
    private readonly HeldUpTimers _heldUp = new();
    private ITimer? _statusTimer;
    private Task _loop = Task.CompletedTask;
    private readonly SenderQueues _received;
    private readonly LogThrottle? _dropLog;
    private int _wakePosted; // 1 while a Messages event is in the channel, or the loop is about to look again
    private readonly object _nodeGate = new(); // held by whoever calls the node: the loop, or a reader handling messages itself
    private bool _nodeLive;                     // under _nodeGate: started, and neither stopped nor halted
    private NodeHaltException? _halt;           // under _nodeGate: why a reader's message halted the node (the loop rethrows it)
    private long _faults;
    private int _started, _stopRequested, _disposed;

    public NodeHost(Node node, ITransport transport, NodeHostOptions options)
    {
        _node = node;
        _transport = transport;
        _options = options;
        _clock = new RealClock(options.Time, (id, tag) => Post(new NodeEvent(NodeEventKind.Timer, TimerId: id, Tag: tag)));
        _context = new SeamContext(transport.LocalAddress, transport, _clock, options.Random, options.Trace, options.Log);
        _received = new SenderQueues(options.MaxQueuedMessagesPerSender, options.MaxQueuedMessages, options.MaxQueuedBytes);
        if (options.Log is { } log)
            _dropLog = new LogThrottle(log.Line, burst: 1, "lines about received messages dropped", static () => Environment.TickCount64);
    }

    public Node Node => _node;
    public NodeAddress Address => _transport.LocalAddress;
    public ITransport Transport => _transport;

    /// <summary>Ends when the loop ends (clean stop or crash); faulted if the node's start failed.</summary>
    public Task Completion => _loop;

    /// <summary>Exceptions the node threw while handling an event (logged, the event skipped). A healthy run has none.</summary>
    public long Faults => Interlocked.Read(ref _faults);

    /// <summary>Received messages dropped because the loop was too far behind (their sender's queue, or the whole queue, was
    /// full).</summary>
    public long DroppedMessages => _received.Dropped;

    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0) throw new InvalidOperationException("host already started");
        // What TCP says of a failed send reaches the node on its loop, as any event (its roles repair at once, as the papers do).
        (_transport as IReportsFailedSends)?.ReportFailedSends(to => Post(new NodeEvent(NodeEventKind.SendFailed, To: to)));
        _transport.Start(OnReceived);
        _loop = Task.Run(RunLoopAsync);
        if (_options.StatusPath != null)
            _statusTimer = _options.Time.CreateTimer(_ => Post(new NodeEvent(NodeEventKind.Invoke, Action: WriteStatus)), null,
                TimeSpan.Zero, _options.StatusInterval);
    }

    /// <summary>Asks the loop to stop the node cleanly (thread-safe, idempotent): OnStop runs on the loop.</summary>
    public void RequestStop(bool sayGoodbye = true)
    {
        if (Interlocked.Exchange(ref _stopRequested, 1) != 0) return;
        Post(new NodeEvent(NodeEventKind.Stop, SayGoodbye: sayGoodbye));
    }

    /// <summary>Clean stop: the node's OnStop on its loop, then queued messages (a goodbye) get out, then the transport closes.</summary>
    public async Task StopAsync(bool sayGoodbye = true)
    {
        RequestStop(sayGoodbye);
        try { await _loop.ConfigureAwait(false); }
        finally { await DisposeAsync().ConfigureAwait(false); }
    }

    /// <summary>Crash, as a SIGKILL would: no OnStop, no goodbye; connections are cut and nothing queued is sent.</summary>
    public async Task CrashAsync()
    {
        _crash.Cancel();
        _transport.Abort();
        _statusTimer?.Dispose();
        try { await _loop.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        await DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Runs a query on the node's loop (the node is not thread-safe) and returns its result.</summary>
    public Task<T> InvokeAsync<T>(Func<Node, T> query)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Run()
        {
            try { done.TrySetResult(query(_node)); }
            catch (Exception e) { done.TrySetException(e); }
        }
        if (!_events.Writer.TryWrite(new NodeEvent(NodeEventKind.Invoke, Action: Run)))
            done.TrySetException(new InvalidOperationException($"node {Address} is no longer running"));
        return done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _statusTimer?.Dispose();
        _events.Writer.TryComplete();
        await _transport.DisposeAsync().ConfigureAwait(false);
    }

    private void OnReceived(NodeAddress from, Message message, int wireBytes)
    {
        // A decoded message takes a few times its wire size; a floor per message covers the objects around it.
        int charge = Math.Max(wireBytes, 0) + MessageOverheadBytes;
        switch (_received.Add(from, message, charge, out var evicted))
        {
            case Queued.Taken:
                if (!evicted.IsNone)
                    _dropLog?.Line($"receive queue full ({_options.MaxQueuedMessages} messages, {_options.MaxQueuedBytes >> 20} MiB): "
                        + $"dropped the oldest message of {evicted}, the sender holding the most, for one from {from}");
                if (!TryHandleHere()) Wake();
                break;
            case Queued.SenderFull:
                _dropLog?.Line($"dropped a {message.Kind} from {from}: {_options.MaxQueuedMessagesPerSender} of its messages "
                    + $"already wait for this node");
                break;
            default:
                _dropLog?.Line($"dropped a {message.Kind} from {from}: the receive queue is full ({_options.MaxQueuedMessages} "
                    + $"messages, {_options.MaxQueuedBytes >> 20} MiB) and {from} holds the most");
                break;
        }
    }

    private const int MessageOverheadBytes = 64;

    /// <summary>Messages handled per wake-up before timers and calls queued meanwhile get their turn.</summary>
    private const int MessagesPerTurn = 64;

    /// <summary>Posts one wake-up for the loop, unless one is already on its way.</summary>
    private void Wake()
    {
        if (Interlocked.Exchange(ref _wakePosted, 1) == 0) _events.Writer.TryWrite(new NodeEvent(NodeEventKind.Messages));
    }

    private void Post(NodeEvent e) => _events.Writer.TryWrite(e);

    /// <summary>
    /// Handles the messages waiting on this thread when nobody is calling the node (a reader's, as
    /// it delivers one): false when the node is busy, not started or ended, or this thread is inside
    /// it already (a message to itself), and then the loop is woken instead.
    /// </summary>
    private bool TryHandleHere()
    {
        if (Monitor.IsEntered(_nodeGate) || !Monitor.TryEnter(_nodeGate)) return false;
        try
        {
            if (!_nodeLive) return false;
            HandleReceived(clearWake: false);
        }
        catch (NodeHaltException halt)
        {
            // The loop ends with it, as if it had handled the message.
            _nodeLive = false;
            _halt = halt;
            _events.Writer.TryWrite(new NodeEvent(NodeEventKind.Messages));
        }
        finally
        {
            Monitor.Exit(_nodeGate);
        }
        return true;
    }

    /// <summary>Handles one event of the channel, holding the node; true when the loop ends after it (a stop).</summary>
    private bool HandleHolding(in NodeEvent e)
    {
        lock (_nodeGate)
        {
            if (_halt is { } halt) throw halt;
            try
            {
                Handle(e);
            }
            catch
            {
                _nodeLive = false;
                throw;
            }
            if (e.Kind != NodeEventKind.Stop) return false;
            _nodeLive = false;
            return true;
        }
    }

    private async Task RunLoopAsync()
    {
        var reader = _events.Reader;
        var crash = _crash.Token;
        try
        {
            lock (_nodeGate)
            {
                _node.Start(_context);
                _nodeLive = true;
            }
            while (await reader.WaitToReadAsync(crash).ConfigureAwait(false))
            {
                while (reader.TryRead(out var e))
                {
                    if (crash.IsCancellationRequested) return;
                    if (HandleHolding(e)) return;
                }
            }
        }
        finally
        {
            lock (_nodeGate) _nodeLive = false;
            _clock.CancelAll();
            _events.Writer.TryComplete();
            // Queries posted before the end still get an answer (the node is idle, so it is safe).
            while (reader.TryRead(out var e))
                if (e.Kind == NodeEventKind.Invoke)
                    lock (_nodeGate) e.Action!();
        }
    }

    private void Handle(in NodeEvent e)
    {
        try
        {
            switch (e.Kind)
            {
                case NodeEventKind.Messages:
                    HandleReceived();
                    break;
                case NodeEventKind.Timer:
                    if (!_clock.TryTake(e.TimerId, out var late)) return; // cancelled after it fired
                    if (_heldUp.Trace(_clock.Now, late))
                        _options.Trace.Write(new TraceEvent(_clock.Now, TraceKind.HeldUp, Address, A: (long)late.TotalMilliseconds,
                            Detail: e.Tag.Kind.ToString()));
                    _node.OnTimer(e.Tag);
                    break;
                case NodeEventKind.Invoke:
                    e.Action!();
                    break;
                case NodeEventKind.SendFailed:
                    _node.OnSendFailed(e.To);
                    break;
                case NodeEventKind.Stop:
                    _node.OnStop(e.SayGoodbye);
                    WriteStatus();
                    break;
            }
        }
        catch (NodeHaltException)
        {
            throw; // the node must not run on: the loop ends, and Completion carries why
        }
        catch (RoleFailedException ex)
        {
            // A peer's role threw or broke a bound: the node stops with that one line (node, time, what), as it would in the simulator.
            throw new NodeHaltException(ex.Message);
        }
        catch (Exception ex)
        {
            Fault(Describe(e), ex);
        }
    }

    /// <summary>A bug in the node, triggered by one event: keep the node running and say so loudly.</summary>
    private void Fault(string what, Exception ex)
    {
        Interlocked.Increment(ref _faults);
        _options.Log?.Line($"INTERNAL ERROR handling {what}: {ex}");
        if (_options.Log == null) Console.Error.WriteLine($"{Address}: internal error handling {what}: {ex}");
    }

    /// <summary>
    /// Up to <see cref="MessagesPerTurn"/> received messages, one sender after another; if more
    /// wait, the loop is woken again behind whatever timers and calls came in meanwhile.
    /// </summary>
    private void HandleReceived(bool clearWake = true)
    {
        // Cleared before looking, so a message added from now on posts a wake-up of its own (a reader handling messages leaves a
        // wake-up on its way as it is: the loop then finds fewer, or none).
        if (clearWake) Volatile.Write(ref _wakePosted, 0);
        for (int i = 0; i < MessagesPerTurn; i++)
        {
            if (_crash.IsCancellationRequested || !_received.TryTake(out var from, out var message, out _)) return;
            try
            {
                _node.OnMessage(from, message);
            }
            catch (NodeHaltException)
            {
                throw;
            }
            catch (RoleFailedException ex)
            {
                throw new NodeHaltException(ex.Message);
            }
            catch (Exception ex)
            {
                Fault($"{message.Kind} from {from}", ex);
            }
        }
        if (_received.Count > 0) Wake();
    }

    private static string Describe(in NodeEvent e) => e.Kind switch
    {
        NodeEventKind.Timer => $"timer {e.Tag.Kind}",
        NodeEventKind.SendFailed => $"a failed send to {e.To}",
        _ => e.Kind.ToString(),
    };

    private void WriteStatus()
    {
        if (_options.StatusPath == null) return;
        try
        {
            StatusFile.Write(_options.StatusPath, _node, _clock.Now);
        }
        catch (IOException ex)
        {
            _options.Log?.Line($"cannot write status file {_options.StatusPath}: {ex.Message}");
        }
    }
}
