namespace GossipSim.Scenarios.Definition;

/// <summary>Names from a menu given on a command line, comma-separated (compare-protocols', the swarm's --broadcast,
/// --overlay and --failure-detector).</summary>
public static class MenuNames
{
    /// <summary>The names in <paramref name="list"/> (an option's value), in the order given, each one of <paramref name="menu"/>;
    /// an unknown or repeated name is an error naming the option.</summary>
    public static IReadOnlyList<string> Of(string option, string what, string list, IReadOnlyList<string> menu)
    {
        var names = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0) throw new ScenarioException($"{option}: expected one or more of {string.Join(", ", menu)}");
        foreach (var n in names)
            if (!menu.Contains(n))
                throw new ScenarioException($"{option}: '{n}' is not a {what}: expected one or more of {string.Join(", ", menu)}");
        if (names.Distinct().Count() != names.Length) throw new ScenarioException($"{option}: '{list}' names a {what} twice");
        return names;
    }
}
