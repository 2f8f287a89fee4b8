using System.Net.Sockets;

namespace GossipSim.RealNet.Transport;

/// <summary>
/// How a TCP connection rides out a network cut (Linux), for a node's connections and the namespace bed's relay alike (this file is
/// compiled into both). TCP retransmits unacknowledged bytes on a doubling timer, by default up to 120 s apart (0.2, 0.6, 1.4 ...
/// 25, 51 s after the first loss): after a 36 s cut the next try, and everything queued behind it, came 15 s after the heal, and a
/// seed cut off that long caught up on nothing for the rest of the run. Two settings change that:
/// <list type="bullet">
/// <item><see cref="RetryAtMost"/> (TCP_RTO_MAX_MS, Linux 6.15 and later): tries come at most a second apart, so a healed path
/// carries the connection again within about a second, with nothing dropped and nothing dialled anew.</item>
/// <item><see cref="GiveUpAfter"/> (TCP_USER_TIMEOUT): the kernel counts its give-up in tries (tcp_retries2, 15), which a one-second
/// cap would make about 14 s of cut; set in time instead, a cut of up to two minutes is ridden out, and a connection to a host
/// gone for good is dropped then (the node's own failure detector has long removed it). Ending connections early instead (10 s)
/// was tried and not kept: a re-dial waits out its back-off, and the sends of those seconds are dropped.</item>
/// </list>
/// ACKs come from the other end's kernel, so a busy or slow reader (a full window, answered) is never given up on.
/// </summary>
internal static class CutRideOut
{
    public static readonly TimeSpan RetryAtMost = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);

    // <netinet/tcp.h>: IPPROTO_TCP, TCP_USER_TIMEOUT, TCP_RTO_MAX_MS
    internal const int IpProtoTcp = 6, TcpUserTimeout = 18, TcpRtoMaxMs = 44;

    /// <summary>Applies both settings where the platform has them (a kernel without one keeps its default for it). Returns whether the
    /// retry timer is capped: without it a heal after a cut of over about 25 s waits for TCP's next try.</summary>
    public static bool Apply(Socket socket)
    {
        if (!OperatingSystem.IsLinux()) return false;
        bool capped = TrySet(socket, TcpRtoMaxMs, RetryAtMost);
        TrySet(socket, TcpUserTimeout, GiveUpAfter);
        return capped;
    }

    private static bool TrySet(Socket socket, int option, TimeSpan value)
    {
        try
        {
            socket.SetRawSocketOption(IpProtoTcp, option, BitConverter.GetBytes((uint)value.TotalMilliseconds));
            return true;
        }
        catch (SocketException)
        {
            return false; // an older kernel: ENOPROTOOPT
        }
    }
}
