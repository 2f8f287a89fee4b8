namespace GossipSim.Scenarios.Host;

/// <summary>
/// A program of ours that a runtime starts as its own process (a seed or peer, the bed's relay), and the words that come before
/// its own arguments: the repository's node (<c>GossipSim.RealNet.dll</c> or the native <c>node-native/GossipSim.RealNet</c>,
/// no words), or a GossipSim host in one of its modes (<c>MyLab.dll node</c>), so that a node has the host's broadcasts too.
/// </summary>
/// <param name="Path">A .dll (run by dotnet) or an executable.</param>
/// <param name="Mode">The words before the program's own arguments (<c>["node"]</c> for a host's node mode).</param>
public sealed record ChildProgram(string Path, IReadOnlyList<string> Mode)
{
    /// <summary>A program that takes its arguments as they are.</summary>
    public ChildProgram(string path) : this(path, []) { }

    /// <summary>Whether dotnet runs it (a .dll on the JIT) rather than the system (an executable).</summary>
    public bool Managed => Path.EndsWith(".dll", StringComparison.Ordinal);

    /// <summary>Its full command line for <paramref name="args"/>: the mode's words, then the arguments.</summary>
    public IEnumerable<string> Arguments(IEnumerable<string> args) => Mode.Concat(args);

    /// <summary>How a run's first line names it: "dotnet MyLab.dll node".</summary>
    public string Describe() =>
        string.Join(' ', (Managed ? ["dotnet"] : Array.Empty<string>()).Append(System.IO.Path.GetFileName(Path)).Concat(Mode));
}
