using GossipSim.Engine.Bytes;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.RealNet.Security;
using GossipSim.Engine.Wire;
using GossipSim.RealNet.Wire;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Transport;

/// <summary>
/// One TCP connection of a <see cref="TcpTransport"/>: a queue of outgoing frames drained by a
/// writer, and a reader that decodes frames and hands messages to the transport. Outgoing
/// connections connect and send the hello first (with a cluster key: the whole handshake);
/// incoming ones wait for the hello to learn who is on the other end. Any failure closes the
/// connection; the transport drops it from its pool. The transport's watchdog closes a
/// connection whose frame is stuck half-read or half-written (<see cref="StalledFor"/>).
/// </summary>
internal sealed class TcpConnection
{
    private readonly TcpTransport _owner;
    private readonly Channel<OutFrame> _outbox;
    // Taken to send a frame from the caller's thread or to queue one; the writer holds _writerBusy
    // while it drains, so frames leave in the order they were given.
    private readonly object _sendGate = new();
    private bool _sendsInline; // under _sendGate: connected, not draining, not closed
    private bool _drainBegun;  // under _sendGate
    private bool _writerBusy;  // under _sendGate
    private readonly CancellationTokenSource _cts = new();
    private Socket? _socket;
    // Only with a cluster key.
    private SecureSession? _session;
    private int _closed;
    private long _lastActivityMs = Environment.TickCount64;
    private long _queuedBytes;

    /// <summary>Bytes this connection holds for sending (queued, and the frame its writer has in hand): what its cap bounds.</summary>
    internal long QueuedBytes => Interlocked.Read(ref _queuedBytes);
    // A frame in flight: when its first byte arrived (0: none), and how far it got. Written by the
    // reader, read by the watchdog; a torn read only makes a log line's numbers slightly stale.
    private long _readStartedMs, _readGot, _readExpected;
    private long _writeStartedMs;
    private bool _overRateNoted; // the reader's alone

    private TcpConnection(TcpTransport owner, bool outgoing, NodeAddress remote, Socket? socket, long sequence, bool alone = false)
    {
        _owner = owner;
        IsOutgoing = outgoing;
        IsAlone = alone;
        Remote = remote;
        _socket = socket;
        Sequence = sequence;
        var peer = socket?.RemoteEndPoint as IPEndPoint;
        SocketPeer = peer?.ToString() ?? remote.ToString();
        SocketIp = peer != null ? NodeAddress.FromIp(peer.Address, 0).Ip : remote.Ip;
        _outbox = Channel.CreateBounded<OutFrame>(new BoundedChannelOptions(owner.Options.MaxQueuedFramesPerConnection)
        {
            SingleReader = false, // the writer, and Close draining what is left
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails when full: we count the drop
        });
    }

    /// <param name="alone">A one-off connection for one message (<see cref="Engine.Messages.Message.TravelsAlone"/>): its hello names its
    /// own source address, not this node's.</param>
    public static TcpConnection Outgoing(TcpTransport owner, NodeAddress remote, bool alone = false)
        => new(owner, true, remote, null, 0, alone);

    public static TcpConnection Incoming(TcpTransport owner, Socket socket, long sequence)
        => new(owner, false, NodeAddress.None, socket, sequence);

    public bool IsOutgoing { get; }

    /// <summary>An outgoing connection for one message alone, outside the pool.</summary>
    public bool IsAlone { get; }

    /// <summary>Accept order of an incoming connection: the oldest one still waiting for its hello is the first to go at the connection
    /// limit.</summary>
    public long Sequence { get; }

    /// <summary>The other node's listen address: known from the start when outgoing, from the hello when incoming.</summary>
    public NodeAddress Remote { get; private set; }

    /// <summary>The socket's other end (ip:port), as the operating system sees it.</summary>
    public string SocketPeer { get; }

    /// <summary>The IPv4 address the connection comes from (incoming) or goes to (outgoing).</summary>
    public uint SocketIp { get; }

    /// <summary>The address an incoming connection's hello names, once read (before any handshake has vouched for it).</summary>
    public NodeAddress Claimed { get; private set; }

    /// <summary>The public key the other end proved in the handshake (null until then).</summary>
    public NodeKey? ProvenKey { get; private set; }

    public bool HelloDone { get; private set; }
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>When an outgoing connection's hello went out (Environment.TickCount64); 0 before.</summary>
    public long ConnectedAtMs { get; private set; }
    public bool IsEncrypted => _session != null;
    public long IdleMs => Environment.TickCount64 - Interlocked.Read(ref _lastActivityMs);
    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start() => Completion = Task.Run(RunAsync);

    /// <summary>A frame waiting for the writer: whole and not yet sealed, or the sealed rest of one the socket took only part of.
    /// <paramref name="Charge"/> is what it holds of the queue's bytes.</summary>
    private readonly record struct OutFrame(byte[] Bytes, int Offset, int Charge, bool Sealed);

    /// <summary>
    /// Sends a frame at once from the caller's thread when nothing waits before it (the socket takes it without waiting, as it does on
    /// an idle connection), else queues it for the writer, unless the connection is closed or its share of memory (frames, bytes, and
    /// the transport's total) is used up. Sending from the node's loop saves a hop to the writer's thread for each frame: on loopback
    /// that hand-over was a large part of a gossip hop (docs/performance.md, section 5).
    /// </summary>
    public bool Enqueue(byte[] frame)
    {
        if (IsClosed) return false;
        lock (_sendGate)
        {
            if (_sendsInline && !_writerBusy && _outbox.Reader.Count == 0 && SendInline(frame)) return true;
            return Queue(new OutFrame(frame, 0, frame.Length, Sealed: false));
        }
    }

    /// <summary>Under <see cref="_sendGate"/>, nothing queued: offers the frame to the socket. False: not sent (the socket failed;
    /// the writer meets the error when it sends the frame). A part the socket did not take is queued first, sealed.</summary>
    private bool SendInline(byte[] frame)
    {
        byte[] wire;
        int sent;
        try
        {
            wire = _session != null ? _session.Seal(frame.AsSpan(Framing.HeaderBytes)) : frame;
            sent = SendNow(wire);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or WireFormatException)
        {
            return false;
        }
        if (sent < wire.Length)
        {
            // The rest must go before any later frame: the writer takes it first. Its bytes are held whatever the limits, as a frame
            // taken by the writer would be.
            Interlocked.Add(ref _queuedBytes, wire.Length - sent);
            _owner.Reserve(wire.Length - sent);
            if (!_outbox.Writer.TryWrite(new OutFrame(wire, sent, wire.Length - sent, Sealed: true))) Release(wire.Length - sent);
            return true;
        }
        Touch();
        _owner.CountSent(wire.Length);
        return true;
    }

    private bool Queue(OutFrame frame)
    {
        int bytes = frame.Charge;
        if (Interlocked.Add(ref _queuedBytes, bytes) > _owner.Options.ConnectionQueueBytes)
        {
            Interlocked.Add(ref _queuedBytes, -bytes);
            return false;
        }
        if (!_owner.TryReserve(bytes))
        {
            Interlocked.Add(ref _queuedBytes, -bytes);
            return false;
        }
        if (_outbox.Writer.TryWrite(frame)) return true;
        Release(bytes);
        return false;
    }

    /// <summary>Clean end: send what is queued, half-close, and let the other side finish.</summary>
    public void BeginDrain()
    {
        lock (_sendGate)
        {
            _sendsInline = false;
            _drainBegun = true;
        }
        _outbox.Writer.TryComplete();
        // An incoming connection still waiting for its hello has nothing queued for it.
        if (!IsOutgoing && !HelloDone) Close();
    }

    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        _outbox.Writer.TryComplete();
        _cts.Cancel();
        try { _socket?.Dispose(); } catch (ObjectDisposedException) { }
        int lost = 0;
        while (_outbox.Reader.TryRead(out var frame))
        {
            lost++;
            Release(frame.Charge);
        }
        _session?.Dispose();
        _owner.OnClosed(this, lost);
    }

    /// <summary>
    /// How long a frame has been stuck half-read or half-written, with a line that says which (Writing: a frame this
    /// node sends, which the other side does not take); zero when nothing is in flight.
    /// </summary>
    public (long Ms, string What, bool Writing) StalledFor(long nowMs)
    {
        long read = Interlocked.Read(ref _readStartedMs), write = Interlocked.Read(ref _writeStartedMs);
        long readMs = read == 0 ? 0 : nowMs - read, writeMs = write == 0 ? 0 : nowMs - write;
        string limit = $"{_owner.Options.FrameTimeout.TotalSeconds:0.###} s";
        if (readMs >= writeMs && readMs > 0)
        {
            long expected = Interlocked.Read(ref _readExpected);
            string size = expected > 0 ? $"a {expected}-byte frame" : "a frame header";
            return (readMs, $"only {Interlocked.Read(ref _readGot)} bytes of {size} arrived within {limit}", false);
        }
        return writeMs > 0 ? (writeMs, $"the other side took no frame for {limit} (it stopped reading)", true) : (0, "", false);
    }

    /// <summary>True the first time this connection goes over its rate (for one log line per connection).</summary>
    public bool NoteOverRate()
    {
        if (_overRateNoted) return false;
        _overRateNoted = true;
        return true;
    }

    public override string ToString() =>
        IsAlone ? $"one-off connection to {Remote}"
        : IsOutgoing ? $"connection to {Remote}"
        : HelloDone ? $"connection from {Remote}"
        : Claimed.IsNone ? $"incoming connection from {SocketPeer}"
        : $"incoming connection from {SocketPeer} (hello says {Claimed})";

    private void Touch() => Interlocked.Exchange(ref _lastActivityMs, Environment.TickCount64);

    /// <summary>
    /// Gives a frame's bytes back: the transport's count first, then the connection's. <see cref="Queue"/> adds in the other order,
    /// so the transport never counts more for a connection than the connection itself, whose count its cap bounds. Released the
    /// other way round, a frame queued in between (the connection's count already down) was counted twice by the transport for a
    /// moment: CI once read a lone connection's queue as 1,061,846 bytes under a 1 MiB cap.
    /// </summary>
    private void Release(int bytes)
    {
        _owner.ReleaseReserved(bytes);
        Interlocked.Add(ref _queuedBytes, -bytes);
    }

    private async Task RunAsync()
    {
        try
        {
            bool ready = IsOutgoing ? await ConnectAsync().ConfigureAwait(false) : await ReceiveHelloAsync().ConfigureAwait(false);
            if (!ready) return;
            var stream = new NetworkStream(_socket!, ownsSocket: false);
            // Frames are first offered to the socket without waiting (see SendNow); NetworkStream
            // checks the mode only when it is made, and its async reads and writes do not depend on it.
            _socket!.Blocking = false;
            lock (_sendGate) _sendsInline = !_drainBegun && !IsClosed;
            var reading = ReadLoopAsync(stream);
            var writing = WriteLoopAsync(stream);
            var first = await Task.WhenAny(reading, writing).ConfigureAwait(false);
            Observe(first == reading ? writing : reading);
            await first.ConfigureAwait(false); // a failure ends the connection here
            // A writer ends cleanly only after a drain: it sent everything and half-closed, and
            // the other side closes in turn once it has read it all.
            if (first == writing) await reading.ConfigureAwait(false);
        }
        catch (Exception e)
            when (e is OperationCanceledException or ObjectDisposedException or IOException or SocketException or WireFormatException)
        {
            // The socket went away under us (or a frame could not be sealed): the connection just ends. Reset by the other end (its
            // process is gone), or timed out by the kernel (what was written was never acknowledged, or keep-alive found the host
            // gone): the node hears its sends there failed, as the paper protocols' TCP failure detection assumes.
            if (HelloDone && !_cts.IsCancellationRequested && (IsReset(e) || IsTimedOut(e))) _owner.OnReset(this);
        }
        finally
        {
            Close();
        }
    }

    /// <summary>Whether the connection ended because the other end reset it (or the system aborted it, or the pipe broke), directly or
    /// inside the stream's IOException.</summary>
    internal static bool IsReset(Exception e) =>
        (e as SocketException ?? e.InnerException as SocketException)?.SocketErrorCode
            is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown;

    /// <summary>Whether the kernel gave up on the connection: data written and never acknowledged, or keep-alive probes unanswered (the
    /// other host is gone or cut off, without a reset).</summary>
    internal static bool IsTimedOut(Exception e) =>
        (e as SocketException ?? e.InnerException as SocketException)?.SocketErrorCode is SocketError.TimedOut;

    /// <summary>The loop that did not end first fails when the socket closes; nobody needs that error.</summary>
    private static void Observe(Task task) =>
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    private async Task<bool> ConnectAsync()
    {
        var options = _owner.Options;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        TcpTransport.Configure(_socket);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_cts.Token);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            // The other side checks that our hello's IP is the one we connect from.
            if (options.CheckHelloIp) _socket.Bind(new IPEndPoint(_owner.LocalAddress.ToEndPoint().Address, 0));
            var dial = _owner.DialAddress?.Invoke(Remote) ?? Remote;
            var error = await ConnectNoThrowAsync(_socket, dial.ToEndPoint(), timeout.Token).ConfigureAwait(false);
            if (error != SocketError.Success)
            {
                if (!_cts.IsCancellationRequested)
                    _owner.OnConnectFailed(this, timeout.IsCancellationRequested
                        ? $"no answer within {options.ConnectTimeout.TotalSeconds:0.###} s"
                        : new SocketException((int)error).Message); // made, never thrown: no stack trace is built
                return false;
            }
            if (ReachedItself(_socket))
            {
                // Nobody listens there: the kernel joined the attempt to itself (TCP's simultaneous open, when the source port it
                // chose is the port dialled, a dead node's on this host). Closed at once, so the port is free for that node's restart.
                if (!_cts.IsCancellationRequested) _owner.OnConnectFailed(this, "nobody listens there (the connection reached itself)");
                return false;
            }
            using var stream = new NetworkStream(_socket, ownsSocket: false);
            // A one-off connection (a dial-back) names its own source address: nobody listens there, so no one takes it for this node's
            // pooled connection.
            var self = IsAlone && _socket.LocalEndPoint is IPEndPoint source
                ? NodeAddress.FromIp(source.Address, source.Port) : _owner.LocalAddress;
            // A seed named by host and pinned by key is reached where its name points now, and proves its key there; an address
            // without a key proves nothing, so any other node must answer at the address it is known by.
            var answersAt = dial != Remote && _owner.Keys.Pinned(Remote) != null ? dial : Remote;
            var handshake = new Handshake.Connector(options.ClusterKey, _owner.Identity, self, answersAt);
            await stream.WriteAsync(handshake.HelloFrame, timeout.Token).ConfigureAwait(false);
            // Up to the larger reply either way, so a mismatch of cluster-key modes is named, not a bare size error.
            var reply = await Framing.ReadFrameAsync(stream, Handshake.ReplyBytes(keyed: true), timeout.Token).ConfigureAwait(false)
                ?? throw new WireFormatException("it closed the connection during the handshake"
                + (options.ClusterKey != null ? " (does it run without the key?)" : ""));
            _session = handshake.Complete(reply, out var finish);
            ProvenKey = handshake.AcceptorKey;
            if (_owner.Keys.Refusal(Remote, ProvenKey!) is { } impostor)
            {
                // Whoever listens at that address is not the node registered (or pinned) there.
                _owner.OnRefused(this, $"{Remote} {impostor}");
                _owner.OnConnectFailed(this, "it is not the node registered at that address");
                return false;
            }
            await stream.WriteAsync(finish, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e)
            when (e is SocketException or OperationCanceledException or ObjectDisposedException or IOException or WireFormatException)
        {
            if (!_cts.IsCancellationRequested)
            {
                string reason = e switch
                {
                    OperationCanceledException => $"no answer within {options.ConnectTimeout.TotalSeconds:0.###} s",
                    WireFormatException => (options.ClusterKey != null ? "cluster-key handshake failed: "
                        : "handshake failed: ") + e.Message,
                    _ => e.Message,
                };
                _owner.OnConnectFailed(this, reason);
            }
            return false;
        }
        ConnectedAtMs = Environment.TickCount64;
        HelloDone = true;
        Touch();
        _owner.OnConnected(this);
        return true;
    }

    /// <summary>
    /// Connects and returns the outcome as a <see cref="SocketError"/> instead of throwing. The
    /// reason is memory: Socket.ConnectAsync(EndPoint) turns a connect refused at once (a killed
    /// node's port) into an exception whose stack trace it builds with file and line information,
    /// which loads the PDB reader (System.Reflection.Metadata) into the node. Cancelling
    /// <paramref name="token"/> aborts the attempt (OperationAborted).
    /// </summary>
    internal static async Task<SocketError> ConnectNoThrowAsync(Socket socket, EndPoint remote, CancellationToken token)
    {
        using var args = new SocketAsyncEventArgs { RemoteEndPoint = remote };
        var done = new TaskCompletionSource<SocketError>(TaskCreationOptions.RunContinuationsAsynchronously);
        args.Completed += (_, a) => done.TrySetResult(a.SocketError);
        if (token.IsCancellationRequested) return SocketError.OperationAborted;
        if (!socket.ConnectAsync(args)) return args.SocketError; // finished at once (refused, or connected)
        using (token.UnsafeRegister(static a => Socket.CancelConnectAsync((SocketAsyncEventArgs)a!), args))
            return await done.Task.ConfigureAwait(false);
    }

    /// <summary>Whether a connected socket's two ends are one: its source address and port are where it connected to.</summary>
    internal static bool ReachedItself(Socket socket) =>
        socket.LocalEndPoint is IPEndPoint local && socket.RemoteEndPoint is IPEndPoint remote && local.Equals(remote);

    private async Task<bool> ReceiveHelloAsync()
    {
        var options = _owner.Options;
        var stream = new NetworkStream(_socket!, ownsSocket: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_cts.Token);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            var payload = await Framing.ReadFrameAsync(stream, Handshake.HelloBytes, timeout.Token).ConfigureAwait(false);
            if (payload == null) return false;
            var key = options.ClusterKey;
            Hello hello;
            try
            {
                hello = Hello.Decode(payload, keyed: key != null);
            }
            catch (WireFormatException e)
            {
                _owner.OnBadInput(this, (key == null ? "bad hello: " : "refused at the cluster-key handshake: ") + e.Message);
                return false;
            }
            var claimed = hello.ListenAddress;
            Claimed = claimed;
            if (_owner.CheckHelloIp(this, claimed) is { } wrongIp)
            {
                _owner.OnRefused(this, wrongIp);
                return false;
            }
            // The handshake's ECDSA work starts here: a source IP gets it at a bounded rate. One
            // refused is held unanswered until the deadline, not closed at once: a flooder's
            // connections then tie up its own sockets for that long instead of coming straight back.
            if (_owner.HandshakeTurn(this) is not { } wait)
            {
                _owner.OnHandshakeRefused(this);
                try { await Task.Delay(Timeout.InfiniteTimeSpan, timeout.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { }
                return false;
            }
            if (wait > TimeSpan.Zero) await Task.Delay(wait, timeout.Token).ConfigureAwait(false);
            var handshake = new Handshake.Acceptor(key, _owner.Identity, _owner.LocalAddress, payload);
            await stream.WriteAsync(handshake.ReplyFrame, timeout.Token).ConfigureAwait(false);
            var finish = await Framing.ReadFrameAsync(stream, Handshake.FinishBytes(key != null), timeout.Token).ConfigureAwait(false)
                ?? throw new WireFormatException("it closed the connection during the handshake"
                + (key != null ? " (it does not hold the cluster key)" : ""));
            _session = handshake.Complete(finish);
            ProvenKey = handshake.ConnectorKey;
            if (_owner.Keys.Refusal(claimed, ProvenKey!) is { } impostor)
            {
                _owner.OnRefused(this, $"its hello claims {claimed}, which {impostor}");
                return false;
            }
            Remote = claimed;
        }
        catch (WireFormatException e)
        {
            _owner.OnBadInput(this, (options.ClusterKey == null ? "refused at the handshake: "
                : "refused at the cluster-key handshake: ") + e.Message);
            return false;
        }
        catch (OperationCanceledException) when (!_cts.IsCancellationRequested)
        {
            _owner.OnBadInput(this, $"no hello within {options.ConnectTimeout.TotalSeconds:0.###} s");
            return false;
        }
        if (_owner.OnHello(this) is { } refusal)
        {
            _owner.OnRefused(this, refusal);
            return false;
        }
        HelloDone = true;
        Touch();
        return true;
    }

    private async Task ReadLoopAsync(NetworkStream stream)
    {
        int max = _owner.Options.MaxWirePayloadBytes;
        var header = new byte[Framing.HeaderBytes];
        var pacer = new RatePacer(TimeSpan.Zero);
        while (true)
        {
            byte[] payload;
            Message message;
            pacer = await PaceAsync(pacer).ConfigureAwait(false);
            try
            {
                // Waiting for the next frame has no deadline (silence is the idle sweep's business);
                // once its first byte is here, the watchdog gives the whole frame FrameTimeout.
                int got = await stream.ReadAsync(header, _cts.Token).ConfigureAwait(false);
                if (got == 0) return; // the other side closed cleanly
                Interlocked.Exchange(ref _readExpected, 0);
                Interlocked.Exchange(ref _readGot, got);
                Interlocked.Exchange(ref _readStartedMs, Environment.TickCount64);
                await FillAsync(stream, header.AsMemory(got)).ConfigureAwait(false);
                int length = Framing.PayloadLength(header, max);
                Interlocked.Exchange(ref _readExpected, Framing.HeaderBytes + length);
                payload = new byte[length];
                await FillAsync(stream, payload).ConfigureAwait(false);
                _owner.CountReceivedBytes(Framing.HeaderBytes + length);
                Interlocked.Exchange(ref _readStartedMs, 0);
                Touch();
                if (_session != null) payload = _session.Open(payload);
                message = MessageCodec.Decode(payload);
            }
            catch (WireFormatException e)
            {
                _owner.OnBadInput(this, e.Message);
                return;
            }
            if (!_owner.Deliver(this, message, payload.Length)) return;
        }
    }

    /// <summary>
    /// Holds the next read back while this connection is over its rate (<see cref="TcpTransportOptions.MaxFramesPerSecond"/>):
    /// its frames wait in the socket, where they cost nothing, and TCP slows the sender down. A
    /// wait shorter than <see cref="ShortestPause"/> is not taken (the pacer remembers it), so a
    /// sender just over the rate costs a timer a few times a second, not one per frame.
    /// </summary>
    private async ValueTask<RatePacer> PaceAsync(RatePacer pacer)
    {
        var options = _owner.Options;
        if (options.MaxFramesPerSecond == 0) return pacer;
        var (_, wait, after) = pacer.Reserve(TimeSpan.FromMilliseconds(Environment.TickCount64), options.MaxFramesPerSecond,
            options.FrameBurst, TimeSpan.MaxValue);
        if (wait > TimeSpan.Zero) _owner.OnOverRate(this);
        if (wait >= ShortestPause) await Task.Delay(wait, _cts.Token).ConfigureAwait(false);
        return after;
    }

    private static readonly TimeSpan ShortestPause = TimeSpan.FromMilliseconds(10);

    private async ValueTask FillAsync(NetworkStream stream, Memory<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            int n = await stream.ReadAsync(buffer, _cts.Token).ConfigureAwait(false);
            if (n == 0) throw new WireFormatException("connection closed in the middle of a frame");
            Interlocked.Add(ref _readGot, n);
            buffer = buffer[n..];
        }
    }

    /// <summary>
    /// Sends what the socket takes at once (usually the whole frame), without waiting: the rest, if
    /// any, goes through the stream's async write. A failure here is a plain SocketException. The
    /// reason is memory: a send that fails at once inside NetworkStream.WriteAsync (the other node
    /// was killed: broken pipe, reset) builds its exception's stack trace with file and line
    /// information, which loads the PDB reader (System.Reflection.Metadata and its JIT-compiled
    /// code) into a node process that has no other use for it.
    /// </summary>
    private int SendNow(byte[] wire, int offset = 0)
    {
        int sent = _socket!.Send(wire, offset, wire.Length - offset, SocketFlags.None, out var error);
        return error switch
        {
            SocketError.Success => sent,
            SocketError.WouldBlock => 0,
            _ => throw new SocketException((int)error),
        };
    }

    /// <summary>Sends queued frames in order until the outbox is completed (a drain), then half-closes. While it drains, frames
    /// given meanwhile queue behind (<see cref="_writerBusy"/>).</summary>
    private async Task WriteLoopAsync(NetworkStream stream)
    {
        var reader = _outbox.Reader;
        while (await reader.WaitToReadAsync(_cts.Token).ConfigureAwait(false))
        {
            lock (_sendGate) _writerBusy = true;
            while (true)
            {
                while (reader.TryRead(out var frame))
                {
                    int wireBytes;
                    try
                    {
                        // Closed meanwhile (the reader saw the other node go): the frame is lost with the
                        // connection. Checked here because a send on the disposed socket throws
                        // ObjectDisposedException, and building its message loads CoreLib's resource reader.
                        if (Volatile.Read(ref _closed) != 0) return;
                        var wire = frame.Sealed ? frame.Bytes
                            : _session != null ? _session.Seal(frame.Bytes.AsSpan(Framing.HeaderBytes)) : frame.Bytes;
                        Interlocked.Exchange(ref _writeStartedMs, Environment.TickCount64);
                        int sent = frame.Offset + SendNow(wire, frame.Offset);
                        if (sent < wire.Length) await stream.WriteAsync(wire.AsMemory(sent), _cts.Token).ConfigureAwait(false);
                        Interlocked.Exchange(ref _writeStartedMs, 0);
                        wireBytes = wire.Length;
                    }
                    finally
                    {
                        Release(frame.Charge); // written, or lost with the connection: either way no longer held
                    }
                    Touch();
                    _owner.CountSent(wireBytes);
                }
                lock (_sendGate)
                {
                    if (reader.Count > 0) continue;
                    _writerBusy = false;
                    break;
                }
            }
        }
        _socket!.Shutdown(SocketShutdown.Send);
    }
}
