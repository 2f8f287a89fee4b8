using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Seed;
using GossipSim.Engine.Trace;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Metrics;
using GossipSim.RealNet.Security;
using GossipSim.RealNet.Storage;
using GossipSim.RealNet.Transport;

namespace GossipSim.RealNet.Cli;

/// <summary>
/// Runs one seed or peer process: bind, announce the bound address, read the seed list, run the
/// node until SIGINT/SIGTERM, stop it cleanly. Exit codes: 0 clean stop, 1 the node failed,
/// 2 bad command line, configuration or seed list.
/// </summary>
internal static class NodeRunner
{
    public const int ExitOk = ExitCodes.Ok, ExitFailed = ExitCodes.Failed, ExitUsage = ExitCodes.BadInput;

    public static int Run(NodeRole role, CliParseResult r, CommonOptions common, PeerOptions? peerOptions, SeedOptions? seedOptions, TextWriter stdout, TextWriter stderr)
    {
        string roleName = role == NodeRole.Seed ? "seed" : "peer";
        if (!ListenAddress.TryParse(r.GetValue(common.Listen)!, out var listen, out string error))
            return Fail(stderr, $"--listen: {error}");
        NodeAddress? metricsAt = null;
        if (r.GetValue(common.Metrics) is { } metricsText)
        {
            if (!ListenAddress.TryParse(metricsText, out var m, out error, allowAnyAddress: true)) return Fail(stderr, $"--metrics: {error}");
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
        IReadOnlyList<SeedListEntry>? entries = null;
        try
        {
            entries = SeedListFile.LoadEntries(seedsPath);
        }
        catch (SeedListException e)
        {
            if (seedsWait <= TimeSpan.Zero) return Fail(stderr, e.Message);
        }

        NodeLog? log = null;
        TcpTransport transport;
        try
        {
            transport = TcpTransport.Listen(listen, transportOptions, line => log?.Line(line));
        }
        catch (SocketException e)
        {
            return Fail(stderr, $"cannot listen on {listen}: {e.Message}");
        }
        var self = transport.LocalAddress;
        // One machine-readable line, first on stdout: a launcher that asked for port 0 reads the real one here.
        stdout.WriteLine($"LISTENING {self}");
        stdout.Flush();

        var unpinned = new List<NodeAddress>();
        IReadOnlyList<NodeAddress> seeds;
        try
        {
            entries ??= LoadSeeds(seedsPath, seedsWait);
            seeds = entries.Select(e => e.Address).ToArray();
            if (role == NodeRole.Seed && !seeds.Contains(self))
                throw new SeedListException($"{seedsPath}: this seed's address {self} is not in the seed list");
            foreach (var e in entries)
            {
                if (e.Key == null) unpinned.Add(e.Address);
                else transport.Keys.Pin(e.Address, NodeIdentity.ParsePublic(e.Key, $"{seedsPath}:{e.Line}"));
            }
        }
        catch (Exception e) when (e is SeedListException or NodeKeyException)
        {
            transport.Abort();
            return Fail(stderr, e.Message);
        }

        // Seed-to-seed messages only from the seed list, seed replies only from seeds, and nothing a node never receives.
        transport.RestrictSenders(SenderPolicy.For(role, seeds));

        string name = $"{roleName}-{self.IpText}_{self.Port}";
        string outDir = r.GetValue(common.Out) ?? Path.Combine("out", name);
        TraceFileSink trace;
        try
        {
            Directory.CreateDirectory(outDir);
            log = new NodeLog(Path.Combine(outDir, name + ".txt"), r.GetValue(common.Quiet) ? null : stdout, $"[{roleName} {self}]",
                maxFileBytes: r.GetValue(common.LogMaxKiB) * 1024L);
            // The settings the node runs with, by their scenario names, for launchers and tests to compare with the scenario.
            string configPath = Path.Combine(outDir, StatusFile.ConfigFileName);
            if (peerConfig != null) StatusFile.WriteConfig(configPath, peerConfig, PeerTunables.All);
            else StatusFile.WriteConfig(configPath, seedConfig!, SeedTunables.All);
            // Appended: a node restarted into the same directory keeps its earlier life in the trace.
            trace = TraceFileSink.Open(Path.Combine(outDir, "trace.jsonl"), r.GetValue(common.TraceMaxMiB) * (1L << 20), log.Line);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            transport.Abort();
            log?.Dispose();
            return Fail(stderr, $"cannot write to {outDir}: {e.Message}");
        }

        // A failure from here on closes what is open so far.
        int FailOpened(string message)
        {
            transport.Abort();
            trace.Dispose();
            log.Dispose();
            return Fail(stderr, message);
        }

        string stateDir = r.GetValue(common.StateDir) ?? Path.Combine(outDir, "state");
        string keyPath = r.GetValue(common.Key) ?? Path.Combine(stateDir, NodeIdentity.FileName);
        NodeIdentity identity;
        bool keyMade;
        string? keyFileWarning;
        try
        {
            identity = NodeIdentity.LoadOrCreate(keyPath, out keyMade, out keyFileWarning);
            if (transport.Keys.Pinned(self) is { } pinned && !pinned.Equals(identity.PublicKey))
                throw new NodeKeyException($"{seedsPath}: this seed's line pins {pinned.Fingerprint}, but its key {keyPath} is {identity.PublicKey.Fingerprint}: " +
                                           "give the seed its own key file, or put its public key (" + identity.PublicKey.ToBase64() + ") on its line");
        }
        catch (Exception e) when (e is NodeKeyException or IOException or UnauthorizedAccessException)
        {
            return FailOpened(e is NodeKeyException ? e.Message : $"cannot make the node key {keyPath}: {e.Message}");
        }
        transport.UseIdentity(identity);

        // Seeds the list does not pin are bound to the first key that proves them, kept in the state directory across restarts.
        var learnedKeys = new LearnedSeedKeys(stateDir);
        try
        {
            var remembered = learnedKeys.Load();
            transport.Keys.LearnSeedsOnFirstUse(seeds, remembered, (seed, key) =>
            {
                try
                {
                    learnedKeys.Append(seed, key);
                    log.Line($"seed {seed} proved key {key.Fingerprint} first: from now on only that key speaks and votes for it (kept in {learnedKeys.Path})");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    log.Line($"warning: seed {seed}'s key {key.Fingerprint}, learned on first use, holds until this node stops, but could not be kept in {learnedKeys.Path}: {e.Message}");
                }
            });
        }
        catch (NodeKeyException e)
        {
            identity.Dispose();
            return FailOpened(e.Message);
        }

        // A seed reads its commit log before it runs: a log that cannot be read stops it here, with the file and offset.
        FileCommitStore? store = null;
        if (role == NodeRole.Seed)
        {
            try
            {
                store = FileCommitStore.Open(stateDir, report: log.Line);
            }
            catch (Exception e) when (e is CommitLogCorruptException or IOException or UnauthorizedAccessException)
            {
                identity.Dispose();
                return FailOpened(e is CommitLogCorruptException ? e.Message : $"cannot open the state directory {stateDir}: {e.Message}");
            }
            log.Line($"commit log {store.Path}: {store.Load().Count} committed operations" +
                     (store.TornTailFile != null ? $"; a torn last write ({store.TornBytes} bytes: {store.TornBecause}) was cut off and kept in {store.TornTailFile}" : "") +
                     (store.ConvertedFrom is { } from ? $"; converted from format {from} to format {FileCommitStore.Format}" : ""));
        }

        // With --metrics the host gets a counting transport and a trace fan-out; the trace file is one sink, the metrics another.
        var metrics = metricsAt != null ? new MetricsSources(transport) : null;
        ITraceSink nodeTrace = metrics != null ? new TraceFanout(trace, metrics.Trace) : trace;

        ulong rngSeed = r.GetValue(common.RandomSeed) ?? ClockSeed();
        long incarnation = r.GetValue(common.Incarnation) ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Node node = role == NodeRole.Seed
            ? new SeedNode(seedConfig!, seeds, incarnation, store: store, identity: new SeedIdentity(identity, transport.Keys))
            : new PeerNode(peerConfig!, seeds, incarnation, new PeerIdentity(identity, transport.Keys));
        var host = new NodeHost(node, (ITransport?)metrics?.Transport ?? transport, new NodeHostOptions
        {
            Random = RngStreams.RealNode(rngSeed, self),
            Trace = nodeTrace,
            Log = log,
            StatusPath = Path.Combine(outDir, "status.json"),
            StatusInterval = CliOptions.Get(r, common.StatusInterval),
        });
        log.Line($"{roleName} {self}: pid {Environment.ProcessId}, rng seed {rngSeed}, incarnation {incarnation}, {seeds.Count} seeds from {seedsPath}, output in {outDir}");
        log.Line(transportOptions.ClusterKey is { } key
            ? $"cluster key {key.Fingerprint}: connections are authenticated and encrypted; nodes without this key are refused"
            : "no cluster key: traffic is plaintext (addresses are still proven by node keys; see --cluster-key)");
        if (keyWarning != null) log.Line($"warning: {keyWarning}");
        log.Line($"node key {identity.PublicKey.Fingerprint} {(keyMade ? "made now in" : "from")} {keyPath}; public key {identity.PublicKey.ToBase64()}");
        if (keyFileWarning != null) log.Line($"warning: {keyFileWarning}");
        if (unpinned.Count > 0)
        {
            // One line, on the console too: the default a user writes by hand should say what it risks.
            string warning = $"warning: {unpinned.Count} of {seeds.Count} seeds in {seedsPath} are not pinned by key ({string.Join(", ", unpinned)}): " +
                             $"each is trusted on first use (the first key that proves its address, kept in {learnedKeys.Path}); a squatter that reaches this node " +
                             "before the real seed speaks for it. Pin them: put each seed's public key after its address ('keygen --node' makes a key and prints it)";
            log.Line(warning);
            if (r.GetValue(common.Quiet)) stderr.WriteLine(warning);
        }
        if (metrics != null)
        {
            if (!metrics.TryServe(metricsAt!.Value, host, out var served, out string? serveError))
            {
                store?.Dispose();
                identity.Dispose();
                return FailOpened($"--metrics: cannot serve on {metricsAt}: {serveError}");
            }
            log.Line($"metrics at http://{served}/metrics");
        }
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
        host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        metrics?.Dispose();
        trace.Dispose();
        store?.Dispose();
        identity.Dispose();
        log.Line($"{roleName} {self} stopped (exit code {code})");
        log.Dispose();
        return code;
    }

    /// <summary>Reads the seed list; with a wait, retries until the file is there and well-formed or the time is up.</summary>
    public static IReadOnlyList<SeedListEntry> LoadSeeds(string path, TimeSpan wait)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return SeedListFile.LoadEntries(path);
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

    private static ulong ClockSeed() =>
        (ulong)DateTime.UtcNow.Ticks ^ ((ulong)Environment.ProcessId << 40) ^ (ulong)Stopwatch.GetTimestamp() * 0x9E3779B97F4A7C15UL;

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        return ExitUsage;
    }
}
