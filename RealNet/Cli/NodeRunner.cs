using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Nodes;
using GossipSim.RealNet.Security;
using GossipSim.RealNet.Transport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Cli;

/// <summary>
/// Runs one seed or peer process: read the seed list, bind, announce the bound address, run the
/// node until SIGINT/SIGTERM, stop it cleanly. Exit codes: 0 clean stop, 1 the node failed,
/// 2 bad command line, configuration or seed list.
/// </summary>
internal static class NodeRunner
{
    public const int ExitOk = ExitCodes.Ok, ExitFailed = ExitCodes.Failed, ExitUsage = ExitCodes.BadInput;

    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Socket completions run on the runtime's socket thread, not handed to a pool thread: with the node handled by the reader that
    /// finds it idle (<see cref="Host.NodeHost"/>) and frames sent from the caller's thread (<see cref="Transport.TcpTransport"/>), a
    /// gossip message is read, checked and forwarded on the thread epoll woke, with no hand-over (docs/performance.md, section 5).
    /// Read by the runtime when the process's first socket is made, so set before; an explicit setting is kept.
    /// </summary>
    private static void RunSocketCompletionsInline()
    {
        if (Environment.GetEnvironmentVariable(InlineCompletions) == null) Environment.SetEnvironmentVariable(InlineCompletions, "1");
    }

    public static int Run(NodeRole role, CliParseResult r, CommonOptions common, PeerOptions? peerOptions, SeedOptions? seedOptions,
        TextWriter stdout, TextWriter stderr)
    {
        RunSocketCompletionsInline();
        string roleName = role == NodeRole.Seed ? "seed" : "peer";
        if (!ListenAddress.TryParse(r.GetValue(common.Listen)!, out var listen, out string error))
            return Fail(stderr, $"--listen: {error}");
        NodeAddress? metricsAt = null;
        if (r.GetValue(common.Metrics) is { } metricsText)
        {
            if (!ListenAddress.TryParse(metricsText, out var m, out error, allowAnyAddress: true))
                return Fail(stderr, $"--metrics: {error}");
            metricsAt = m;
        }

        // Every setting is checked before anything is bound, so a typo costs no port.
        PeerConfig? peerConfig = null;
        SeedConfig? seedConfig = null;
        TcpTransportOptions transportOptions;
        string? keyWarning = null;
        try
        {
            if (role == NodeRole.Peer)
            {
                peerConfig = peerOptions!.Build(r, loopback: (listen.Ip >> 24) == 127);
            }
            else
            {
                seedConfig = seedOptions!.Build(r);
            }
            transportOptions = common.Transport(r);
            if (r.GetValue(common.ClusterKey) is { } keySpec)
                transportOptions = transportOptions with { ClusterKey = ClusterKey.Load(keySpec, out keyWarning) };
            transportOptions.Validate();
        }
        catch (Exception e) when (e is ArgumentException or ClusterKeyException)
        {
            return Fail(stderr, e.Message);
        }
        if (keyWarning != null) stderr.WriteLine($"warning: {keyWarning}");

        // The seed list is read before anything is bound or announced, so LISTENING means the node
        // has its seeds, and a bad list costs no port. Only a launcher's seeds wait for theirs
        // (--seeds-wait: it writes the list once their ports are known); they read it after LISTENING.
        string seedsPath = r.GetValue(common.Seeds)!;
        var seedsWait = CliOptions.Get(r, common.SeedsWait);
        SeedNames? seedNames = null;
        Dictionary<NodeAddress, NodeKey>? pinned = null;
        NodeKey? operatorKey = null;
        try
        {
            seedNames = SeedNames.Load(seedsPath);
            pinned = PinnedKeys(seedNames, seedsPath);
            operatorKey = OperatorKeyOf(seedNames, seedsPath);
        }
        catch (SeedListException e)
        {
            if (seedsWait <= TimeSpan.Zero) return Fail(stderr, e.Message);
        }
        catch (NodeKeyException e)
        {
            // A key is part of the list: a bad one is refused before the port is bound, like a bad address.
            return Fail(stderr, e.Message);
        }

        NodePort port;
        try
        {
            port = TakenPort.Listen(listen, transportOptions, stderr, TakenPort.Patience);
        }
        catch (SocketException e)
        {
            return Fail(stderr, $"cannot listen on {listen}: {e.Message}");
        }
        var self = port.Address;
        // One machine-readable line, first on stdout: a launcher that asked for port 0 reads the real one here.
        stdout.WriteLine($"LISTENING {self}");
        stdout.Flush();

        IReadOnlyList<NodeAddress> seeds;
        try
        {
            seedNames ??= LoadSeeds(seedsPath, seedsWait);
            if (pinned == null)
            {
                pinned = PinnedKeys(seedNames, seedsPath);
                operatorKey = OperatorKeyOf(seedNames, seedsPath);
            }
            seeds = seedNames.Entries.Select(e => e.Address).ToArray();
            foreach (string line in seedNames.Unresolved)
                stderr.WriteLine($"warning: {line}: the seed is known by its key, and its name is looked up again at each connection");
            // A seed named by host is looked up again at each connection to it (its container may come back elsewhere).
            if (seedNames.NamedCount > 0) port.Transport.DialAddress = seedNames.DialAddress;
        }
        catch (Exception e) when (e is SeedListException or NodeKeyException)
        {
            port.Transport.Abort();
            return Fail(stderr, e.Message);
        }

        string outDir = r.GetValue(common.Out) ?? Path.Combine("out", NodeAssembly.NameOf(role, self));
        bool quiet = r.GetValue(common.Quiet);
        NodeAssembly node;
        try
        {
            node = NodeAssembly.Assemble(new NodeSettings
            {
                SeedConfig = seedConfig,
                PeerConfig = peerConfig,
                Seeds = seeds,
                PinnedKeys = pinned,
                OperatorKey = operatorKey,
                Joining = role == NodeRole.Seed && r.GetValue(seedOptions!.Joining),
                SeedListName = seedsPath,
                OutDir = outDir,
                StateDir = r.GetValue(common.StateDir),
                KeyPath = r.GetValue(common.Key),
                RandomSeed = r.GetValue(common.RandomSeed),
                Incarnation = r.GetValue(common.Incarnation),
                Console = quiet ? null : stdout,
                LogMaxBytes = r.GetValue(common.LogMaxKiB) * 1024L,
                TraceMaxBytes = r.GetValue(common.TraceMaxMiB) * (1L << 20),
                StatusInterval = CliOptions.Get(r, common.StatusInterval),
                MetricsAt = metricsAt,
            }, port);
        }
        catch (NodeSetupException e)
        {
            return Fail(stderr, e.Message);
        }
        var host = node.Host;
        var log = node.Log;
        if (keyWarning != null) log.Line($"warning: {keyWarning}");
        // One line, on the console too: the default a user writes by hand should say what it risks.
        if (node.UnpinnedSeedsWarning != null && quiet) stderr.WriteLine(node.UnpinnedSeedsWarning);
        var portOrigin = EphemeralPorts.OriginOf(listen.Port, launched: r.GetValue(common.ParentPid) is int);
        if (EphemeralPorts.Warning(listen.Port, portOrigin, EphemeralPorts.OfThisHost()) is { } portWarning)
        {
            log.Line(portWarning);
            stderr.WriteLine(portWarning);
        }

        void OnSignal(PosixSignalContext c)
        {
            c.Cancel = true; // we exit ourselves, after the node said goodbye
            log.Line($"{c.Signal}: stopping");
            host.RequestStop(sayGoodbye: true);
        }
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);

        using var parentWatch = r.GetValue(common.ParentPid) is int parentPid ? WatchParent(parentPid, host, log) : null;

        // One node in this process: keep its resident memory near what it uses (see ProcessMemory).
        using var memoryTrim = ProcessMemory.StartTrimming();

        int code = ExitOk;
        host.Start();
        try
        {
            host.Completion.GetAwaiter().GetResult();
        }
        catch (NodeHaltException e)
        {
            log.Line($"node stopped: {e.Message}");
            stderr.WriteLine($"error: {roleName} {self}: {e.Message}");
            code = ExitFailed;
        }
        catch (Exception e)
        {
            log.Line($"node failed: {e}");
            stderr.WriteLine($"error: {roleName} {self} failed: {e.Message}");
            code = ExitFailed;
        }
        node.Close(lastLine: $"{roleName} {self} stopped (exit code {code})");
        return code;
    }

    /// <summary>The keys the seed list pins, each checked (base64, a P-256 point); a bad one names the file and line.</summary>
    private static Dictionary<NodeAddress, NodeKey> PinnedKeys(SeedNames list, string path)
    {
        var pinned = new Dictionary<NodeAddress, NodeKey>();
        foreach (var e in list.Entries)
            if (e.Key != null) pinned[e.Address] = NodeIdentity.ParsePublic(e.Key, $"{path}:{e.Line}");
        return pinned;
    }

    /// <summary>The operator's key the list pins ("operator KEY"), checked; null: none.</summary>
    private static NodeKey? OperatorKeyOf(SeedNames list, string path) =>
        list.OperatorKey is { } key ? NodeIdentity.ParsePublic(key, $"{path}:{list.OperatorLine}") : null;

    /// <summary>Reads the seed list; with a wait, retries until the file is there, well-formed and its names resolve, or the time is
    /// up. A seed named by host and pinned by key whose name does not resolve (its host died, or has not started yet) is taken by its
    /// key when another seed's name or address is there: a node must start while a seed is gone (its name is looked up again at
    /// each connection).</summary>
    public static SeedNames LoadSeeds(string path, TimeSpan wait)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return SeedNames.Load(path);
            }
            catch (SeedListException) when (clock.Elapsed < wait)
            {
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>Polls for the launcher's process; once it is gone the node stops as on SIGTERM.</summary>
    private static Timer WatchParent(int pid, NodeHost host, NodeLog log)
    {
        int fired = 0;
        return new Timer(_ =>
        {
            if (IsAlive(pid) || Interlocked.Exchange(ref fired, 1) != 0) return;
            log.Line($"parent process {pid} is gone: stopping");
            host.RequestStop(sayGoodbye: true);
        }, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
    }

    private static bool IsAlive(int pid) => OperatingSystem.IsLinux() ? IsAliveProcfs(pid) : IsAliveProcess(pid);

    /// <summary>
    /// Linux: the process is alive while /proc/PID exists and is not a zombie. Cheaper than
    /// Process.GetProcessById every half second, and a node then never loads System.Diagnostics.Process.
    /// </summary>
    internal static bool IsAliveProcfs(int pid)
    {
        try
        {
            // "PID (comm) S ...": the state follows the last ')' (comm may hold spaces and parentheses).
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            int close = stat.LastIndexOf(')');
            return close < 0 || close + 2 >= stat.Length || stat[close + 2] is not ('Z' or 'X');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // FileNotFound / DirectoryNotFound: no such process
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static bool IsAliveProcess(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        return ExitUsage;
    }
}
