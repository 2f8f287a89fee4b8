using GossipSim.Scenarios.Definition;

namespace GossipSim.Scenarios.Netns;

/// <summary>Turns a scenario's partition fault into the bed's groups of node IPs, as the simulator reads the same fault.</summary>
public static class BedFaults
{
    /// <summary>
    /// The listed groups, plus (for a two-way cut) one more group of every node not listed,
    /// the simulator's rule. Peers that have not started yet are in their group already: their
    /// addresses are fixed by index.
    /// </summary>
    public static BedPartition PartitionOf(FaultSpec f, Scenario s)
    {
        var listed = new HashSet<string>();
        var groups = new List<IReadOnlyList<string>>();
        var parts = new List<string>();
        foreach (var g in f.Groups ?? throw new ScenarioException("a partition fault needs groups"))
        {
            var ips = new List<string>();
            foreach (var text in g)
            {
                if (!NodeSelector.TryParse(text, s, out var sel, out var why)) throw new ScenarioException($"partition group '{text}': expected {why}");
                for (int i = sel.From; i <= sel.To; i++)
                {
                    string ip = (sel.Seeds ? BedAddresses.Seed(i) : BedAddresses.Peer(i)).IpText;
                    if (listed.Add(ip)) ips.Add(ip);
                }
            }
            groups.Add(ips);
            parts.Add("[" + string.Join(",", g) + "]");
        }
        bool oneWay = f.Direction == "one-way";
        if (!oneWay)
        {
            var rest = Enumerable.Range(0, s.Seeds).Select(i => BedAddresses.Seed(i).IpText)
                .Concat(Enumerable.Range(0, s.Peers).Select(i => BedAddresses.Peer(i).IpText))
                .Where(ip => !listed.Contains(ip)).ToList();
            groups.Add(rest);
        }
        // TCP needs its acknowledgements back, so on the bed a one-way cut stalls connections both ways.
        string description = oneWay ? $"packets {parts[0]} -> {parts[1]} dropped (TCP connections between them stall both ways)" : string.Join(" | ", parts) + " | [everyone else]";
        return new BedPartition(groups, oneWay, description);
    }
}
