using System.Globalization;

namespace GossipSim.Scenarios.Definition;

/// <summary>Names nodes in a partition group: "seed:i", "seeds", "peer:i", "peers:a-b" (inclusive), "peers".</summary>
public readonly record struct NodeSelector(bool Seeds, int From, int To)
{
    public static bool TryParse(string text, Scenario s, out NodeSelector sel, out string error)
    {
        sel = default;
        error = "\"seed:i\", \"seeds\", \"peer:i\", \"peers\" or \"peers:a-b\"";
        string[] parts = text.Split(':', 2);
        bool seeds = parts[0] is "seed" or "seeds";
        if (!seeds && parts[0] is not ("peer" or "peers")) return false;
        int count = seeds ? s.Seeds : s.Peers;
        int from = 0, to = count - 1;
        if (parts.Length == 2)
        {
            string[] range = parts[1].Split('-', 2);
            if (!int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out from)) return false;
            to = from;
            if (range.Length == 2 && !int.TryParse(range[1], NumberStyles.None, CultureInfo.InvariantCulture, out to)) return false;
        }
        else if (parts[0] is "seed" or "peer") return false;
        if (from < 0 || to >= count || from > to)
        {
            error = $"an index range within 0-{count - 1} in '{text}'";
            return false;
        }
        sel = new NodeSelector(seeds, from, to);
        return true;
    }
}
