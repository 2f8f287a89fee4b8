using System.Globalization;
using System.Text;
using GossipSim.Scenarios.Runtimes.Netns;

namespace GossipSim.Scenarios.Runtimes.Docker;

/// <summary>
/// The nftables rules inside one container's network namespace (pure text for `nft -f -`, tested
/// without Docker): a partition drops what this container sends to, and receives from, the
/// groups it is cut from; loss drops a share of what it receives from the run's subnet, so each
/// direction of a node-to-node path crosses one lossy hop, as on the namespace bed. Every
/// script replaces the whole table at once.
/// </summary>
public static class ContainerRules
{
    public const string Table = "gossipsim";

    public static string Script(string ip, string subnet, BedPartition? partition, double lossRate)
    {
        var input = new List<string>();
        var output = new List<string>();
        if (partition != null)
        {
            foreach (var (from, to) in NftRules.CutPairs(partition))
            {
                if (from.Contains(ip)) output.Add($"ip daddr {Set(to)} drop");
                if (to.Contains(ip)) input.Add($"ip saddr {Set(from)} drop");
            }
        }
        long threshold = (long)Math.Round(lossRate * 1_000_000);
        if (threshold > 0)
            input.Add($"ip saddr {subnet} numgen random mod 1000000 < {threshold.ToString(CultureInfo.InvariantCulture)} drop");
        var sb = new StringBuilder();
        // Declaring the table first makes the delete succeed on a container that has none yet.
        sb.Append($"table ip {Table} {{}}\ndelete table ip {Table}\n");
        sb.Append($"table ip {Table} {{\n");
        sb.Append("  chain input {\n    type filter hook input priority 0; policy accept;\n");
        foreach (var r in input) sb.Append("    ").Append(r).Append('\n');
        sb.Append("  }\n  chain output {\n    type filter hook output priority 0; policy accept;\n");
        foreach (var r in output) sb.Append("    ").Append(r).Append('\n');
        sb.Append("  }\n}\n");
        return sb.ToString();
    }

    private static string Set(IReadOnlyList<string> ips) => ips.Count == 1 ? ips[0] : "{ " + string.Join(", ", ips) + " }";
}
