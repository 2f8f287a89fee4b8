using System.Globalization;
using System.Text;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Runtimes.Docker;

/// <summary>
/// Where each node of a docker run lives: a fixed address by its index on the run's overlay
/// network (as on the namespace bed, so a partition names addresses before a peer starts, and a
/// restarted container comes back where it was), its host name ("seed-0", "peer-12": what the seed
/// list says, and what a seed list written by hand for the stack file says too), and its container's name.
/// </summary>
public sealed class DockerAddresses(string stack, int subnetOctet)
{
    /// <summary>The port every node listens on in its container (each container has its own address).</summary>
    public const ushort NodePort = 5001;

    /// <summary>The second octet of the first subnet tried (10.200.0.0/16); a run takes the first free of 40.</summary>
    public const int FirstSubnetOctet = 200, SubnetChoices = 40;

    public const int MaxSeeds = 240, MaxPeers = 250 * 250;

    public string Stack => stack;
    public string Subnet => $"10.{subnetOctet.ToString(CultureInfo.InvariantCulture)}.0.0/16";

    /// <summary>Seeds at 10.X.0.10 up; peers from 10.X.1.2, 250 a /24.</summary>
    public string IpOf(NodeRef node)
    {
        string x = subnetOctet.ToString(CultureInfo.InvariantCulture);
        if (node.IsSeed) return $"10.{x}.0.{(10 + node.Index).ToString(CultureInfo.InvariantCulture)}";
        string third = (1 + node.Index / 250).ToString(CultureInfo.InvariantCulture);
        return $"10.{x}.{third}.{(2 + node.Index % 250).ToString(CultureInfo.InvariantCulture)}";
    }

    public NodeAddress AddressOf(NodeRef node) => NodeAddress.Parse($"{IpOf(node)}:{NodePort}");

    /// <summary>The address of a run's <paramref name="move"/>-th moved life (1 up): 10.X.255.2 up, past every peer's /24.</summary>
    public string MovedIp(int move) =>
        $"10.{subnetOctet.ToString(CultureInfo.InvariantCulture)}.255.{(1 + move).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The node's host name on the run's network, and the name of its folder under nodes/: "seed-0", "peer-12".</summary>
    public static string HostOf(NodeRef node) => $"{node.RoleName}-{node.Index.ToString(CultureInfo.InvariantCulture)}";

    public string ContainerOf(NodeRef node) => $"{stack}-{HostOf(node)}";

    /// <summary>The node a container name stands for ("gossipsim-crash-hub-peer-12" → peer 12), or null for a name not of this
    /// run.</summary>
    public NodeRef? NodeOf(string container) =>
        container.StartsWith(stack + "-", StringComparison.Ordinal) ? NodeOfHost(container[(stack.Length + 1)..]) : null;

    /// <summary>The node a host name stands for ("peer-12" → peer 12, as <see cref="HostOf"/> makes it), or null.</summary>
    public static NodeRef? NodeOfHost(string host)
    {
        int dash = host.LastIndexOf('-');
        if (dash <= 0 || !int.TryParse(host[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int index)) return null;
        return host[..dash] switch
        {
            "seed" => NodeRef.Seed(index),
            "peer" => NodeRef.Peer(index),
            _ => null,
        };
    }

    /// <summary>
    /// The stack's name for a scenario: "gossipsim-" and the scenario's name in the letters Docker
    /// allows, so a run's containers and network are found by name, and two runs of one scenario
    /// at once on one engine are told apart (the second is refused).
    /// </summary>
    public static string StackOf(string scenarioName)
    {
        var sb = new StringBuilder("gossipsim-");
        foreach (char c in scenarioName.ToLowerInvariant())
            sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        string name = sb.ToString().TrimEnd('-');
        return name.Length > 40 ? name[..40].TrimEnd('-') : name;
    }

    /// <summary>The seed list every node reads: each seed by host name, pinned by its public key, and the operator's key whose
    /// signed changes of the seed set the seeds vote on (none: the set is fixed).</summary>
    public static string SeedList(IReadOnlyList<string> seedKeys, string? operatorKey = null) =>
        "# GossipSim seed list of a docker run: seeds by host name on the run's network, each pinned by its public key\n"
        + string.Concat(seedKeys.Select((key, i) => $"{HostOf(NodeRef.Seed(i))}:{NodePort} {key}\n"))
        + (operatorKey != null ? $"{SeedListFile.OperatorWord} {operatorKey}\n" : "");
}
