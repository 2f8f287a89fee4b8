using System.Net;
using System.Net.Sockets;

namespace GossipSim.RealNet.Cli;

/// <summary>
/// Names instead of IPs, for nodes in containers: a seed list may say "seed-1:5001" and a node may
/// listen on "auto:5001" (the address its own host name has: in a container, the address the
/// orchestrator gave it). Only IPv4 is used, as everywhere else in the node.
/// </summary>
public static class HostNames
{
    /// <summary>What "auto" in --listen means: this host's own name, resolved.</summary>
    public const string Auto = "auto";

    /// <summary>The first IPv4 address <paramref name="host"/> has, or null with why not in <paramref name="error"/>.</summary>
    public static IPAddress? Resolve(string host, out string error)
    {
        try
        {
            var ip = Dns.GetHostAddresses(host, AddressFamily.InterNetwork).FirstOrDefault();
            error = ip == null ? "it has no IPv4 address" : "";
            return ip;
        }
        catch (SocketException e)
        {
            error = e.Message;
            return null;
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>
    /// This host's address as others reach it: its name's first IPv4 address that is not loopback
    /// (a container's /etc/hosts maps its name to the address on its network). Null, with why,
    /// when there is none (a laptop whose name maps to 127.0.1.1: name the address instead).
    /// </summary>
    public static IPAddress? Self(out string error)
    {
        string name = Dns.GetHostName();
        IPAddress[] all;
        try
        {
            all = Dns.GetHostAddresses(name, AddressFamily.InterNetwork);
        }
        catch (SocketException e)
        {
            error = $"this host's name '{name}' does not resolve ({e.Message}): give the address (IP:Port)";
            return null;
        }
        var ip = all.FirstOrDefault(a => !IPAddress.IsLoopback(a));
        error = ip == null ? $"this host's name '{name}' resolves to no address but loopback: give the address (IP:Port)" : "";
        return ip;
    }

    /// <summary>A DNS name's shape (RFC 1123 labels); anything else in a seed list stays an error about IPs.</summary>
    public static bool LooksLikeName(string text) =>
        text.Length is > 0 and <= 253 && text.Split('.').All(label => label.Length is > 0 and <= 63
            && char.IsAsciiLetterOrDigit(label[0]) && char.IsAsciiLetterOrDigit(label[^1])
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        && !text.All(c => char.IsAsciiDigit(c) || c == '.');
}
