using GossipSim.Scenarios.Definition;

namespace GossipSim.Scenarios.Runtimes.Netns;

/// <summary>Turns a partition fault into the bed's groups of node IPs, as the simulator reads the same fault.</summary>
public static class BedFaults
{
    /// <summary>
    /// The listed groups, plus (for a two-way cut) one more group of every node not listed,
    /// the simulator's rule. Peers that have not started yet are in their group already: their
    /// addresses are fixed by index.
    /// </summary>
    /// <param name="ipOf">A node's IP by (is seed, index); the bed's addresses when null (the docker runtime gives its own).</param>
    public static BedPartition PartitionOf(PartitionFault f, int seeds, int peers, Func<bool, int, string>? ipOf = null)
    {
        ipOf ??= (seed, i) => (seed ? BedAddresses.Seed(i) : BedAddresses.Peer(i)).IpText;
        var listed = new HashSet<string>();
        var groups = new List<IReadOnlyList<string>>();
        foreach (var g in f.Groups)
        {
            var ips = new List<string>();
            foreach (var sel in g)
                for (int i = sel.From; i <= sel.To; i++)
                {
                    string ip = ipOf(sel.Seeds, i);
                    if (listed.Add(ip)) ips.Add(ip);
                }
            groups.Add(ips);
        }
        var parts = f.GroupTexts.Select(g => "[" + string.Join(",", g) + "]").ToList();
        if (!f.OneWay)
        {
            var rest = Enumerable.Range(0, seeds).Select(i => ipOf(true, i))
                .Concat(Enumerable.Range(0, peers).Select(i => ipOf(false, i)))
                .Where(ip => !listed.Contains(ip)).ToList();
            groups.Add(rest);
        }
        // TCP needs its acknowledgements back, so on the bed a one-way cut stalls connections both ways.
        string description = f.OneWay ? $"packets {parts[0]} -> {parts[1]} dropped (TCP connections between them stall both ways)"
            : string.Join(" | ", parts) + " | [everyone else]";
        return new BedPartition(groups, f.OneWay, description);
    }
}
