using System.Globalization;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Run.Control;

/// <summary>A manager line as a person types it, parsed once into a <see cref="RunCommand"/>.</summary>
public static class ManagerCommand
{
    /// <summary>Each command as the help shows it, with what the runtime must be able to do for it.</summary>
    private static readonly (RunCapabilities Needs, string Usage)[] Usages =
    [
        (RunCapabilities.List, "list"),
        (RunCapabilities.Add, "add [n]"),
        (RunCapabilities.Kill, "kill <hub|peer:i|seed:i|ip:port|port>"),
        (RunCapabilities.Restart, "restart <peer:i|seed:i|ip:port|port>"),
        (RunCapabilities.Partition, "partition [one-way] <group> | <group> ... (a group: seed:0,peers:0-4)"),
        (RunCapabilities.Heal, "heal"),
        (RunCapabilities.SeedSet, "seed-set add | seed-set remove <seed index> | seed-set replace <seed index>"),
        (RunCapabilities.Quit, "quit (or exit)"),
    ];

    /// <summary>Every command, as a runtime that can do everything offers them (the simulator with the dashboard, the netns bed).</summary>
    public static readonly string Help = HelpFor(Enum.GetValues<RunCapabilities>().Aggregate((a, b) => a | b));

    /// <summary>The commands a runtime that can do <paramref name="capabilities"/> offers: one it cannot carry out is not offered.</summary>
    public static string HelpFor(RunCapabilities capabilities) =>
        string.Join(" | ", Usages.Where(u => (capabilities & u.Needs) == u.Needs).Select(u => u.Usage));

    /// <summary>The command, or null with <paramref name="error"/> saying what was expected.</summary>
    /// <param name="offered">The commands an unknown line's error lists (the run's own; by default every command).</param>
    public static RunCommand? Parse(string line, out string error, RunCapabilities? offered = null)
    {
        error = "";
        var words = line.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string rest = words.Length > 1 ? words[1] : "";
        switch (words.FirstOrDefault())
        {
            case "list" when rest == "": return new ListNodes();
            case "heal" when rest == "": return new HealNetwork();
            case "quit" or "exit" when rest == "": return new QuitRun();
            case "add":
                if (rest == "") return new AddPeers(1);
                if (int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out int n)) return new AddPeers(n);
                error = $"add: expected a number of peers, not '{rest}'";
                return null;
            case "kill" or "restart":
                // A bare port is an address with IP 0: the run finds the one node on that port.
                if (ushort.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out ushort port) && port > 0)
                    rest = $"0.0.0.0:{port}";
                if (NodeTarget.TryParse(rest, out var target) && !(words[0] == "restart" && target.Hub))
                    return words[0] == "kill" ? new KillNode(target) : new RestartNode(target);
                error = $"{words[0]}: expected {(words[0] == "kill" ? "hub, " : "")}peer:i, seed:i, an address "
                    + $"ip:port or a port, not '{rest}'";
                return null;
            case "seed-set":
            {
                var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                int index = 0;
                bool indexed = parts.Length == 2 && parts[0] is "remove" or "replace"
                    && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out index);
                if (parts is ["add"]) return new ChangeSeedSet(SeedSetChangeKind.Add);
                if (indexed) return new ChangeSeedSet(parts[0] == "remove" ? SeedSetChangeKind.Remove : SeedSetChangeKind.Replace, index);
                error = $"seed-set: expected 'add', 'remove <seed index>' or 'replace <seed index>', not '{rest}'";
                return null;
            }
            case "partition":
            {
                bool oneWay = rest.StartsWith("one-way", StringComparison.Ordinal);
                if (oneWay) rest = rest["one-way".Length..];
                var groups = rest.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(g => (IReadOnlyList<string>)g.Split(new[] { ',', ' ' },
                        StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    .ToList();
                if (groups.Count > 0) return new PartitionNetwork(groups, oneWay);
                error = "partition: expected groups like seed:0,peers:0-4 | peers:5-9";
                return null;
            }
            default:
                error = $"unknown command '{line.Trim()}'; commands: {(offered is { } can ? HelpFor(can) : Help)}";
                return null;
        }
    }

    /// <summary>The line that <see cref="Parse"/> reads back as <paramref name="command"/>: how the page's log shows it.</summary>
    public static string Format(RunCommand command) => command switch
    {
        AddPeers a => $"add {a.Count}",
        KillNode k => $"kill {k.Target}",
        RestartNode r => $"restart {r.Target}",
        ChangeSeedSet c => c.Change == SeedSetChangeKind.Add ? "seed-set add"
            : $"seed-set {(c.Change == SeedSetChangeKind.Remove ? "remove" : "replace")} {c.Index}",
        PartitionNetwork p => $"partition {(p.OneWay ? "one-way " : "")}{string.Join(" | ", p.Groups.Select(g => string.Join(",", g)))}",
        _ => command.Name,
    };
}
