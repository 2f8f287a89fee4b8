using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using GossipSim.Scenarios.Runtimes.Processes;

namespace GossipSim.Scenarios.Runtimes.Netns;

/// <summary>
/// The namespace test bed: one network namespace per seed and per peer (a "host" with its own
/// address), all plugged by veth pairs into a bridge in one more namespace, the router, which
/// no other namespace shares (the machine's own network is never touched). Each node has a /32
/// address and a default route via the router, so every packet between two nodes passes the
/// router, where nftables redirects it to the delaying relay and applies partitions and loss
/// (<see cref="NftRules"/>). Faults are applied here, outside the nodes; the nodes are never told.
///
/// Names: namespaces are "gs{launcher pid}b{n}-sw" (router) and "...-s{i}" / "...-p{i}", so a
/// later run can find and remove the beds of a launcher that was SIGKILLed
/// (<see cref="SweepStale"/>); a watchdog process (<see cref="StartReaper"/>) does so at once.
/// <see cref="Dispose"/> removes everything: processes still in the namespaces are killed, the
/// namespaces (and with them veths, bridge and rules) deleted.
/// </summary>
public sealed partial class NetnsBed : IDisposable
{
    private static int _counter;
    private readonly List<string> _namespaces = new();
    private bool _disposed;

    public string Name { get; }
    public int SeedCount { get; }
    public int PeerCount { get; }
    public string Router => Name + "-sw";

    private NetnsBed(string name, int seeds, int peers)
    {
        Name = name;
        SeedCount = seeds;
        PeerCount = peers;
    }

    public string NamespaceOf(string role, int index)
        => $"{Name}-{(role == "seed" ? "s" : "p")}{index.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The router-side end of a node's veth (inside the router namespace).</summary>
    private static string PortOf(string role, int index) => $"{(role == "seed" ? "s" : "p")}{index.ToString(CultureInfo.InvariantCulture)}";

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEuid();

    private static string? _unavailable;
    private static bool _probed;
    private static readonly object ProbeLock = new();

    /// <summary>null when beds can be built here; otherwise why not, in one sentence a user can act on.</summary>
    public static string? Unavailable()
    {
        lock (ProbeLock)
        {
            if (_probed) return _unavailable;
            _probed = true;
            _unavailable = Probe();
            return _unavailable;
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux()) return "network namespaces need Linux";
        if (GetEuid() != 0) return "network namespaces need root (run as root, or in a container with CAP_SYS_ADMIN and CAP_NET_ADMIN)";
        if (!Shell.Run("ip", new[] { "-V" }).Ok) return "the `ip` tool (iproute2) is not installed: run tests/multihost/install-deps.sh";
        if (!Shell.Run("nft", new[] { "--version" }).Ok)
            return "the `nft` tool (nftables) is not installed: run tests/multihost/install-deps.sh";
        string probe = $"gsprobe{Environment.ProcessId}";
        var add = Shell.Run("ip", new[] { "netns", "add", probe });
        if (!add.Ok) return $"`ip netns add` is not allowed here: {add.Stderr.Trim()}";
        try
        {
            var nft = Shell.Run("ip", new[] { "netns", "exec", probe, "nft", "-f", "-" }, NftRules.BaseTable());
            if (!nft.Ok)
                return $"nftables cannot load the bed's rules in a namespace (nat redirect or numgen missing from this "
                    + $"kernel?): {nft.Stderr.Trim()}";
        }
        finally
        {
            Shell.Run("ip", new[] { "netns", "del", probe });
        }
        return null;
    }

    /// <summary>Builds a bed for the given seeds and peers; on any failure, whatever was made is removed again.</summary>
    public static NetnsBed Build(int seeds, int peers)
    {
        if (Unavailable() is { } why) throw new NamespacesUnavailableException(why);
        SweepStale();
        var bed = new NetnsBed($"gs{Environment.ProcessId}b{Interlocked.Increment(ref _counter)}", seeds, peers);
        // On a signal the bed goes first: its teardown SIGKILLs every process in its namespaces in one pass.
        LiveBeds<NetnsBed>.Add(bed, afterSignal: () => ChildProcesses.KillAll());
        try
        {
            bed.Create();
            return bed;
        }
        catch
        {
            bed.Dispose();
            throw;
        }
    }

    private IEnumerable<(string role, int index)> Nodes() =>
        Enumerable.Range(0, SeedCount).Select(i => ("seed", i)).Concat(Enumerable.Range(0, PeerCount).Select(i => ("peer", i)));

    private void Create()
    {
        // Namespaces are recorded before they exist, so a failure half-way still deletes them all.
        _namespaces.Add(Router);
        _namespaces.AddRange(Nodes().Select(n => NamespaceOf(n.role, n.index)));
        StartReaper();

        var root = new StringBuilder();
        foreach (var ns in _namespaces) root.Append("netns add ").Append(ns).Append('\n');
        foreach (var (role, i) in Nodes())
            root.Append($"link add eth0 netns {NamespaceOf(role, i)} type veth peer name {PortOf(role, i)} netns {Router}\n");
        Shell.Must("ip", new[] { "-batch", "-" }, root.ToString());

        var sw = new StringBuilder();
        sw.Append("link set dev lo up\nlink add br0 type bridge\nlink set dev br0 up\n");
        sw.Append($"addr add {BedAddresses.RouterIp}/16 dev br0\n");
        // Answers on the relay's upstream legs are addressed to node IPs: deliver them locally (NftRules).
        sw.Append($"rule add fwmark {NftRules.SteerMark} lookup {NftRules.SteerTable}\n");
        sw.Append($"route add local 0.0.0.0/0 dev lo table {NftRules.SteerTable}\n");
        foreach (var (role, i) in Nodes()) sw.Append($"link set dev {PortOf(role, i)} master br0 up\n");
        Shell.Must("ip", new[] { "-n", Router, "-batch", "-" }, sw.ToString());
        // Forwarding only serves the refusals of connections to hosts whose node is not running (NftRules).
        Shell.Must("ip", new[] { "netns", "exec", Router, "sysctl", "-qw", "net.ipv4.ip_forward=1",
            $"net.ipv4.ip_local_port_range={NftRules.RelayPortsFrom} {NftRules.RelayPortsTo}" });
        Nft(NftRules.BaseTable());

        foreach (var (role, i) in Nodes())
        {
            string ip = IpOf(role, i);
            string host =
                "link set dev lo up\nlink set dev eth0 up\n" +
                $"addr add {ip}/32 dev eth0\n" +
                $"route add {BedAddresses.RouterIp} dev eth0 scope link\n" +
                $"route add default via {BedAddresses.RouterIp} dev eth0\n";
            Shell.Must("ip", new[] { "-n", NamespaceOf(role, i), "-batch", "-" }, host);
        }
    }

    public static string IpOf(string role, int index) => (role == "seed" ? BedAddresses.Seed(index) : BedAddresses.Peer(index)).IpText;

    /// <summary>Whether a host's node process runs: connections to a host without one are refused, as its kernel would.</summary>
    public void SetHostRunning(string role, int index, bool running) => Nft(NftRules.HostDown(IpOf(role, index), !running));

    private System.Diagnostics.Process? _reaper;

    /// <summary>
    /// A watchdog outside this process, in its own session (a Ctrl-C to the terminal does not
    /// reach it): when the launcher is gone, however it went (SIGKILL included), it kills what
    /// runs in the bed's namespaces and deletes them. A normal teardown stops it.
    /// </summary>
    private void StartReaper()
    {
        string names = string.Join(' ', _namespaces);
        string script =
            $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 0.5; done; " +
            $"for ns in {names}; do for p in $(ip netns pids $ns 2>/dev/null); do kill -9 $p; done; done; " +
            $"for ns in {names}; do ip netns del $ns 2>/dev/null; done";
        var psi = new System.Diagnostics.ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var a in new[] { "bash", "-c", script }) psi.ArgumentList.Add(a);
        try { _reaper = System.Diagnostics.Process.Start(psi); }
        catch (System.ComponentModel.Win32Exception) { _reaper = null; } // no setsid/bash: the in-process teardown still runs
    }

    /// <summary>Runs an nft script in the router namespace (one atomic transaction).</summary>
    public void Nft(string script) => Shell.Must("ip", new[] { "netns", "exec", Router, "nft", "-f", "-" }, script);

    /// <summary>Replaces the partition and loss rules at once.</summary>
    public void ApplyFilters(BedPartition? partition, double lossRate) => Nft(NftRules.Filters(partition, lossRate));

    /// <summary>
    /// The other way to cut a host off: its cable (the router end of its veth) pulled, or plugged
    /// back. The host's own packets then go nowhere. A caller's connection to it still reaches the
    /// relay, which accepts it and resets it once its own connect fails; the runner therefore
    /// cuts partitions with nftables, which drops the caller's packets before the relay.
    /// </summary>
    public void SetLink(string role, int index, bool up) =>
        Shell.Must("ip", new[] { "-n", Router, "link", "set", "dev", PortOf(role, index), up ? "up" : "down" });

    /// <summary>The rules now in force, as nft prints them (for logs and tests).</summary>
    public string Ruleset() => Shell.Must("ip", new[] { "netns", "exec", Router, "nft", "list", "table", "ip", NftRules.Table });

    /// <summary>Every bed namespace of this process that exists now (a test's check that teardown left nothing).</summary>
    public static IReadOnlyList<string> NamespacesOfThisProcess() =>
        ListNamespaces().Where(ns => ns.StartsWith($"gs{Environment.ProcessId}b", StringComparison.Ordinal))
            .OrderBy(ns => ns, StringComparer.Ordinal).ToList();

    /// <summary>The bed's namespaces that exist right now.</summary>
    public IReadOnlyList<string> ExistingNamespaces()
    {
        var all = ListNamespaces();
        return _namespaces.Where(all.Contains).ToList();
    }

    public void Dispose()
    {
        lock (_namespaces)
        {
            if (_disposed) return;
            _disposed = true;
        }
        Remove(_namespaces);
        LiveBeds<NetnsBed>.Remove(this);
        if (_reaper is { } r)
        {
            try { if (!r.HasExited) r.Kill(); } catch (InvalidOperationException) { }
            r.Dispose();
        }
    }

    /// <summary>Kills every process still inside the namespaces, then deletes them; the veths, bridge and rules go with them.</summary>
    private static void Remove(IReadOnlyCollection<string> namespaces)
    {
        if (namespaces.Count == 0) return;
        foreach (int pid in ProcessesIn(namespaces)) Signals.Send(pid, Signals.SIGKILL);
        var del = new StringBuilder();
        foreach (var ns in namespaces) del.Append("netns del ").Append(ns).Append('\n');
        // -force: carry on past a namespace that is already gone.
        Shell.Run("ip", new[] { "-force", "-batch", "-" }, del.ToString());
    }

    /// <summary>
    /// The processes whose network namespace is one of these (what `ip netns pids` does, for
    /// all of them in one pass: /proc/PID/ns/net names the namespace's inode, and the inode of
    /// each /run/netns/NAME comes from one `stat`).
    /// </summary>
    private static List<int> ProcessesIn(IReadOnlyCollection<string> namespaces)
    {
        var stat = Shell.Run("stat", new[] { "-c", "%i" }.Concat(namespaces.Select(n => "/run/netns/" + n)));
        var inodes = stat.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(i => $"net:[{i}]").ToHashSet(StringComparer.Ordinal);
        var pids = new List<int>();
        if (inodes.Count == 0) return pids;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) continue;
            try
            {
                if (new FileInfo(Path.Combine(dir, "ns", "net")).LinkTarget is { } target && inodes.Contains(target)) pids.Add(pid);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        }
        return pids;
    }

    private static HashSet<string> ListNamespaces()
    {
        var r = Shell.Run("ip", new[] { "netns", "list" });
        return r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', 2)[0].Trim()).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^gs(\d+)b\d+-(sw|s\d+|p\d+)$")]
    private static partial Regex BedNamespace();

    /// <summary>
    /// Removes the beds of launchers that no longer run (a launcher that was SIGKILLed cannot
    /// clean up after itself). Returns the number of namespaces removed.
    /// </summary>
    /// <param name="includeThisProcess">Also this process's own beds (for a test's teardown, when none of them may be running).</param>
    public static int SweepStale(bool includeThisProcess = false)
    {
        var stale = new List<string>();
        foreach (var ns in ListNamespaces())
        {
            var m = BedNamespace().Match(ns);
            if (!m.Success) continue;
            int pid = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            if (pid == Environment.ProcessId ? includeThisProcess : !IsRunning(pid)) stale.Add(ns);
        }
        Remove(stale);
        return stale.Count;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            return File.Exists($"/proc/{pid}/cmdline") && File.ReadAllText($"/proc/{pid}/cmdline")
                .Contains("dotnet", StringComparison.Ordinal);
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return true; }
    }
}
