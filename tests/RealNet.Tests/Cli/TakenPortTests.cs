using System.Net;
using System.Net.Sockets;
using GossipSim.Engine.Vocabulary;
using GossipSim.RealNet.Cli;
using GossipSim.RealNet.Transport;
using GossipSim.TestSupport;

namespace GossipSim.RealNet.Tests.Cli;

/// <summary>A node named a port that is held for a moment waits for it (<see cref="TakenPort"/>): a restarted seed's case.</summary>
public class TakenPortTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [TestCase(40_000, SocketError.AddressAlreadyInUse, 1.0, true, TestName = "A named port in use is waited for")]
    [TestCase(40_000, SocketError.AddressAlreadyInUse, 30.0, false, TestName = "Not past the patience")]
    [TestCase(0, SocketError.AddressAlreadyInUse, 0.0, false, TestName = "Port 0 never waits")]
    [TestCase(40_000, SocketError.AddressNotAvailable, 0.0, false, TestName = "An address this host lacks is not waited for")]
    [TestCase(40_000, SocketError.AccessDenied, 0.0, false, TestName = "A port the node may not take is not waited for")]
    public void WaitsFor(int port, SocketError error, double waitedSeconds, bool waits) =>
        Assert.That(TakenPort.WaitsFor(port, error, TimeSpan.FromSeconds(waitedSeconds), Patience), Is.EqualTo(waits));

    private static Socket Hold(out NodeAddress at)
    {
        var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        holder.Listen(1);
        var bound = (IPEndPoint)holder.LocalEndPoint!;
        at = NodeAddress.FromIp(bound.Address, bound.Port);
        return holder;
    }

    [Test]
    public async Task APortFreedWhileWaiting_IsTaken_AndTheWaitIsSaid()
    {
        var holder = Hold(out var at);
        var said = new StringWriter();
        var listening = Task.Run(() => TakenPort.Listen(at, new TcpTransportOptions(), TextWriter.Synchronized(said), Patience));
        await Eventually.HoldsAsync(() => said.ToString().Contains("is in use"), "the node says it waits", TimeSpan.FromSeconds(30));
        Assert.That(listening.IsCompleted, Is.False, "it waits while the port is held");
        holder.Dispose();
        var port = await listening;
        try
        {
            Assert.That(port.Address, Is.EqualTo(at));
            Assert.That(said.ToString(), Does.Contain($"{at} is in use; waiting up to 30 s"));
        }
        finally
        {
            await port.Transport.DisposeAsync();
        }
    }

    [Test]
    public void APortHeldPastThePatience_IsRefused_WithTheKernelsReason()
    {
        using var holder = Hold(out var at);
        var e = Assert.Throws<SocketException>(() => TakenPort.Listen(at, new TcpTransportOptions(), TextWriter.Null, TimeSpan.Zero));
        Assert.That(e!.SocketErrorCode, Is.EqualTo(SocketError.AddressAlreadyInUse));
    }
}
