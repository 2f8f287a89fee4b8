using System.Net.Sockets;
using GossipSim.Engine.Core;
using GossipSim.RealNet.Security;
using GossipSim.RealNet.Transport;
using GossipSim.Engine.Wire;
using GossipSim.RealNet.Wire;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Transport.Contract.Tests;

/// <summary>
/// The contract on real TCP over the loopback interface: waiting means polling for the outcome
/// with a generous deadline (the box is small and shared), never a fixed sleep.
/// </summary>
public abstract class TcpTransportContractTests : TransportContractTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    protected override bool QueuesAtSender => true;

    protected abstract TcpTransportOptions Options { get; }

    protected override ITransport CreateEndpoint() => TcpTransport.Listen(Loopback.AnyPort, Options);

    protected override ITransport CreateEndpointWithDeepQueue() =>
        TcpTransport.Listen(Loopback.AnyPort, Options with { MaxQueuedBytesPerConnection = 128 << 20 });

    protected override NodeAddress UnusedAddress() => Loopback.DeadAddress();

    protected override Task RunUntilAsync(Func<bool> condition, string what) => Eventually.HoldsAsync(condition, what, Patience);

    /// <summary>Once the other ends are gone, every connection of these endpoints closes after the last byte it carried was read.</summary>
    protected override Task SettleAsync(params ITransport[] endpoints) =>
        Eventually.HoldsAsync(() => endpoints.All(e => ((TcpTransport)e).ConnectionCount == 0), "every connection closes", Patience);

    protected override async Task<Task?> InjectMalformedFrameAsync(ITransport target)
    {
        var client = new TcpClient();
        await client.ConnectAsync(target.LocalAddress.ToEndPoint());
        var stream = client.GetStream();
        // A plain hello, then a 3-byte frame where the handshake's finish (or, keyed, nothing) belongs.
        await stream.WriteAsync(Framing.Frame(new Hello(MessageCodec.Version, false, NodeAddress.Parse("127.0.0.1:1")).Payload(new byte[32])));
        await stream.WriteAsync(new byte[] { 0, 0, 0, 3, 0xFF, 0xFF, 0xFF });
        return Loopback.WaitUntilClosedAsync(client);
    }
}

[TestFixture]
public sealed class TcpTransportContract_Plain : TcpTransportContractTests
{
    protected override TcpTransportOptions Options { get; } = new();
}

/// <summary>Every connection authenticated and encrypted; a stranger's plaintext hello is bad input like any other.</summary>
[TestFixture]
public sealed class TcpTransportContract_ClusterKey : TcpTransportContractTests
{
    protected override TcpTransportOptions Options { get; } = new() { ClusterKey = ClusterKey.Generate() };
}
