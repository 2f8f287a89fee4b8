using System.CommandLine;

namespace GossipSim.Scenarios.Commands;

/// <summary>
/// The root's usage as its two forms, a scenario run or another command: the library writes one
/// line, "&lt;scenario&gt; [command] [options]", which puts a scenario before up or collect (they
/// take none), and its help layout cannot be changed from outside it, so its text is rewritten.
/// </summary>
public static class RootUsage
{
    /// <summary>The root's help with its usage line replaced by the two forms; other text as given.</summary>
    public static string Rewrite(string help, RootCommand root)
    {
        var lines = help.Split('\n').ToList();
        int at = lines.FindIndex(l => l.TrimEnd('\r') == "Usage:");
        if (at < 0 || at + 1 >= lines.Count) return help;
        var commands = root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
        var forms = new[]
        {
            ($"{root.Name} <scenario> [options]", "run a scenario on the simulator or on real nodes"),
            ($"{root.Name} <command> [options]", $"another tool: {string.Join(", ", commands)} (each has --help)"),
        };
        int width = forms.Max(f => f.Item1.Length) + 4;
        lines.RemoveAt(at + 1);
        lines.InsertRange(at + 1, forms.Select(f => $"  {f.Item1.PadRight(width)}{f.Item2}"));
        return string.Join('\n', lines);
    }
}
