namespace GossipSim.Scenarios.Results;

/// <summary>
/// Where a command writes its results when not told (--out): results/&lt;name&gt;/ under the current
/// folder. git ignores results/ entirely, so running the README's commands leaves a checkout clean;
/// the committed example runs live in examples/runs/ (re-made by examples/remake).
/// </summary>
public static class ResultsFolders
{
    public const string Root = "results";

    /// <summary>results/&lt;name&gt; (a scenario's name, or the command's: up, collected, swarm).</summary>
    public static string Default(params string[] names) => Path.Combine([Root, .. names]);
}
