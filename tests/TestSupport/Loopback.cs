using System.Net;
using System.Net.Sockets;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.TestSupport;

/// <summary>Addresses and sockets on the loopback interface, for tests that open real connections.</summary>
public static class Loopback
{
    /// <summary>127.0.0.1, port 0: the OS picks a free port.</summary>
    public static readonly NodeAddress AnyPort = new(0x7F000001, 0);

    /// <summary>A loopback port that was just free: bound by the OS, then released; never one this process was given before (the OS
    /// may give a released port again: a Prometheus test once handed two nodes the same metrics port, and scraped 7 targets of 8).</summary>
    public static NodeAddress DeadAddress()
    {
        while (true)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            int port = ((IPEndPoint)probe.LocalEndPoint!).Port;
            lock (Given)
                if (Given.Add(port)) return NodeAddress.FromIp(IPAddress.Loopback, port);
        }
    }

    private static readonly HashSet<int> Given = new();

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
