using System.Globalization;

namespace GossipSim.RealNet.Cli;

/// <summary>
/// The OS picks outgoing connections' source ports from its ephemeral range: a node listening
/// on a port inside it can find that port taken by some outgoing connection when it restarts.
/// </summary>
public static class EphemeralPorts
{
    /// <summary>Who chose a node's listen port: only an operator's choice can be changed by the operator, so only it is warned
    /// about.</summary>
    public enum Origin
    {
        /// <summary>Given on the command line by someone who can pick another.</summary>
        Operator,
        /// <summary>--listen with port 0: the OS picked a free one.</summary>
        OperatingSystem,
        /// <summary>A launcher (--parent-pid) handed it out: a port the OS picked for it, or the same one again for a restart.</summary>
        Launcher,
    }

    /// <summary>Who chose the port: <paramref name="launched"/> when the node has a launcher (--parent-pid).</summary>
    public static Origin OriginOf(int port, bool launched) =>
        port == 0 ? Origin.OperatingSystem : launched ? Origin.Launcher : Origin.Operator;

    public const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";

    /// <summary>
    /// The warning for a listen port an operator chose inside the range, or null: also when the
    /// range is unknown, or the OS or a launcher chose the port (the OS hands out ports from
    /// that very range, so a warning there would land in every launched run's logs, naming a
    /// choice nobody made).
    /// </summary>
    public static string? Warning(int port, Origin origin, (int Low, int High)? range) =>
        origin == Origin.Operator && range is var (low, high) && port >= low && port <= high
            ? $"warning: listen port {port} lies in the OS ephemeral port range {low}-{high} ({RangeFile}), from which outgoing "
            + $"connections take their source ports; " +
              $"a restart may find the port taken. Listen below {low} (or above {high}), or narrow the range."
            : null;

    /// <summary>The range in the form of <see cref="RangeFile"/> ("32768	60999"), or null if the text is not that.</summary>
    public static (int Low, int High)? Parse(string text)
    {
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2
               && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int low)
               && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int high) && low <= high
            ? (low, high)
            : null;
    }

    /// <summary>This host's range, or null where the file does not exist (not Linux) or cannot be read.</summary>
    public static (int Low, int High)? OfThisHost()
    {
        try
        {
            return File.Exists(RangeFile) ? Parse(File.ReadAllText(RangeFile)) : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
