using System.Reflection;

namespace GossipSim.Scenarios.Host;

/// <summary>
/// Which program this process is, for what it starts and what it prints: the repository's Scenarios (its nodes are the
/// repository's node program, its commands read <c>dotnet run --project Scenarios</c>), or a user's GossipSim host that
/// <see cref="GossipSimHost.Run"/> entered (its nodes and relay are the host itself in <c>node</c> and <c>relay</c> mode, so they
/// have the host's own broadcasts; its commands read <c>dotnet run --project MyLab</c>).
/// </summary>
public static class HostProgram
{
    /// <summary>The host's first argument that runs one node (<see cref="GossipSimHost.NodeMode"/>).</summary>
    public const string NodeMode = "node";

    /// <summary>The host's first argument that runs the namespace bed's relay (<see cref="GossipSimHost.RelayMode"/>).</summary>
    public const string RelayMode = "relay";

    // Set once, by GossipSimHost.Run at the host's start, before any run; read after.
    private static Entry? s_host;

    private sealed record Entry(string Name, string Path);

    /// <summary>The host's name (its entry assembly's: "MyLab"), or null when this process is not a host (the repository's
    /// Scenarios, a test).</summary>
    public static string? Name => s_host?.Name;

    /// <summary>How a command that repeats a run starts: <c>dotnet run --project Scenarios</c>, or the host's project.</summary>
    public static string RunCommand => $"dotnet run --project {s_host?.Name ?? "Scenarios"}";

    /// <summary>The host in <paramref name="mode"/> ("node", "relay"), or null when this process is not a host.</summary>
    public static ChildProgram? InMode(string mode) => s_host is { } h ? new ChildProgram(h.Path, [mode]) : null;

    /// <summary>The host's program file (its .dll, or the program itself when published as one file), or null when this process is
    /// not a host. The docker runtime's image of a host is made from its folder.</summary>
    public static string? Program => s_host?.Path;

    /// <summary>Makes this process a host: from now on the runtimes start it, in a mode, for every node and relay.</summary>
    internal static void EnterAsHost()
    {
        var entry = Assembly.GetEntryAssembly();
        string name = entry?.GetName().Name ?? "host";
        // The entry .dll, run by dotnet; a host published as one file has no .dll, and runs itself.
        string path = entry?.Location is { Length: > 0 } dll ? dll
            : Environment.ProcessPath ?? throw new InvalidOperationException("this host's program cannot be found");
        s_host = new Entry(name, path);
    }
}
