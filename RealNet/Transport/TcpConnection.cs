using System.Net.Sockets;
using System.Threading.Channels;
using GossipSim.Engine.Core;
using GossipSim.RealNet.Wire;

namespace GossipSim.RealNet.Transport;

/// <summary>
/// One TCP connection of a <see cref="TcpTransport"/>: a queue of outgoing frames drained by a
/// writer, and a reader that decodes frames and hands messages to the transport. Outgoing
/// connections connect and send the hello first; incoming ones wait for the hello to learn who
/// is on the other end. Any failure closes the connection; the transport drops it from its pool.
/// </summary>
internal sealed class TcpConnection
{
    private readonly TcpTransport _owner;
    private readonly Channel<byte[]> _outbox;
    private readonly CancellationTokenSource _cts = new();
    private Socket? _socket;
    private int _closed;
    private long _lastActivityMs = Environment.TickCount64;

    private TcpConnection(TcpTransport owner, bool outgoing, NodeAddress remote, Socket? socket)
    {
        _owner = owner;
        IsOutgoing = outgoing;
        Remote = remote;
        _socket = socket;
        _outbox = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(owner.Options.MaxQueuedFramesPerConnection)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails when full: we count the drop
        });
    }

    public static TcpConnection Outgoing(TcpTransport owner, NodeAddress remote) => new(owner, true, remote, null);

    public static TcpConnection Incoming(TcpTransport owner, Socket socket) => new(owner, false, NodeAddress.None, socket);

    public bool IsOutgoing { get; }

    /// <summary>The other node's listen address: known from the start when outgoing, from the hello when incoming.</summary>
    public NodeAddress Remote { get; private set; }

    public bool HelloDone { get; private set; }
    public bool IsClosed => Volatile.Read(ref _closed) != 0;
    public long IdleMs => Environment.TickCount64 - Interlocked.Read(ref _lastActivityMs);
    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start() => Completion = Task.Run(RunAsync);

    public bool Enqueue(byte[] frame) => !IsClosed && _outbox.Writer.TryWrite(frame);

    /// <summary>Clean end: send what is queued, half-close, and let the other side finish.</summary>
    public void BeginDrain()
    {
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
        while (_outbox.Reader.TryRead(out _)) lost++;
        _owner.OnClosed(this, lost);
    }

    public override string ToString() =>
        IsOutgoing ? $"connection to {Remote}" : HelloDone ? $"connection from {Remote}" : $"incoming connection from {SocketPeer()}";

    private string SocketPeer()
    {
        try { return _socket?.RemoteEndPoint?.ToString() ?? "?"; }
        catch (ObjectDisposedException) { return "?"; }
    }

    private void Touch() => Interlocked.Exchange(ref _lastActivityMs, Environment.TickCount64);

    private async Task RunAsync()
    {
        try
        {
            bool ready = IsOutgoing ? await ConnectAsync().ConfigureAwait(false) : await ReceiveHelloAsync().ConfigureAwait(false);
            if (!ready) return;
            var stream = new NetworkStream(_socket!, ownsSocket: false);
            var reading = ReadLoopAsync(stream);
            var writing = WriteLoopAsync(stream);
            var first = await Task.WhenAny(reading, writing).ConfigureAwait(false);
            Observe(first == reading ? writing : reading);
            await first.ConfigureAwait(false); // a failure ends the connection here
            // A writer ends cleanly only after a drain: it sent everything and half-closed, and
            // the other side closes in turn once it has read it all.
            if (first == writing) await reading.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or IOException or SocketException)
        {
            // The socket went away under us: the connection just ends.
        }
        finally
        {
            Close();
        }
    }

    /// <summary>The loop that did not end first fails when the socket closes; nobody needs that error.</summary>
    private static void Observe(Task task) =>
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    private async Task<bool> ConnectAsync()
    {
        _socket = new Socket(System.Net.Sockets.AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_cts.Token);
        timeout.CancelAfter(_owner.Options.ConnectTimeout);
        try
        {
            await _socket.ConnectAsync(Remote.ToEndPoint(), timeout.Token).ConfigureAwait(false);
            using var stream = new NetworkStream(_socket, ownsSocket: false);
            await stream.WriteAsync(new Hello(MessageCodec.Version, _owner.LocalAddress).EncodeFrame(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            if (!_cts.IsCancellationRequested)
                _owner.OnConnectFailed(this, e is OperationCanceledException ? $"no answer within {_owner.Options.ConnectTimeout.TotalSeconds:0.###} s" : e.Message);
            return false;
        }
        HelloDone = true;
        Touch();
        _owner.OnConnected(this);
        return true;
    }

    private async Task<bool> ReceiveHelloAsync()
    {
        var stream = new NetworkStream(_socket!, ownsSocket: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_cts.Token);
        timeout.CancelAfter(_owner.Options.ConnectTimeout);
        Hello hello;
        try
        {
            var payload = await Framing.ReadFrameAsync(stream, Hello.PayloadBytes, timeout.Token).ConfigureAwait(false);
            if (payload == null) return false;
            hello = Hello.Decode(payload);
        }
        catch (WireFormatException e)
        {
            _owner.OnBadInput(this, "bad hello: " + e.Message);
            return false;
        }
        catch (OperationCanceledException) when (!_cts.IsCancellationRequested)
        {
            _owner.OnBadInput(this, $"no hello within {_owner.Options.ConnectTimeout.TotalSeconds:0.###} s");
            return false;
        }
        Remote = hello.ListenAddress;
        HelloDone = true;
        Touch();
        _owner.OnHello(this);
        return true;
    }

    private async Task ReadLoopAsync(NetworkStream stream)
    {
        int max = _owner.Options.MaxFrameBytes;
        while (true)
        {
            Engine.Messages.Message message;
            try
            {
                var payload = await Framing.ReadFrameAsync(stream, max, _cts.Token).ConfigureAwait(false);
                if (payload == null) return; // the other side closed cleanly
                Touch();
                message = MessageCodec.Decode(payload);
            }
            catch (WireFormatException e)
            {
                _owner.OnBadInput(this, e.Message);
                return;
            }
            _owner.Deliver(this, message);
        }
    }

    /// <summary>Sends queued frames in order until the outbox is completed (a drain), then half-closes.</summary>
    private async Task WriteLoopAsync(NetworkStream stream)
    {
        var reader = _outbox.Reader;
        while (await reader.WaitToReadAsync(_cts.Token).ConfigureAwait(false))
        {
            while (reader.TryRead(out var frame))
            {
                await stream.WriteAsync(frame, _cts.Token).ConfigureAwait(false);
                Touch();
                _owner.CountSent();
            }
        }
        _socket!.Shutdown(SocketShutdown.Send);
    }
}
