using System.Net;
using System.Net.Sockets;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.RealNet.Wire;

namespace GossipSim.RealNet.Transport;

/// <summary>
/// <see cref="ITransport"/> over TCP. One connection per pair of nodes, reused both ways: the
/// pool is keyed by the other node's listen address, for connections we opened and for
/// incoming ones once their hello has named the sender (a connection already in the pool for
/// that address is kept, so one sender's messages never switch connection while it is up).
/// A failed connect makes sends to that address drop at once for a back-off that doubles
/// per consecutive failure, so a dead node costs nothing but the first attempt.
/// </summary>
public sealed class TcpTransport : ITransport
{
    private const int Bound = 0, Started = 1, Closed = 2;

    private readonly Socket _listener;
    private readonly Action<string> _log;
    private readonly object _gate = new();
    private readonly Dictionary<NodeAddress, TcpConnection> _pool = new();
    private readonly HashSet<TcpConnection> _connections = new();
    private readonly Dictionary<NodeAddress, (int Failures, long RetryAtMs)> _backoff = new();
    private readonly CancellationTokenSource _shutdown = new();
    private MessageHandler? _onMessage;
    private Task _acceptLoop = Task.CompletedTask;
    private Timer? _idleSweep;
    private int _state = Bound;
    private long _framesSent, _framesReceived, _dropped, _badInput;

    private TcpTransport(Socket listener, NodeAddress local, TcpTransportOptions options, Action<string> log)
    {
        _listener = listener;
        LocalAddress = local;
        Options = options;
        _log = log;
    }

    /// <summary>Binds and listens (port 0: the OS picks one; <see cref="LocalAddress"/> has it). Start delivers.</summary>
    public static TcpTransport Listen(NodeAddress listen, TcpTransportOptions? options = null, Action<string>? log = null)
    {
        options ??= new TcpTransportOptions();
        options.Validate();
        if (listen.Ip == 0)
            throw new ArgumentException("listen on a concrete IPv4 address (the one other nodes will use), not 0.0.0.0");
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(listen.ToEndPoint());
            socket.Listen(512);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var bound = (IPEndPoint)socket.LocalEndPoint!;
        return new TcpTransport(socket, NodeAddress.FromIp(bound.Address, bound.Port), options, log ?? (_ => { }));
    }

    public NodeAddress LocalAddress { get; }
    public TcpTransportOptions Options { get; }

    public long FramesSent => Interlocked.Read(ref _framesSent);
    public long FramesReceived => Interlocked.Read(ref _framesReceived);
    /// <summary>Messages given to Send that were not written to a socket (unreachable, queue full, closed).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);
    /// <summary>Connections closed for bad input (malformed, oversized or unexpected frames, bad hello).</summary>
    public long BadInputCount => Interlocked.Read(ref _badInput);

    public int ConnectionCount
    {
        get { lock (_gate) return _connections.Count; }
    }

    public void Start(MessageHandler onMessage)
    {
        if (Interlocked.CompareExchange(ref _state, Started, Bound) != Bound)
            throw new InvalidOperationException("transport already started or closed");
        _onMessage = onMessage;
        _acceptLoop = Task.Run(AcceptLoopAsync);
        if (Options.IdleTimeout > TimeSpan.Zero)
        {
            var period = TimeSpan.FromTicks(Math.Clamp(Options.IdleTimeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerSecond));
            _idleSweep = new Timer(_ => CloseIdle(), null, period, period);
        }
    }

    public void Send(NodeAddress to, Message message)
    {
        if (Volatile.Read(ref _state) != Started)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }
        if (to == LocalAddress)
        {
            _onMessage!(LocalAddress, message);
            return;
        }
        byte[] frame;
        try
        {
            frame = MessageCodec.EncodeFrame(message, Options.MaxFrameBytes);
        }
        catch (WireFormatException e)
        {
            Interlocked.Increment(ref _dropped);
            _log($"dropped {message.Kind} to {to}: {e.Message}");
            return;
        }
        TcpConnection? connection;
        lock (_gate)
        {
            if (!_pool.TryGetValue(to, out connection) || connection.IsClosed)
            {
                if (_backoff.TryGetValue(to, out var b) && Environment.TickCount64 < b.RetryAtMs)
                {
                    Interlocked.Increment(ref _dropped);
                    return;
                }
                connection = TcpConnection.Outgoing(this, to);
                _pool[to] = connection;
                _connections.Add(connection);
                connection.Start();
            }
        }
        if (!connection.Enqueue(frame)) Interlocked.Increment(ref _dropped);
    }

    public void Abort()
    {
        if (Interlocked.Exchange(ref _state, Closed) == Closed) return;
        StopListening();
        foreach (var c in Snapshot()) c.Close();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _state, Closed) == Closed) return;
        StopListening();
        var open = Snapshot();
        foreach (var c in open) c.BeginDrain();
        var all = Task.WhenAll(open.Select(c => c.Completion));
        await Task.WhenAny(all, Task.Delay(Options.DrainTimeout)).ConfigureAwait(false);
        foreach (var c in open) c.Close();
        await _acceptLoop.ConfigureAwait(false);
    }

    // ---- called by connections ----

    internal void OnConnected(TcpConnection c)
    {
        lock (_gate) _backoff.Remove(c.Remote);
    }

    internal void OnConnectFailed(TcpConnection c, string reason)
    {
        int failures;
        lock (_gate)
        {
            failures = _backoff.TryGetValue(c.Remote, out var b) ? b.Failures + 1 : 1;
            double ms = Math.Min(Options.ReconnectBackoffMin.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30)), Options.ReconnectBackoffMax.TotalMilliseconds);
            _backoff[c.Remote] = (failures, Environment.TickCount64 + (long)ms);
        }
        // Once per run of failures: a dead neighbour would otherwise fill the log at every ping.
        if (failures == 1) _log($"cannot connect to {c.Remote}: {reason}; messages to it are dropped until it answers");
    }

    internal void OnHello(TcpConnection c)
    {
        lock (_gate)
        {
            if (!_pool.TryGetValue(c.Remote, out var existing) || existing.IsClosed)
                _pool[c.Remote] = c;
            _backoff.Remove(c.Remote); // it is up: no reason to wait before answering it
        }
    }

    internal void OnBadInput(TcpConnection c, string reason)
    {
        Interlocked.Increment(ref _badInput);
        _log($"closing {c}: {reason}");
    }

    internal void OnClosed(TcpConnection c, int framesLost)
    {
        if (framesLost > 0) Interlocked.Add(ref _dropped, framesLost);
        lock (_gate)
        {
            _connections.Remove(c);
            if (_pool.TryGetValue(c.Remote, out var pooled) && pooled == c) _pool.Remove(c.Remote);
        }
    }

    internal void Deliver(TcpConnection c, Message message)
    {
        Interlocked.Increment(ref _framesReceived);
        if (Volatile.Read(ref _state) == Started) _onMessage!(c.Remote, message);
    }

    internal void CountSent() => Interlocked.Increment(ref _framesSent);

    // ---- internals ----

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_shutdown.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                if (_shutdown.IsCancellationRequested) return;
                _log($"accept failed: {e.Message}");
                continue;
            }
            socket.NoDelay = true;
            var connection = TcpConnection.Incoming(this, socket);
            bool refused;
            lock (_gate)
            {
                refused = Volatile.Read(ref _state) != Started || _connections.Count >= Options.MaxConnections;
                if (!refused) _connections.Add(connection);
            }
            if (refused)
            {
                socket.Dispose();
                continue;
            }
            connection.Start();
        }
    }

    private void StopListening()
    {
        _idleSweep?.Dispose();
        _shutdown.Cancel();
        _listener.Dispose();
    }

    private TcpConnection[] Snapshot()
    {
        lock (_gate) return _connections.ToArray();
    }

    private void CloseIdle()
    {
        long limitMs = (long)Options.IdleTimeout.TotalMilliseconds;
        foreach (var c in Snapshot())
            if (c.IdleMs > limitMs) c.Close();
    }
}
