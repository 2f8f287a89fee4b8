using System.Net;
using System.Net.Sockets;
using GossipSim.RealNet.Transport;

namespace GossipSim.RealNet.Tests.Transport;

/// <summary>
/// A connection the kernel joined to itself (TCP's simultaneous open: dialling a port on this host that nobody listens at, from that
/// very port) is told from a connection to a node (<see cref="TcpConnection.ReachedItself"/>): a node closes it at once, or it would
/// hold the port a dead node restarts on.
/// </summary>
public class SelfConnectionTests
{
    [Test]
    public void ASocketDiallingItsOwnPort_ReachesItself()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Connect(socket.LocalEndPoint!);   // what a dialler's chosen source port equal to the port dialled comes to
        Assert.That(TcpConnection.ReachedItself(socket), Is.True);
    }

    [Test]
    public void ASocketConnectedToAListener_DoesNot()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Connect(listener.LocalEndPoint!);
        Assert.That(TcpConnection.ReachedItself(socket), Is.False);
    }
}
