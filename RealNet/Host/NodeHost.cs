using System.Threading.Channels;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;

namespace GossipSim.RealNet.Host;

/// <summary>
/// Runs one node for real: a single loop reads a channel of <see cref="NodeEvent"/>s and is the
/// only caller of the node, so the node stays the single-threaded state machine it was written
/// as. The transport's readers and the timers only write into the channel.
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
    private ITimer? _statusTimer;
    private Task _loop = Task.CompletedTask;
    private int _queuedMessages;
    private long _queuedBytes;
    private long _droppedMessages;
    private long _faults;
    private int _started, _stopRequested, _disposed;

    public NodeHost(Node node, ITransport transport, NodeHostOptions options)
    {
        _node = node;
        _transport = transport;
        _options = options;
        _clock = new RealClock(options.Time, (id, tag) => Post(new NodeEvent(NodeEventKind.Timer, TimerId: id, Tag: tag)));
        _context = new NodeContext(transport.LocalAddress, transport, _clock, options.Random, options.Trace, options.Log);
    }

    public Node Node => _node;
    public NodeAddress Address => _transport.LocalAddress;
    public ITransport Transport => _transport;

    /// <summary>Ends when the loop ends (clean stop or crash); faulted if the node's start failed.</summary>
    public Task Completion => _loop;

    /// <summary>Exceptions the node threw while handling an event (logged, the event skipped). A healthy run has none.</summary>
    public long Faults => Interlocked.Read(ref _faults);

    /// <summary>Messages dropped because the loop was too far behind.</summary>
    public long DroppedMessages => Interlocked.Read(ref _droppedMessages);

    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0) throw new InvalidOperationException("host already started");
        _transport.Start(OnReceived);
        _loop = Task.Run(RunLoopAsync);
        if (_options.StatusPath != null)
            _statusTimer = _options.Time.CreateTimer(_ => Post(new NodeEvent(NodeEventKind.Invoke, Action: WriteStatus)), null, TimeSpan.Zero, _options.StatusInterval);
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
        if (Interlocked.Increment(ref _queuedMessages) > _options.MaxQueuedMessages
            | Interlocked.Add(ref _queuedBytes, charge) > _options.MaxQueuedBytes)
        {
            Dequeued(charge);
            Interlocked.Increment(ref _droppedMessages);
            return;
        }
        if (!_events.Writer.TryWrite(new NodeEvent(NodeEventKind.Message, from, message, Bytes: charge)))
            Dequeued(charge);
    }

    private const int MessageOverheadBytes = 64;

    private void Dequeued(int charge)
    {
        Interlocked.Decrement(ref _queuedMessages);
        Interlocked.Add(ref _queuedBytes, -charge);
    }

    private void Post(NodeEvent e) => _events.Writer.TryWrite(e);

    private async Task RunLoopAsync()
    {
        var reader = _events.Reader;
        var crash = _crash.Token;
        try
        {
            _node.Start(_context);
            while (await reader.WaitToReadAsync(crash).ConfigureAwait(false))
            {
                while (reader.TryRead(out var e))
                {
                    if (crash.IsCancellationRequested) return;
                    if (e.Kind == NodeEventKind.Stop)
                    {
                        Handle(e);
                        return;
                    }
                    Handle(e);
                }
            }
        }
        finally
        {
            _clock.CancelAll();
            _events.Writer.TryComplete();
            // Queries posted before the end still get an answer (the node is idle, so it is safe).
            while (reader.TryRead(out var e))
                if (e.Kind == NodeEventKind.Invoke) e.Action!();
        }
    }

    private void Handle(in NodeEvent e)
    {
        try
        {
            switch (e.Kind)
            {
                case NodeEventKind.Message:
                    Dequeued(e.Bytes);
                    _node.OnMessage(e.From, e.Message!);
                    break;
                case NodeEventKind.Timer:
                    if (!_clock.TryTake(e.TimerId)) return; // cancelled after it fired
                    _node.OnTimer(e.Tag);
                    break;
                case NodeEventKind.Invoke:
                    e.Action!();
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
        catch (Exception ex)
        {
            // A bug in the node, triggered by one event: keep the node running and say so loudly.
            Interlocked.Increment(ref _faults);
            _options.Log?.Line($"INTERNAL ERROR handling {Describe(e)}: {ex}");
            if (_options.Log == null) Console.Error.WriteLine($"{Address}: internal error handling {Describe(e)}: {ex}");
        }
    }

    private static string Describe(in NodeEvent e) => e.Kind switch
    {
        NodeEventKind.Message => $"{e.Message!.Kind} from {e.From}",
        NodeEventKind.Timer => $"timer {e.Tag.Kind}",
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
