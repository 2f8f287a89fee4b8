using System.Net.Sockets;
using GossipSim.Engine.Vocabulary;
using GossipSim.RealNet.Nodes;
using GossipSim.RealNet.Transport;

namespace GossipSim.RealNet.Cli;

/// <summary>
/// A node started on a port it names (a restarted seed at the address its seed list gives) may find that port held for a moment:
/// an outgoing connection's source port from the ephemeral range (<see cref="EphemeralPorts"/>), or a peer's attempt to reach the
/// dead node that the kernel joined to itself. Such a hold ends within seconds, and the node has no other address to take (the
/// seed list names this one), so it waits for the port a while, saying so, before it gives up. Port 0 never waits: any free
/// port serves.
/// </summary>
public static class TakenPort
{
    /// <summary>How long a named port is waited for.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(250);

    /// <summary>Whether a failed bind is tried again: only a named port found in use, within the patience.</summary>
    public static bool WaitsFor(int port, SocketError error, TimeSpan waited, TimeSpan patience) =>
        port != 0 && error == SocketError.AddressAlreadyInUse && waited < patience;

    /// <summary>Listens at <paramref name="listen"/>, waiting for a named port held by another socket; throws the last refusal.</summary>
    public static NodePort Listen(NodeAddress listen, TcpTransportOptions options, TextWriter stderr, TimeSpan patience)
    {
        long began = Environment.TickCount64;
        bool said = false;
        while (true)
        {
            try
            {
                return NodePort.Listen(listen, options);
            }
            catch (SocketException e)
                when (WaitsFor(listen.Port, e.SocketErrorCode, TimeSpan.FromMilliseconds(Environment.TickCount64 - began), patience))
            {
                if (!said) stderr.WriteLine($"{listen} is in use; waiting up to {patience.TotalSeconds:0} s for it to be free");
                said = true;
                Thread.Sleep(Retry);
            }
        }
    }
}
