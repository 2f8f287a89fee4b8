using GossipSim.Engine.Bytes;
using GossipSim.Engine.Trust;
using System.Net;
using System.Net.Sockets;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.RealNet.Security;
using GossipSim.Engine.Wire;
using GossipSim.RealNet.Wire;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Transport;

/// <summary>
/// <see cref="ITransport"/> over TCP: one connection per pair of nodes, pooled by the other's listen
/// address (incoming ones once their hello names it; a pooled one is kept, so a sender's messages never
/// switch connection). A failed connect drops sends there for a doubling back-off, so a dead node costs
/// one attempt. All a remote end can make this node hold is bounded (<see cref="TcpTransportOptions"/>). A refused connect, a reset, a
/// connect or handshake with no answer within the connect timeout and a frame not taken within the frame timeout are reported to the
/// node (<see cref="IReportsFailedSends"/>), at most once per destination per back-off.
/// </summary>
public sealed partial class TcpTransport : ITransport, IReportsFailedSends
{
    private const int Bound = 0, Started = 1, Closed = 2;

    private readonly Socket _listener;
    private readonly LogThrottle _badInputLog;
    private readonly LogThrottle _limitLog;
    private readonly LogThrottle _rateLog;
    // Both can be driven by others: what a seed sends is its answer to a request, and whom it dials (a registrant's claimed address) the
    // request names.
    private readonly LogThrottle _unsendableLog;
    private readonly LogThrottle _unreachableLog;
    private readonly object _gate = new();
    private readonly Dictionary<NodeAddress, TcpConnection> _pool = new();
    private readonly HashSet<TcpConnection> _connections = new();
    private readonly Dictionary<NodeAddress, (int Failures, long RetryAtMs)> _backoff = new();
    private readonly FailedSendReports _failedSendReports = new(); // under _gate
    private Action<NodeAddress>? _reportFailedSend;
    private long _failedSendsReported;
    // by source IP; only those not rested (swept by the housekeeping)
    private readonly Dictionary<uint, RatePacer> _handshakePacers = new();
    private readonly CancellationTokenSource _shutdown = new();
    private MessageHandler? _onMessage;
    private SenderPolicy? _senders;
    private Task _acceptLoop = Task.CompletedTask;
    private Timer? _housekeeping;
    private int _state = Bound;
    private int _incoming, _outgoing; // under _gate
    private long _acceptSequence;
    private long _framesSent, _framesReceived, _bytesSent, _bytesReceived, _dropped, _badInput, _refusedConnections,
        _refusedMessages, _queuedBytes,
        _framesHeldBack, _refusedHandshakes;

    private TcpTransport(Socket listener, NodeAddress local, TcpTransportOptions options, Action<string> log)
    {
        _listener = listener;
        LocalAddress = local;
        Options = options;
        _badInputLog = new LogThrottle(log, burst: 20, "connections closed for bad input", static () => Environment.TickCount64);
        _limitLog = new LogThrottle(log, burst: 1, "connections closed at the connection limit", static () => Environment.TickCount64);
        _rateLog = new LogThrottle(log, burst: 5, "lines about connections over their rate", static () => Environment.TickCount64);
        _unsendableLog = new LogThrottle(log, burst: 20, "messages dropped as unsendable", static () => Environment.TickCount64);
        _unreachableLog = new LogThrottle(log, burst: 20, "nodes found unreachable", static () => Environment.TickCount64);
        Identity = options.Identity ?? NodeIdentity.Ephemeral();
        Keys.Own(LocalAddress, Identity.PublicKey);
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
        log ??= _ => { };
        // What the kernel has, said once: the accepted and dialled sockets get the same.
        if (OperatingSystem.IsLinux() && !CutRideOut.Apply(socket))
            log("this kernel cannot cap TCP's retry timer (TCP_RTO_MAX_MS, Linux 6.15 and later): after a network cut of over about "
                + "25 s a connection carries nothing until TCP's next try, up to 2 min after the heal");
        return new TcpTransport(socket, NodeAddress.FromIp(bound.Address, bound.Port), options, log);
    }

    public NodeAddress LocalAddress { get; }
    public TcpTransportOptions Options { get; }

    /// <summary>
    /// Where a connection to a node is made, looked up at each new connection (a seed named by host
    /// name: its container may come back on another address); null: at the node's own address.
    /// </summary>
    public Func<NodeAddress, NodeAddress>? DialAddress { get; set; }

    /// <summary>The key this node proves in every handshake.</summary>
    public NodeIdentity Identity { get; private set; }

    /// <summary>
    /// Sets the key to prove, before <see cref="Start"/>: a node whose key file lives in a
    /// directory named after its port learns where only once it has bound.
    /// </summary>
    public void UseIdentity(NodeIdentity identity)
    {
        if (Volatile.Read(ref _state) != Bound) throw new InvalidOperationException("the identity is set before the transport starts");
        Identity = identity;
        Keys.Own(LocalAddress, identity.PublicKey);
    }

    /// <summary>Which key each known address must prove; a connection that proves another is refused
    /// (<see cref="TcpTransport.OnRefused"/>).</summary>
    public KeyBook Keys { get; } = new();

    public long FramesSent => Interlocked.Read(ref _framesSent);
    public long FramesReceived => Interlocked.Read(ref _framesReceived);
    /// <summary>Bytes of the message frames written to sockets, as on the wire (header and, with a cluster key, sealing
    /// included).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);
    /// <summary>Bytes of the message frames read from sockets, as on the wire; frames refused or malformed included.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);
    /// <summary>Messages given to Send that were not written to a socket (unreachable, queue full, closed).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);
    /// <summary>Connections closed for bad input (malformed, oversized, stalled or unauthenticated frames, bad hello).</summary>
    public long BadInputCount => Interlocked.Read(ref _badInput);
    /// <summary>Incoming connections closed at the connection limit (new ones refused, or old ones still waiting for their
    /// hello).</summary>
    public long RefusedConnections => Interlocked.Read(ref _refusedConnections);
    /// <summary>Messages from a sender the <see cref="SenderPolicy"/> does not accept them from (each closed its connection).</summary>
    public long RefusedMessages => Interlocked.Read(ref _refusedMessages);
    /// <summary>Frames read later than they arrived because their connection was over
    /// <see cref="TcpTransportOptions.MaxFramesPerSecond"/>.</summary>
    public long FramesHeldBack => Interlocked.Read(ref _framesHeldBack);
    /// <summary>Incoming handshakes left unanswered (closed at the connect timeout): their IP was over
    /// <see cref="TcpTransportOptions.MaxHandshakesPerSecond"/> by more than half the connect timeout.</summary>
    public long RefusedHandshakes => Interlocked.Read(ref _refusedHandshakes);
    /// <summary>Failed sends told to the node (<see cref="ReportFailedSends"/>): refused or timed-out connects, resets and timed-out
    /// writes, once per destination per back-off.</summary>
    public long FailedSendsReported => Interlocked.Read(ref _failedSendsReported);
    /// <summary>Bytes waiting in connections' send queues.</summary>
    public long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    /// <summary>What the pooled connection to <paramref name="to"/> holds for sending (0: none). Its cap bounds it; the transport's
    /// total may hold more for a moment, when a stalled connection to the same node closes and a new one takes its place while the
    /// old one's writer still holds a frame.</summary>
    internal long QueuedBytesTo(NodeAddress to)
    {
        lock (_gate) return _pool.TryGetValue(to, out var connection) ? connection.QueuedBytes : 0;
    }

    public int ConnectionCount
    {
        get { lock (_gate) return _connections.Count; }
    }

    public int IncomingConnectionCount
    {
        get { lock (_gate) return _incoming; }
    }

    /// <summary>Refuses messages from senders the policy does not accept them from. Call before <see cref="Start"/>.</summary>
    public void RestrictSenders(SenderPolicy policy)
    {
        if (Volatile.Read(ref _state) != Bound) throw new InvalidOperationException("restrict senders before the transport starts");
        _senders = policy;
    }

    /// <summary>A seed a step of the seed set brings in (from the node's loop): the sender policy takes seeds' messages from it, and its
    /// connections are long-lived, like the listed seeds'.</summary>
    public void AdmitSeed(NodeAddress seed, NodeKey key)
    {
        _senders?.Admit(seed, key);
        KeepOpen(seed, keep: true);
    }

    public void ReportFailedSends(Action<NodeAddress> report) => Volatile.Write(ref _reportFailedSend, report);

    public void Start(MessageHandler onMessage)
    {
        if (Interlocked.CompareExchange(ref _state, Started, Bound) != Bound)
            throw new InvalidOperationException("transport already started or closed");
        _onMessage = onMessage;
        _acceptLoop = Task.Run(AcceptLoopAsync);
        // A quarter of the shortest deadline, so each is enforced within 25 % of its length.
        long contactMs = Options.ContactIdleMs;
        long shortest = Math.Min(Options.FrameTimeout.Ticks, contactMs > 0 ? contactMs * TimeSpan.TicksPerMillisecond : long.MaxValue);
        var period = TimeSpan.FromTicks(Math.Clamp(shortest / 4, TimeSpan.TicksPerMillisecond * 10, TimeSpan.TicksPerSecond));
        _housekeeping = new Timer(_ => Housekeeping(), null, period, period);
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
            _onMessage!(LocalAddress, message, 0);
            return;
        }
        byte[] frame;
        try
        {
            frame = Framing.EncodeFrame(message, Options.MaxFrameBytes);
        }
        catch (WireFormatException e)
        {
            Interlocked.Increment(ref _dropped);
            _unsendableLog.Line($"dropped {message.Kind} to {to}: {e.Message}");
            return;
        }
        bool alone = message.TravelsAlone;
        TcpConnection? connection;
        lock (_gate)
        {
            if (alone || !_pool.TryGetValue(to, out connection) || connection.IsClosed)
            {
                connection = (alone ? null : PooledUnderAlias(to)) ?? OpenOutgoing(to, message.Kind, alone);
                if (connection == null) return;
            }
        }
        if (!connection.Enqueue(frame)) Interlocked.Increment(ref _dropped);
        if (alone) connection.BeginDrain();
    }

    /// <summary>
    /// Opens a connection to <paramref name="to"/> (under <see cref="_gate"/>), or drops the
    /// message and returns null while the address is in back-off or the outgoing limit is
    /// reached. A pooled connection carries every later message to that node. One for a
    /// message that travels <paramref name="alone"/> (a dial-back) stays outside the pool, so a
    /// connection the recipient opened under that address never carries it; its hello names its
    /// own source address (nobody listens there, so it is never mistaken for this node's
    /// connection), and it closes once the frame is out.
    /// </summary>
    private TcpConnection? OpenOutgoing(NodeAddress to, MessageKind kind, bool alone)
    {
        if (_backoff.TryGetValue(to, out var b) && Environment.TickCount64 < b.RetryAtMs)
        {
            Interlocked.Increment(ref _dropped);
            return null;
        }
        if (_outgoing >= Options.MaxOutgoingConnections)
        {
            Interlocked.Increment(ref _dropped);
            _limitLog.Line($"outgoing connection limit ({Options.MaxOutgoingConnections}) reached: dropped {kind} to {to}");
            return null;
        }
        var connection = TcpConnection.Outgoing(this, to, alone);
        if (!alone) _pool[to] = connection;
        _connections.Add(connection);
        _outgoing++;
        connection.Start();
        return connection;
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

    /// <summary>Socket settings for every connection: no Nagle delay, TCP keep-alive so an idle connection to a host that vanished is
    /// found dead (probes from 15 s idle, 5 s apart), and a network cut ridden out (<see cref="CutRideOut"/>): where the kernel takes
    /// its give-up in time, that also holds the keep-alive's verdict to it, so an idle connection outlives a cut of up to two minutes
    /// as a busy one does.</summary>
    internal static void Configure(Socket socket)
    {
        socket.NoDelay = true;
        CutRideOut.Apply(socket);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 15);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 5);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
        }
        catch (Exception e) when (e is SocketException or PlatformNotSupportedException)
        {
            // Not every platform has the fine-grained settings; the idle timeout still applies.
        }
    }

    // ---- called by connections ----

    internal bool TryReserve(int bytes)
    {
        if (Interlocked.Add(ref _queuedBytes, bytes) <= Options.TotalQueueBytes) return true;
        Interlocked.Add(ref _queuedBytes, -bytes);
        return false;
    }

    /// <summary>Holds bytes whatever the limit: the rest of a frame the socket took in part.</summary>
    internal void Reserve(int bytes) => Interlocked.Add(ref _queuedBytes, bytes);

    internal void ReleaseReserved(int bytes) => Interlocked.Add(ref _queuedBytes, -bytes);

    internal void OnConnected(TcpConnection c)
    {
        lock (_gate)
        {
            _backoff.Remove(c.Remote);
            _failedSendReports.Connected(c.Remote);
        }
    }

    internal void OnConnectFailed(TcpConnection c, string reason)
    {
        int failures;
        lock (_gate)
        {
            failures = _backoff.TryGetValue(c.Remote, out var b) ? b.Failures + 1 : 1;
            double ms = Math.Min(Options.ReconnectBackoffMin.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 30)),
                Options.ReconnectBackoffMax.TotalMilliseconds);
            _backoff[c.Remote] = (failures, Environment.TickCount64 + (long)ms);
        }
        // Once per run of failures: a dead neighbour would otherwise fill the log at every ping.
        if (failures == 1) _unreachableLog.Line($"cannot connect to {c.Remote}: {reason}; messages to it are dropped until it answers");
        // The message that opened it is lost, and those sent during the back-off will be: the node hears it once per try.
        ReportFailedSend(c.Remote);
    }

    /// <summary>A connection with a known node was reset (or aborted) by the other end, or timed out by the kernel: what was queued or in
    /// flight on it is lost.</summary>
    internal void OnReset(TcpConnection c)
    {
        if (!c.IsAlone) ReportFailedSend(c.Remote);
    }

    /// <summary>The watchdog closed a connection with a known node whose frame it did not take within the frame timeout: the send timed
    /// out.</summary>
    private void OnWriteTimedOut(TcpConnection c)
    {
        if (c.HelloDone && !c.IsAlone) ReportFailedSend(c.Remote);
    }

    /// <summary>
    /// Tells the node a send to <paramref name="to"/> failed, unless it heard so within the shortest back-off: a dead node's connects
    /// are tried once per back-off already, and this keeps a reset and the refused reconnect right after it to one report.
    /// </summary>
    private void ReportFailedSend(NodeAddress to)
    {
        if (Volatile.Read(ref _reportFailedSend) is not { } report || to.IsNone || Volatile.Read(ref _state) != Started) return;
        bool due;
        lock (_gate) due = _failedSendReports.Take(to, Environment.TickCount64, (long)Options.ReconnectBackoffMin.TotalMilliseconds);
        if (!due) return;
        Interlocked.Increment(ref _failedSendsReported);
        report(to);
    }

    internal void OnBadInput(TcpConnection c, string reason)
    {
        Interlocked.Increment(ref _badInput);
        _badInputLog.Line($"closing {c}: {reason}");
    }

    /// <summary>A connection refused for who it claims to be (another IP, or an address already connected).</summary>
    internal void OnRefused(TcpConnection c, string reason)
    {
        Interlocked.Increment(ref _badInput);
        _badInputLog.Line($"refusing {c}: {reason}");
    }

    /// <summary>A frame of <paramref name="c"/> is read late: its connection is over its rate. Said once per connection.</summary>
    internal void OnOverRate(TcpConnection c)
    {
        Interlocked.Increment(ref _framesHeldBack);
        if (c.NoteOverRate())
            _rateLog.Line($"{c} sends more than {Options.MaxFramesPerSecond} frames a second: it is read at that rate, "
                + $"and TCP holds the rest back");
    }

    /// <summary>
    /// When <paramref name="c"/>'s handshake may start: at once, after a wait (its IP is over its
    /// rate), or never (null: the wait would exceed half the connect timeout).
    /// </summary>
    internal TimeSpan? HandshakeTurn(TcpConnection c)
    {
        if (Options.MaxHandshakesPerSecond == 0) return TimeSpan.Zero;
        var now = TimeSpan.FromMilliseconds(Environment.TickCount64);
        lock (_gate)
        {
            var (admitted, wait, after) = _handshakePacers.GetValueOrDefault(c.SocketIp)
                .Reserve(now, Options.MaxHandshakesPerSecond, Options.HandshakeBurst, Options.ConnectTimeout / 2);
            if (!admitted) return null;
            _handshakePacers[c.SocketIp] = after;
            return wait;
        }
    }

    internal void OnHandshakeRefused(TcpConnection c)
    {
        Interlocked.Increment(ref _refusedHandshakes);
        _rateLog.Line($"{c} goes unanswered until the connect timeout: its IP makes more "
            + $"than {Options.MaxHandshakesPerSecond} handshakes a second");
    }

    internal void OnClosed(TcpConnection c, int framesLost)
    {
        if (framesLost > 0) Interlocked.Add(ref _dropped, framesLost);
        lock (_gate)
        {
            if (!_connections.Remove(c)) return;
            if (c.IsOutgoing) _outgoing--;
            else _incoming--;
            if (!_pool.TryGetValue(c.Remote, out var pooled) || pooled != c) return;
            _pool.Remove(c.Remote);
            // Another live connection with the same node (left over from both sides dialling at
            // once) takes its place: a node never dials a node it is still connected to.
            foreach (var other in _connections)
                if (other.Remote == c.Remote && other.HelloDone && !other.IsClosed)
                {
                    _pool[c.Remote] = other;
                    break;
                }
        }
    }

    /// <summary>Hands a message to the node, unless its sender may not send it: then it is dropped, and false when the connection
    /// closes for it (<see cref="SenderPolicy.ClosesOnRefusal"/>).</summary>
    internal bool Deliver(TcpConnection c, Message message, int wireBytes)
    {
        Interlocked.Increment(ref _framesReceived);
        if (_senders?.Refusal(c.Remote, message.Kind, c.ProvenKey) is { } refusal)
        {
            Interlocked.Increment(ref _refusedMessages);
            bool close = _senders.ClosesOnRefusal(message.Kind);
            _badInputLog.Line(close ? $"closing {c}: {refusal}" : $"dropped from {c}: {refusal}");
            return !close;
        }
        // An address bound to a key since this connection's handshake (a peer's new neighbour)
        // is taken from no other key: a connection that claimed it earlier closes at its next frame.
        if (c.ProvenKey is { } provenKey && Keys.Refusal(c.Remote, provenKey) is { } impostor)
        {
            Interlocked.Increment(ref _refusedMessages);
            _badInputLog.Line($"closing {c}: {c.Remote} {impostor}");
            return false;
        }
        // The node learns a sender's key only from what its connection proved, never from the wire.
        if (message is IProvenSender proven) message = proven.WithSenderKey(c.ProvenKey);
        if (Volatile.Read(ref _state) == Started) _onMessage!(c.Remote, message, wireBytes);
        return true;
    }

    internal void CountSent(int wireBytes)
    {
        Interlocked.Increment(ref _framesSent);
        Interlocked.Add(ref _bytesSent, wireBytes);
    }

    internal void CountReceivedBytes(int wireBytes) => Interlocked.Add(ref _bytesReceived, wireBytes);

    // ---- internals ----

    private void StopListening()
    {
        _housekeeping?.Dispose();
        _shutdown.Cancel();
        _listener.Dispose();
    }

    private TcpConnection[] Snapshot()
    {
        lock (_gate) return _connections.ToArray();
    }
}
