using System.Net;
using System.Net.Sockets;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;
using GossipSim.RealNet.Security;
using GossipSim.RealNet.Wire;

namespace GossipSim.RealNet.Tests.Transport;

/// <summary>
/// A listener on loopback that answers one connection's handshake as a node would, then never reads another byte: a node behind a
/// cut that opened after the connect, or one that stopped reading. <see cref="Flood"/> is what fills the kernel's buffers towards it.
/// </summary>
internal sealed class SilentReceiver : IDisposable
{
    private readonly Socket _sink = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    /// <summary>Its address.</summary>
    public NodeAddress Target { get; }

    /// <summary>The accepted connection, once the handshake is done (the test disposes it).</summary>
    public Task<Socket> Accepting { get; }

    public SilentReceiver(TimeSpan patience)
    {
        _sink.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _sink.Listen(1);
        var target = Target = NodeAddress.FromIp(IPAddress.Loopback, ((IPEndPoint)_sink.LocalEndPoint!).Port);
        Accepting = Task.Run(async () =>
        {
            var socket = await _sink.AcceptAsync();
            using var stream = new NetworkStream(socket, ownsSocket: false);
            using var cts = new CancellationTokenSource(patience);
            var hello = await Framing.ReadFrameAsync(stream, Handshake.HelloBytes, cts.Token);
            var acceptor = new Handshake.Acceptor(null, NodeIdentity.Ephemeral(), target, hello);
            await stream.WriteAsync(acceptor.ReplyFrame, cts.Token);
            await Framing.ReadFrameAsync(stream, Handshake.FinishBytes(keyed: false), cts.Token);
            return socket;
        });
    }

    /// <summary>A peer list of about 10 KB: 3,000 of them (~30 MB) are more than the kernel's buffers take.</summary>
    public static readonly PeerListReply Flood = new(
        Enumerable.Range(1, 1000).Select(i => new PeerListEntry(new NodeAddress(0x0A000000u + (uint)i, 1), i)).ToArray(), true, 1000);

    public void Dispose() => _sink.Dispose();
}
