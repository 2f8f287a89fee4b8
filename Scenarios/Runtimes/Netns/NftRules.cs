using System.Globalization;
using System.Text;

namespace GossipSim.Scenarios.Runtimes.Netns;

/// <summary>A cut of the bed's network: no IP packet from one group reaches another (one-way: only first to second is cut).</summary>
public sealed record BedPartition(IReadOnlyList<IReadOnlyList<string>> GroupIps, bool OneWay, string Description);

/// <summary>
/// The nftables rules of the bed's router namespace, as text for `nft -f -` (pure, so tested
/// without root). Every node's packets to another node reach the router (each node has a /32
/// address and a default route via it). There the `relay` chain redirects a new TCP connection
/// A → B to the delaying relay, which opens its own connection to B *from A's address*
/// (IP_TRANSPARENT, ports in <see cref="RelayPortsFrom"/>-<see cref="RelayPortsTo"/>, a range the
/// nodes' own ephemeral ports never use), so B sees A, as without the relay. B's answers to
/// those ports are marked in `steer` and policy-routed to the router itself (table 100), so
/// they reach the relay's socket instead of being forwarded. So both legs of a relayed
/// connection carry the real (A, B) addresses, and:
/// - a partition drops group-to-group packets at ingress (priority raw, before the redirect)
///   and at egress (priority 300, after the redirect is undone and after the relay's own
///   packets are addressed), which cuts both legs;
/// - loss drops a random share of every node's packets at ingress, so each direction of a
///   node-to-node path crosses exactly one lossy hop; TCP then retransmits, as on a lossy link;
/// - a connection to a host whose node was crashed (set @down, until it restarts) is not
///   redirected but refused with a TCP reset, as that host's kernel would: the relay would
///   otherwise accept it first and reset it after, and the caller's connect back-off would
///   never start (a node not yet started gets the relay's accept-then-reset; it is rarely
///   called, since nobody knows it yet); nothing else is forwarded, so nothing reaches a
///   node except through the relay.
/// </summary>
public static class NftRules
{
    public const string Table = "gossipbed";
    /// <summary>The relay's source ports on its upstream legs (the router namespace's ip_local_port_range); nodes use 32768-60999 and their
    /// listen port.</summary>
    public const int RelayPortsFrom = 10000, RelayPortsTo = 31999;
    /// <summary>Firewall mark and routing table that deliver answers on the relay's upstream legs to the router itself.</summary>
    public const int SteerMark = 1, SteerTable = 100;

    /// <summary>The table, created once when the bed is built; the filter chains start empty.</summary>
    public static string BaseTable() =>
        $$"""
        table ip {{Table}} {
          chain ingress { type filter hook prerouting priority raw; policy accept; }
          chain steer {
            type filter hook prerouting priority mangle; policy accept;
            ip saddr {{BedAddresses.Subnet}} ip daddr {{BedAddresses.Subnet}} tcp dport {{RelayPortsFrom}}-{{RelayPortsTo}} meta mark set {{SteerMark}}
          }
          chain egress { type filter hook postrouting priority 300; policy accept; }
          set down { type ipv4_addr; }
          chain forward {
            type filter hook forward priority filter; policy drop;
            ip daddr @down meta l4proto tcp reject with tcp reset
          }
          chain relay {
            type nat hook prerouting priority dstnat; policy accept;
            ip daddr @down return
            ip saddr {{BedAddresses.Subnet}} ip daddr {{BedAddresses.Subnet}} ip daddr != {{BedAddresses.RouterIp}} meta l4proto tcp redirect to :{{BedAddresses.RelayPort}}
          }
        }

        """;

    /// <summary>
    /// One atomic transaction (nft applies a file all or nothing) that replaces the filter
    /// chains with the given partition (or none) and packet loss rate.
    /// </summary>
    public static string Filters(BedPartition? partition, double lossRate)
    {
        if (lossRate is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(lossRate), "loss must be in [0, 1)");
        var sb = new StringBuilder();
        sb.Append("flush chain ip ").Append(Table).Append(" ingress\n");
        sb.Append("flush chain ip ").Append(Table).Append(" egress\n");
        if (partition != null)
        {
            foreach (var (from, to) in CutPairs(partition))
            {
                string rule = $"ip saddr {Set(from)} ip daddr {Set(to)} drop";
                sb.Append("add rule ip ").Append(Table).Append(" ingress ").Append(rule).Append('\n');
                sb.Append("add rule ip ").Append(Table).Append(" egress ").Append(rule).Append('\n');
            }
        }
        long threshold = (long)Math.Round(lossRate * 1_000_000);
        if (threshold > 0)
            sb.Append("add rule ip ").Append(Table).Append(" ingress ip saddr ").Append(BedAddresses.Subnet)
              .Append(" ip daddr ").Append(BedAddresses.Subnet)
              .Append(" numgen random mod 1000000 < ").Append(threshold.ToString(CultureInfo.InvariantCulture)).Append(" drop\n");
        return sb.ToString();
    }

    /// <summary>Ordered (from, to) group pairs whose packets are dropped; empty groups cut nothing.</summary>
    public static IEnumerable<(IReadOnlyList<string> from, IReadOnlyList<string> to)> CutPairs(BedPartition p)
    {
        var groups = p.GroupIps;
        if (p.OneWay)
        {
            if (groups.Count != 2) throw new ArgumentException("a one-way partition has exactly two groups");
            if (groups[0].Count > 0 && groups[1].Count > 0) yield return (groups[0], groups[1]);
            yield break;
        }
        for (int i = 0; i < groups.Count; i++)
            for (int j = 0; j < groups.Count; j++)
                if (i != j && groups[i].Count > 0 && groups[j].Count > 0)
                    yield return (groups[i], groups[j]);
    }

    /// <summary>Marks a host's node process as not running (connections refused) or running.</summary>
    public static string HostDown(string ip, bool down) =>
        $"{(down ? "add" : "delete")} element ip {Table} down {{ {ip} }}\n";

    private static string Set(IReadOnlyList<string> ips) =>
        ips.Count == 1 ? ips[0] : "{ " + string.Join(", ", ips) + " }";
}
