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

    /// <summary>
    /// The roles of <paramref name="peer"/> the repository's node program does not have (a host's own, registered from the host's
    /// code), as "broadcast \"push-k\""; empty when it has them all (the engine's, and those the repository's programs register).
    /// The docker runtime's image is that program.
    /// </summary>
    public static IReadOnlyList<string> UnknownToRepositoryNodes(Engine.Config.PeerConfig peer)
    {
        var unknown = new List<string>();
        var broadcast = Engine.Peer.BroadcastMenu.Choices[(int)peer.Broadcast];
        if (!InRepository(broadcast.Create.Method)) unknown.Add($"broadcast \"{broadcast.Name}\"");
        var detector = Engine.Peer.FailureDetectorMenu.Choices[(int)peer.FailureDetector];
        if (!InRepository(detector.Create.Method)) unknown.Add($"failure detector \"{detector.Name}\"");
        var overlay = Engine.Peer.OverlayMenu.Choices[(int)peer.Overlay];
        if (overlay.Role is { } role && !InRepository(role.GetType())) unknown.Add($"overlay \"{overlay.Name}\"");
        return unknown;
    }

    private static bool InRepository(MemberInfo made) => InRepository(made.Module.Assembly);

    private static bool InRepository(Assembly made) => made.GetName().Name is { } name && RepositoryNodeAssemblies.Contains(name);

    // The node program's own assembly and those it references: whatever registers a broadcast there is in the image too.
    private static readonly HashSet<string> RepositoryNodeAssemblies =
    [
        typeof(RealNet.Cli.NodeCommandLine).Assembly.GetName().Name!,
        .. typeof(RealNet.Cli.NodeCommandLine).Assembly.GetReferencedAssemblies().Select(a => a.Name!),
    ];

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
