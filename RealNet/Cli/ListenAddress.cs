using System.Globalization;
using System.Net;
using System.Net.Sockets;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Cli;

/// <summary>
/// Parses --listen: like a seed list entry, but port 0 (the OS picks) is allowed, and the address
/// may be a host name or "auto" (this host's own name, resolved: a container's address on its
/// network, which the node cannot know before it runs).
/// </summary>
public static class ListenAddress
{
    /// <param name="allowAnyAddress">Accept 0.0.0.0 (every interface): fine for --metrics, never for a node's own address.</param>
    public static bool TryParse(string text, out NodeAddress address, out string error, bool allowAnyAddress = false)
    {
        address = default;
        text = text.Trim();
        int sep = text.LastIndexOfAny([':', ',']);
        if (sep <= 0 || sep == text.Length - 1)
        {
            error = $"expected IP:Port (or auto:Port), got '{text}'";
            return false;
        }
        string ipPart = text[..sep].Trim(), portPart = text[(sep + 1)..].Trim();
        if (ipPart == "localhost") ipPart = "127.0.0.1";
        IPAddress? ip;
        if (ipPart == HostNames.Auto)
        {
            ip = HostNames.Self(out error);
            if (ip == null) return false;
        }
        else if (!IPAddress.TryParse(ipPart, out ip) && HostNames.LooksLikeName(ipPart))
        {
            ip = HostNames.Resolve(ipPart, out string why);
            if (ip == null)
            {
                error = $"host '{ipPart}' does not resolve: {why}";
                return false;
            }
        }
        if (ip == null || ip.AddressFamily != AddressFamily.InterNetwork)
        {
            error = $"'{ipPart}' is not an IPv4 address, a host name or 'auto'";
            return false;
        }
        if (ip.Equals(IPAddress.Any) && !allowAnyAddress)
        {
            error = "listen on the address other nodes will use (e.g. this machine's LAN IP), not 0.0.0.0";
            return false;
        }
        if (!int.TryParse(portPart, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
        {
            error = $"'{portPart}' is not a port (0-65535; 0 lets the OS pick)";
            return false;
        }
        address = NodeAddress.FromIp(ip, port);
        error = "";
        return true;
    }
}
