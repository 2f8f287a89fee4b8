using System.Net;
using System.Net.Sockets;
using GossipSim.Engine.Core;
using GossipSim.RealNet.Transport;
using GossipSim.RealNet.Wire;

namespace GossipSim.RealNet.Tests.TransportContract;

/// <summary>The transport contract, run against real TCP on the loopback interface.</summary>
[TestFixture]
public class TcpTransportContractTests : TransportContractTests
{
    public static readonly NodeAddress AnyLoopbackPort = new(0x7F000001, 0);

    protected override Task<TransportPair> CreatePairAsync() =>
        Task.FromResult(new TransportPair(TcpTransport.Listen(AnyLoopbackPort), TcpTransport.Listen(AnyLoopbackPort), DeadLoopbackAddress()));

    protected override async Task<Task?> InjectMalformedFrameAsync(ITransport target)
    {
        var client = new TcpClient();
        await client.ConnectAsync(target.LocalAddress.ToEndPoint());
        var stream = client.GetStream();
        await stream.WriteAsync(new Hello(MessageCodec.Version, NodeAddress.Parse("127.0.0.1:1")).EncodeFrame());
        await stream.WriteAsync(new byte[] { 0, 0, 0, 3, 0xFF, 0xFF, 0xFF }); // a frame of an unknown message kind
        return WaitUntilClosedAsync(client);
    }

    /// <summary>A loopback port that was just free: bound by the OS, then released.</summary>
    public static NodeAddress DeadLoopbackAddress()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return NodeAddress.FromIp(IPAddress.Loopback, ((IPEndPoint)probe.LocalEndPoint!).Port);
    }

    /// <summary>Completes when the other side has closed the connection (a read returns 0 or fails).</summary>
    public static async Task WaitUntilClosedAsync(TcpClient client)
    {
        using (client)
        {
            var buffer = new byte[256];
            try
            {
                while (await client.GetStream().ReadAsync(buffer) > 0) { }
            }
            catch (IOException)
            {
                // reset by the other side: closed too
            }
        }
    }
}
