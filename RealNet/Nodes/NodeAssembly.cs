using System.Diagnostics;
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
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Nodes;

/// <summary>Why a node could not be assembled (a key, a file, a commit log, an address); everything opened so far is closed.</summary>
public sealed class NodeSetupException(string message) : Exception(message);

/// <summary>
/// One real seed or peer and everything it runs with, put together in one place for the node
/// executable and for nodes hosted in a launcher's process alike: the sender policy and pinned
/// seed keys on its bound transport, its own key, the seed keys it learned on first use, a seed's
/// commit log, its tunables (written to config.json), random stream, incarnation, log, trace file,
/// metrics and host. <see cref="NodeHost.Start"/> runs it; <see cref="Close"/> closes it all once
/// its host has stopped or crashed.
/// </summary>
public sealed class NodeAssembly : IDisposable
{
    private readonly TraceFileSink _trace;
    private readonly MetricsSources? _metrics;
    private readonly FileCommitStore? _store;
    private SeedSetInbox? _seedSetInbox;
    private int _closed;

    private NodeAssembly(NodeHost host, NodeLog log, TraceFileSink trace, MetricsSources? metrics,
        FileCommitStore? store, NodeIdentity identity,
        ulong randomSeed, long incarnation)
    {
        Host = host;
        Log = log;
        _trace = trace;
        _metrics = metrics;
        _store = store;
        Identity = identity;
        RandomSeed = randomSeed;
        Incarnation = incarnation;
    }

    public NodeHost Host { get; }
    public Node Node => Host.Node;
    public NodeAddress Address => Host.Address;
    public NodeLog Log { get; }
    public NodeIdentity Identity { get; }
    public ulong RandomSeed { get; }
    public long Incarnation { get; }

    /// <summary>The address /metrics is served at, when the settings ask for metrics.</summary>
    public NodeAddress? MetricsServedAt { get; private set; }

    /// <summary>
    /// The warning about seeds not pinned by key (also in the log), for a caller whose log is not
    /// on the console; null when every seed is pinned.
    /// </summary>
    public string? UnpinnedSeedsWarning { get; private set; }

    /// <summary>"seed-127.0.0.1_7001": the node's output file is this plus ".txt".</summary>
    public static string NameOf(NodeRole role, NodeAddress self) => $"{RoleName(role)}-{self.IpText}_{self.Port}";

    /// <summary>
    /// Assembles the node on <paramref name="port"/> (bound, not started). Throws <see cref="NodeSetupException"/>
    /// with a message for the operator, after closing everything it opened, the port included.
    /// </summary>
    public static NodeAssembly Assemble(NodeSettings settings, NodePort port)
    {
        if ((settings.SeedConfig == null) == (settings.PeerConfig == null))
            throw new ArgumentException("a node is a seed or a peer: set exactly one of SeedConfig and PeerConfig", nameof(settings));
        var transport = port.Transport;
        var self = transport.LocalAddress;
        var role = settings.Role;
        var seeds = settings.Seeds;
        foreach (var (seed, key) in settings.PinnedKeys) transport.Keys.Pin(seed, key);
        // Seed-to-seed messages only from seeds (by address, or by the key the list pins for one), seed replies only from seeds, and
        // nothing a node never receives.
        transport.RestrictSenders(SenderPolicy.For(role, seeds, settings.PinnedKeys.Values));
        // Connections to seeds and links wait the full idle timeout; any other is a contact, closed sooner (TcpTransport.KeptOpen.cs).
        foreach (var seed in seeds) transport.KeepOpen(seed, keep: true);

        string outDir = settings.OutDir, name = NameOf(role, self);
        NodeLog? log = null;
        TraceFileSink trace;
        try
        {
            Directory.CreateDirectory(outDir);
            log = new NodeLog(Path.Combine(outDir, name + ".txt"), settings.Console, $"[{RoleName(role)} {self}]",
                maxFileBytes: settings.LogMaxBytes);
            // The settings the node runs with, by their scenario names, for launchers and tests to compare with the scenario.
            string configPath = Path.Combine(outDir, StatusFile.ConfigFileName);
            if (settings.PeerConfig is { } peerConfig) StatusFile.WriteConfig(configPath, peerConfig, PeerTunables.All);
            else StatusFile.WriteConfig(configPath, settings.SeedConfig!, SeedTunables.All);
            // Appended: a node restarted into the same directory keeps its earlier life in the trace.
            trace = TraceFileSink.Open(Path.Combine(outDir, "trace.jsonl"), settings.TraceMaxBytes, log.Line);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log?.Dispose();
            return Fail($"cannot write to {outDir}: {e.Message}");
        }
        port.LogTo(log);

        NodeIdentity? identity = null;
        FileCommitStore? store = null;
        MetricsSources? metrics = null;
        // A failure from here on closes what is open so far.
        NodeAssembly FailOpened(string message)
        {
            metrics?.Dispose();
            store?.Dispose();
            identity?.Dispose();
            trace.Dispose();
            log.Dispose();
            return Fail(message);
        }
        NodeAssembly Fail(string message)
        {
            transport.Abort();
            throw new NodeSetupException(message);
        }

        string stateDir = settings.StateDirectory;
        string keyPath = settings.KeyPath ?? Path.Combine(stateDir, NodeIdentity.FileName);
        bool keyMade;
        string? keyFileWarning;
        try
        {
            identity = NodeIdentity.LoadOrCreate(keyPath, out keyMade, out keyFileWarning);
            if (transport.Keys.Pinned(self) is { } pinned && !pinned.Equals(identity.PublicKey))
                throw new NodeKeyException($"{settings.SeedListName}: this seed's line pins {pinned.Fingerprint}, but its key {keyPath} "
                    + $"is {identity.PublicKey.Fingerprint}: " +
                                           "give the seed its own key file, or put its public key ("
                                               + identity.PublicKey.ToBase64() + ") on its line");
        }
        catch (Exception e) when (e is NodeKeyException or IOException or UnauthorizedAccessException)
        {
            return FailOpened(e is NodeKeyException ? e.Message : $"cannot make the node key {keyPath}: {e.Message}");
        }
        transport.UseIdentity(identity);

        // A seed is known by its key: one away from its listed address is the seed whose line pins its key (an orchestrator moved it).
        NodeAddress? seedName = null;
        if (role == NodeRole.Seed && settings.Joining)
        {
            if (seeds.Contains(self) || settings.PinnedKeys.Values.Contains(identity.PublicKey))
                return FailOpened($"--joining: this seed is already in {settings.SeedListName} (its address {self} or its key "
                    + $"{identity.PublicKey.Fingerprint}): a seed joins by a vote of the seed set, so start it with the network's list, "
                    + "which does not name it yet");
            log.Line($"seed {self} joining: not in the seed list; it waits for the seeds' vote to bring it in (node seed-set add "
                + $"--address {self} --key {identity.PublicKey.ToBase64()})");
        }
        else if (role == NodeRole.Seed && !seeds.Contains(self))
        {
            foreach (var (seed, key) in settings.PinnedKeys)
                if (key.Equals(identity.PublicKey)) seedName = seed;
            if (seedName == null)
                return FailOpened($"{settings.SeedListName}: this seed's address {self} is not in the seed list, and no line of it pins "
                    + $"this seed's key {identity.PublicKey.Fingerprint} (a seed listening elsewhere than its line says is known by the "
                    + "key its line pins)");
            log.Line($"seed {seedName} (the line that pins its key) listens at {self} in this life: it tells the other seeds, signed");
        }

        // Seeds not pinned are bound to the first key that proves them at a seed, and at a peer to the key a majority of seeds
        // vouches for (KeyBook), kept in the state directory across restarts.
        var learnedKeys = new LearnedSeedKeys(stateDir);
        try
        {
            transport.Keys.LearnSeedsOnFirstUse(seeds, learnedKeys.Load(), (seed, key) =>
            {
                try
                {
                    learnedKeys.Append(seed, key);
                    log.Line(role == NodeRole.Seed
                        ? $"seed {seed} proved key {key.Fingerprint} first: from now on only that key speaks and votes for it "
                        + $"(kept in {learnedKeys.Path})"
                        : $"a majority of seeds vouched for seed {seed}'s key {key.Fingerprint}: from now on only that key speaks and "
                        + $"votes for it (kept in {learnedKeys.Path})");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    log.Line($"warning: seed {seed}'s key {key.Fingerprint}, learned on first use, holds until this node stops, but could "
                        + $"not be kept in {learnedKeys.Path}: {e.Message}");
                }
            }, atHandshake: role == NodeRole.Seed);
        }
        catch (NodeKeyException e)
        {
            return FailOpened(e.Message);
        }

        // A seed reads its commit log before it runs: a log that cannot be read stops it here, with the file and offset.
        if (role == NodeRole.Seed)
        {
            try
            {
                store = FileCommitStore.Open(stateDir, report: log.Line);
            }
            catch (Exception e) when (e is CommitLogCorruptException or IOException or UnauthorizedAccessException)
            {
                return FailOpened(e is CommitLogCorruptException ? e.Message : $"cannot open the state directory {stateDir}: {e.Message}");
            }
            log.Line($"commit log {store.Path}: {store.Load().Count} committed operations" +
                     (store.TornTailFile != null ? $"; a torn last write ({store.TornBytes} bytes: {store.TornBecause}) was cut off and "
                         + $"kept in {store.TornTailFile}" : "") +
                     (store.ConvertedFrom is { } from ? $"; converted from format {from} to format {FileCommitStore.Format}" : ""));
        }

        // With metrics the host gets a counting transport and a trace fan-out; the trace file is one sink, the metrics another.
        metrics = settings.MetricsAt != null ? new MetricsSources(transport) : null;
        ulong randomSeed = settings.RandomSeed ?? ClockSeed();
        // A new life's incarnation is the clock in milliseconds: a restart, seconds after a crash,
        // is later than every earlier life and its rejoins.
        long incarnation = settings.Incarnation ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Node node = role == NodeRole.Seed
            ? new SeedNode(settings.SeedConfig!, seeds, incarnation, store: store,
                identity: new SeedIdentity(identity, transport.Keys, moved: transport.SeedAt, added: transport.AdmitSeed,
                    operatorKey: settings.OperatorKey), name: seedName, joining: settings.Joining)
            : new PeerNode(settings.PeerConfig!, seeds, incarnation,
                new PeerIdentity(identity, transport.Keys, moved: transport.SeedAt, added: transport.AdmitSeed));
        var host = new NodeHost(node, (ITransport?)metrics?.Transport ?? transport, new NodeHostOptions
        {
            Random = RngStreams.Node(randomSeed),
            Trace = metrics != null ? new TraceFanout(trace, metrics.Trace, new LinkKeeper(transport))
                : new TraceFanout(trace, new LinkKeeper(transport)),
            Log = log,
            StatusPath = settings.StatusInterval != null ? Path.Combine(outDir, "status.json") : null,
            StatusInterval = settings.StatusInterval ?? TimeSpan.FromSeconds(1),
        });
        var assembly = new NodeAssembly(host, log, trace, metrics, store, identity, randomSeed, incarnation);
        if (role == NodeRole.Seed)
        {
            // The operator's changes of the seed set come as a file in the state directory ('seed-set' writes it).
            assembly._seedSetInbox = new SeedSetInbox(stateDir, host, log);
            log.Line(settings.OperatorKey is { } operatorKey
                ? $"operator key {operatorKey.Fingerprint} pinned in {settings.SeedListName}: the seed set changes by the seeds' vote on "
                    + $"a change it approved, handed to a seed in {Path.Combine(stateDir, SeedSetRequestFile.RequestName)} ('seed-set')"
                : $"no operator key in {settings.SeedListName}: the seed set is fixed (an 'operator KEY' line lets it change by vote)");
        }

        log.Line($"{RoleName(role)} {self}: pid {Environment.ProcessId}, rng seed {randomSeed}, incarnation {incarnation}, " +
                 $"{seeds.Count} seeds from {settings.SeedListName}, output in {outDir}");
        log.Line(transport.Options.ClusterKey is { } clusterKey
            ? $"cluster key {clusterKey.Fingerprint}: connections are authenticated and encrypted; nodes without this key are refused"
            : "no cluster key: traffic is plaintext (addresses are still proven by node keys; see --cluster-key)");
        log.Line($"node key {identity.PublicKey.Fingerprint} {(keyMade ? "made now in" : "from")} {keyPath}; public "
            + $"key {identity.PublicKey.ToBase64()}");
        if (keyFileWarning != null) log.Line($"warning: {keyFileWarning}");
        var unpinned = seeds.Where(s => !settings.PinnedKeys.ContainsKey(s)).ToArray();
        if (unpinned.Length > 0)
        {
            // The default a user writes by hand should say what it risks.
            assembly.UnpinnedSeedsWarning = $"warning: {unpinned.Length} of {seeds.Count} seeds in {settings.SeedListName} are not pinned "
                + $"by key ({string.Join(", ", unpinned)}): " +
                $"each is trusted on first use (the first key that proves its address, kept in {learnedKeys.Path}); a "
                    + $"squatter that reaches this node " +
                "before the real seed speaks for it. Pin them: put each seed's public key after its address ('keygen "
                    + "--node' makes a key and prints it)";
            log.Line(assembly.UnpinnedSeedsWarning);
        }
        if (metrics != null)
        {
            if (!metrics.TryServe(settings.MetricsAt!.Value, host, log.Line, out var served, out string? serveError))
                return FailOpened($"--metrics: cannot serve on {settings.MetricsAt}: {serveError}");
            assembly.MetricsServedAt = served;
            log.Line($"metrics at http://{served}/metrics");
        }
        return assembly;
    }

    /// <summary>
    /// Closes everything the node holds (its host first: call once the host has stopped or
    /// crashed); <paramref name="lastLine"/> is logged before the log closes.
    /// </summary>
    public void Close(string? lastLine = null)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        _seedSetInbox?.Dispose();
        Host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _metrics?.Dispose();
        _trace.Dispose();
        _store?.Dispose();
        Identity.Dispose();
        if (lastLine != null) Log.Line(lastLine);
        Log.Dispose();
    }

    public void Dispose() => Close();

    private static string RoleName(NodeRole role) => role == NodeRole.Seed ? "seed" : "peer";

    private static ulong ClockSeed() =>
        (ulong)DateTime.UtcNow.Ticks ^ ((ulong)Environment.ProcessId << 40) ^ (ulong)Stopwatch.GetTimestamp() * 0x9E3779B97F4A7C15UL;
}
