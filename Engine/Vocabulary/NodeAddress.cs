using System.Globalization;
using System.Net;

namespace GossipSim.Engine.Vocabulary;

/// <summary>
/// An IPv4 endpoint packed into eight bytes. Compact on purpose: the simulator holds a
/// million of these, and the seed's peer list keys on them.
/// </summary>
public readonly record struct NodeAddress(uint Ip, ushort Port) : IComparable<NodeAddress>
{
    public static NodeAddress None => default;
    /// <summary>Bytes an address takes on the wire: the IPv4 address and the port.</summary>
    public const int WireBytes = 6;
    public bool IsNone => Ip == 0 && Port == 0;

    public string IpText =>
        string.Create(CultureInfo.InvariantCulture, $"{Ip >> 24}.{(Ip >> 16) & 255}.{(Ip >> 8) & 255}.{Ip & 255}");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{IpText}:{Port}");

    public int CompareTo(NodeAddress other)
    {
        int c = Ip.CompareTo(other.Ip);
        return c != 0 ? c : Port.CompareTo(other.Port);
    }

    public ulong Key => ((ulong)Ip << 16) | Port;

    public static NodeAddress FromKey(ulong key) => new((uint)(key >> 16), (ushort)(key & 0xFFFF));

    public static NodeAddress FromIp(IPAddress ip, int port)
    {
        var bytes = ip.MapToIPv4().GetAddressBytes();
        uint v = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
        return new NodeAddress(v, checked((ushort)port));
    }

    public IPEndPoint ToEndPoint() => new(new IPAddress(new[] { (byte)(Ip >> 24), (byte)(Ip >> 16), (byte)(Ip >> 8), (byte)Ip }), Port);

    /// <summary>Parses "a.b.c.d:port" or "a.b.c.d,port" (the two forms R1 allows).</summary>
    public static bool TryParse(string text, out NodeAddress address, out string error)
    {
        address = default;
        text = text.Trim();
        int sep = text.LastIndexOfAny(new[] { ':', ',' });
        if (sep <= 0 || sep == text.Length - 1)
        {
            error = $"expected IP:Port or IP,Port, got '{text}'";
            return false;
        }
        string ipPart = text[..sep].Trim(), portPart = text[(sep + 1)..].Trim();
        if (ipPart == "localhost") ipPart = "127.0.0.1";
        if (!IPAddress.TryParse(ipPart, out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            error = $"'{ipPart}' is not an IPv4 address";
            return false;
        }
        if (!int.TryParse(portPart, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port < 1 || port > 65535)
        {
            error = $"'{portPart}' is not a port (1-65535)";
            return false;
        }
        address = FromIp(ip, port);
        error = "";
        return true;
    }

    public static NodeAddress Parse(string text) =>
        TryParse(text, out var a, out var e) ? a : throw new FormatException(e);
}
