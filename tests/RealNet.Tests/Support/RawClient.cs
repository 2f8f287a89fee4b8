using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.RealNet.Security;
using GossipSim.Engine.Wire;
using GossipSim.RealNet.Wire;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Support;

/// <summary>
/// A hand-driven TCP client for probing a node: it writes whatever bytes a test gives it (a
/// hello, frames, garbage, a byte at a time) and can tell when the node closed the connection.
/// With a cluster key it does the real handshake and seals frames, so a test can also replay or
/// tamper with what a key holder sends.
/// </summary>
public sealed class RawClient : IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    private RawClient(Socket socket, NodeAddress target)
    {
        _socket = socket;
        Target = target;
        _stream = new NetworkStream(socket, ownsSocket: false);
    }

    public SecureSession? Session { get; private set; }

    /// <summary>The address this client dialled: the node's signature in the handshake names it.</summary>
    public NodeAddress Target { get; }

    /// <summary>The key this client proves in its handshakes (a fresh one unless a test gives another, to act as a node).</summary>
    public NodeIdentity Identity { get; set; } = NodeIdentity.Ephemeral();

    /// <summary>The key the node proved in the last handshake.</summary>
    public NodeKey? NodeKey { get; private set; }

    /// <summary>Every byte this client wrote, in order (to replay a whole captured connection).</summary>
    public MemoryStream Written { get; } = new();

    /// <summary>Connects, optionally from a given local IP (127.0.0.2 shows another host's view on loopback).</summary>
    public static async Task<RawClient> ConnectAsync(NodeAddress target, string? fromIp = null, TimeSpan? timeout = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (fromIp != null) socket.Bind(new IPEndPoint(IPAddress.Parse(fromIp), 0));
            using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
            await socket.ConnectAsync(target.ToEndPoint(), cts.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new RawClient(socket, target);
    }

    /// <summary>A plain hello frame alone (what a client that does not finish the handshake sends).</summary>
    public static byte[] HelloFrame(NodeAddress claimed) =>
        Framing.Frame(new Hello(MessageCodec.Version, false, claimed).Payload(new byte[Handshake.NonceBytes]));

    public static byte[] Frame(Message m) => Framing.EncodeFrame(m, Framing.DefaultMaxFrameBytes);

    /// <summary>Reads the next frame the node sent on this connection (plaintext) and decodes it.</summary>
    public async Task<Message> ReadMessageAsync(TimeSpan patience)
    {
        using var cts = new CancellationTokenSource(patience);
        var header = new byte[Framing.HeaderBytes];
        await _stream.ReadExactlyAsync(header, cts.Token);
        var payload = new byte[Framing.PayloadLength(header, Framing.DefaultMaxFrameBytes)];
        await _stream.ReadExactlyAsync(payload, cts.Token);
        return MessageCodec.Decode(payload);
    }

    public async Task WriteAsync(byte[] bytes)
    {
        Written.Write(bytes);
        await _stream.WriteAsync(bytes);
    }

    /// <summary>
    /// A plain hello claiming <paramref name="claimed"/>, then the node's reply (its signed half of
    /// the handshake), and no more: a handshake flood that costs the node a signature each and this
    /// side nothing. False when the node closed instead of answering.
    /// </summary>
    public async Task<bool> HelloOnlyAsync(NodeAddress claimed)
    {
        await WriteAsync(HelloFrame(claimed));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            return await Framing.ReadFrameAsync(_stream, Handshake.ReplyBytes(false), cts.Token) != null;
        }
        catch (IOException)
        {
            return false; // reset by the node
        }
    }

    /// <summary>The plaintext handshake claiming <paramref name="claimed"/>, proving <see cref="Identity"/>; false when the node closed instead of answering.</summary>
    public Task<bool> HelloAsync(NodeAddress claimed) => HandshakeAndSendAsync(null, claimed);

    /// <summary>The handshake, then messages with the finish in one write: a node that refuses the finish may close before a second write could start.</summary>
    public Task<bool> HelloAndSendAsync(NodeAddress claimed, params Message[] messages) => HandshakeAndSendAsync(null, claimed, messages);

    public Task SendAsync(Message m) => WriteAsync(Session != null ? Session.Seal(Frame(m).AsSpan(Framing.HeaderBytes)) : Frame(m));

    /// <summary>The plaintext handshake claiming <paramref name="claimed"/>, then <paramref name="bytes"/> (garbage, a cut frame) in the same write as the finish.</summary>
    public async Task<bool> HelloThenWriteAsync(NodeAddress claimed, byte[] bytes)
    {
        var handshake = new Handshake.Connector(null, Identity, claimed, Target);
        await WriteAsync(handshake.HelloFrame);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var reply = await Framing.ReadFrameAsync(_stream, Handshake.ReplyBytes(false), cts.Token);
        if (reply == null) return false;
        handshake.Complete(reply, out var finish);
        await WriteAsync([.. finish, .. bytes]);
        return true;
    }

    /// <summary>The connector's side of the cluster-key handshake, as a node does it.</summary>
    public async Task KeyedHandshakeAsync(ClusterKey key, NodeAddress claimed)
    {
        if (!await HandshakeAndSendAsync(key, claimed)) throw new IOException("the node closed the connection during the handshake");
    }

    /// <summary>The connector's side of the handshake (with a cluster key or without), as a node does it, then <paramref name="messages"/> in the same write as the finish; false when the node closed instead of answering.</summary>
    public async Task<bool> HandshakeAndSendAsync(ClusterKey? key, NodeAddress claimed, params Message[] messages)
    {
        var handshake = new Handshake.Connector(key, Identity, claimed, Target);
        await WriteAsync(handshake.HelloFrame);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        byte[]? reply;
        try
        {
            reply = await Framing.ReadFrameAsync(_stream, Handshake.ReplyBytes(key != null), cts.Token);
        }
        catch (IOException)
        {
            return false; // reset by the node
        }
        if (reply == null) return false;
        Session = handshake.Complete(reply, out var finish);
        NodeKey = handshake.AcceptorKey;
        var frames = messages.Select(m => Session != null ? Session.Seal(Frame(m).AsSpan(Framing.HeaderBytes)) : Frame(m));
        await WriteAsync([.. finish, .. frames.SelectMany(f => f)]);
        return true;
    }

    /// <summary>Writes <paramref name="bytes"/> one at a time, <paramref name="gap"/> apart; returns how many went out before the node closed.</summary>
    public async Task<int> DribbleAsync(byte[] bytes, TimeSpan gap)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            try
            {
                await _stream.WriteAsync(bytes.AsMemory(i, 1));
            }
            catch (IOException)
            {
                return i;
            }
            if (await ClosedWithinAsync(gap)) return i + 1;
        }
        return bytes.Length;
    }

    /// <summary>True once the node has closed its side (a read returns 0 or fails); anything it sent is skipped.</summary>
    public async Task<bool> ClosedWithinAsync(TimeSpan timeout)
    {
        var buffer = new byte[4096];
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (true)
                if (await _stream.ReadAsync(buffer, cts.Token) == 0) return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true; // reset by the node
        }
    }

    /// <summary>Waits until the node closes; the time it took.</summary>
    public async Task<TimeSpan> WaitClosedAsync(TimeSpan patience, string what)
    {
        var clock = Stopwatch.StartNew();
        if (!await ClosedWithinAsync(patience)) Assert.Fail($"the node did not close the connection within {patience.TotalSeconds} s: {what}");
        return clock.Elapsed;
    }

    public void Dispose()
    {
        Session?.Dispose();
        _stream.Dispose();
        _socket.Dispose();
    }
}
