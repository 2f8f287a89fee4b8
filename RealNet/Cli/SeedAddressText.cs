using System.Net;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Cli;

/// <summary>
/// How <c>seed-set</c> reads a seed named on its command line (issue 56): an address as the set holds it, or a host name, as an
/// orchestrator names a seed. A seed in the set that the list names by host and pins by key goes by an address made from its key
/// (<c>SeedNames.NameOf(key, port)</c>), so its host need not resolve (its machine may be gone); a new seed's
/// host is looked up when the command runs, and the set holds the address it has then.
/// </summary>
public static class SeedAddressText
{
    /// <summary>A seed of the set: <paramref name="text"/> as IP:Port, or as host:port that <paramref name="seedLines"/> (the seed list,
    /// read from <paramref name="listName"/>) names with a pinned key. Error: what is wrong, naming the option.</summary>
    public static (NodeAddress? Address, string? Error) InSet(string option, string text, IReadOnlyList<string>? seedLines, string? listName)
    {
        if (NodeAddress.TryParse(text, out var address, out string parseError)) return (address, null);
        if (SeedNames.NameOf(text) is not { } named) return (null, $"{option}: {parseError}");
        if (SeedNames.NotAPort(named.Port, named.PortText) is { } notAPort) return (null, $"{option}: {notAPort}");
        if (seedLines == null)
            return (null, $"{option}: '{text}' names a host: give --seeds FILE, the seed list that names it, or the address the set holds (IP:Port)");
        for (int i = 0; i < seedLines.Count; i++)
        {
            if (SeedNames.NameOf(seedLines[i]) is not { } line || line.Port != named.Port
                || !string.Equals(line.Host, named.Host, StringComparison.OrdinalIgnoreCase)) continue;
            return SeedNames.PinnedKeyOf(line.Tail) is { } key
                ? (SeedNames.NameOf(key, named.Port), null)
                : (null, $"{option}: {listName}:{i + 1} names {named.Host}:{named.Port} without a key: give the seed's address (IP:Port)");
        }
        return (null, $"{option}: {listName} names no seed {named.Host}:{named.Port}");
    }

    /// <summary>A new seed: <paramref name="text"/> as IP:Port, or host:port looked up now by <paramref name="resolve"/>.
    /// ResolvedFrom: the text, when a name was looked up (the caller says so).</summary>
    public static (NodeAddress? Address, string? Error, string? ResolvedFrom) New(string option, string text,
        Func<string, (IPAddress? Ip, string Error)> resolve)
    {
        if (NodeAddress.TryParse(text, out var address, out string parseError)) return (address, null, null);
        if (SeedNames.NameOf(text) is not { } named) return (null, $"{option}: {parseError}", null);
        if (SeedNames.NotAPort(named.Port, named.PortText) is { } notAPort) return (null, $"{option}: {notAPort}", null);
        var (ip, error) = resolve(named.Host);
        return ip == null
            ? (null, $"{option}: host '{named.Host}' does not resolve: {error}", null)
            : (NodeAddress.FromIp(ip, named.Port), null, text);
    }
}
