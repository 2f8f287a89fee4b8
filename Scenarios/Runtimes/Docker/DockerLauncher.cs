using System.Diagnostics;
using System.Globalization;
using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Scenarios.Runtimes.Processes;

namespace GossipSim.Scenarios.Runtimes.Docker;

/// <summary>
/// Every seed and peer as its own container of the node image on the run's overlay network, at
/// its fixed address, with the scenario's tunables on its command line as on node processes
/// (<see cref="NodeArguments"/>). Its folder under nodes/ is mounted at /out (trace, log,
/// status, a seed's state), so the one results code reads it as a process's. A crash is `docker
/// kill` (SIGKILL, restarts off); a restart starts the same container again (same address,
/// same folder). A container starts in the background so that peers join on the scenario's
/// schedule however long the engine takes; anything that needs it waits for it.
/// </summary>
public sealed class DockerLauncher(Scenario s, ulong runSeed, DockerBed bed, string image, string seedFile, string nodesDir,
    Action<string> say, Action<NodeRef, int> onStarted) : INodeLauncher
{
    /// <summary>The node image's user (deploy/Dockerfile): a folder it writes is handed to it when the launcher is root.</summary>
    public const string ImageUser = "10001:10001";

    private readonly Dictionary<NodeRef, ContainerNode> _containers = new();

    /// <summary>
    /// Containers being started at once. The engine attaches each to the overlay through the
    /// swarm's control plane; asked for 200 at once on this 2-core machine it timed out on a third
    /// of them ("context deadline exceeded"), so starts queue here instead.
    /// </summary>
    private readonly SemaphoreSlim _starting = new(4);

    public string Runtime => "docker";
    public string Describe => $"containers of {image} on the swarm's overlay network {bed.Network} ({bed.Addresses.Subnet})";
    public IReadOnlyList<NodeAddress> SeedAddresses { get; } =
        Enumerable.Range(0, s.Seeds).Select(i => bed.Addresses.AddressOf(NodeRef.Seed(i))).ToArray();

    public IRealNode Start(NodeRef node, NodeAddress? listen, bool originates)
    {
        string dir = RealRunner.NodeDirectory(nodesDir, node);
        bool again = _containers.ContainsKey(node);
        var life = new ContainerNode(bed.Addresses.ContainerOf(node), bed.Addresses.AddressOf(node), dir);
        _containers[node] = life;
        if (!again) Directory.CreateDirectory(dir);
        var args = again ? null : RunArguments(node, dir, originates);
        string name = bed.Addresses.ContainerOf(node);
        life.Begin(Task.Run(async () =>
        {
            if (args != null && DockerCli.IsRoot) DockerCli.Tool("chown", "-R", ImageUser, dir);
            await _starting.WaitAsync().ConfigureAwait(false);
            try
            {
                var r = args != null ? DockerCli.Run(args) : DockerCli.Run("start", name);
                if (!r.Ok) throw new DockerException($"docker {(args != null ? "run" : "start")} {name}: {DockerCli.FirstLine(r.Stderr)}");
            }
            finally { _starting.Release(); }
            int pid = int.Parse(DockerCli.Must("inspect", "--format", "{{.State.Pid}}", name), CultureInfo.InvariantCulture);
            onStarted(node, pid);
            return pid;
        }), error => say($"{DockerAddresses.HostOf(node)} did not start: {error}"));
        return life;
    }

    /// <summary>`docker run` for a node's first life: the node command line, its mounts, its names and labels.</summary>
    private string[] RunArguments(NodeRef node, string dir, bool originates)
    {
        string host = DockerAddresses.HostOf(node);
        var address = bed.Addresses.AddressOf(node);
        var docker = new List<string>
        {
            "run", "-d", "--name", bed.Addresses.ContainerOf(node), "--hostname", host,
            "--network", bed.Network, "--ip", bed.Addresses.IpOf(node), "--network-alias", host,
            "--label", $"{DockerBed.StackLabel}={bed.Addresses.Stack}",
            "--label", $"{DockerBed.LauncherLabel}={Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}",
            // Restarts are the scenario's to make; the image's health check is for a swarm's scheduler, and costs a process every 10 s.
            "--restart", "no", "--no-healthcheck", "--stop-timeout", "5",
            "-v", $"{Path.GetFullPath(dir)}:/out", "-v", $"{Path.GetFullPath(seedFile)}:/etc/gossipsim/seeds.txt:ro",
        };
        if (!DockerCli.IsRoot) docker.AddRange(["--user", $"{Ids.Own()}"]);
        docker.Add(image);
        docker.AddRange(NodeCommand(s, node, address, runSeed, originates));
        return docker.ToArray();
    }

    /// <summary>
    /// The node's command in its container: the same as a node process's, but it listens on
    /// auto:5001 (the address its host name has there), reads the seed list mounted at
    /// /etc/gossipsim/seeds.txt, writes to /out, and has no parent to watch (the launcher's pid
    /// is not in its pid namespace: the run's teardown removes the container instead).
    /// </summary>
    public static List<string> NodeCommand(Scenario s, NodeRef node, NodeAddress address, ulong runSeed, bool originates)
    {
        var args = new List<string> { node.RoleName };
        var common = NodeArguments.Common(address, "/etc/gossipsim/seeds.txt", "/out", runSeed, node.RoleName, node.Index, 0);
        for (int i = 0; i < common.Count; i++)
        {
            // Options and their values, and one flag (--quiet): a value never starts with "--".
            string option = common[i];
            string? value = i + 1 < common.Count && !common[i + 1].StartsWith("--", StringComparison.Ordinal) ? common[++i] : null;
            if (option == "--parent-pid") continue;
            args.Add(option);
            if (value == null) continue;
            args.Add(option == "--listen" ? $"auto:{DockerAddresses.NodePort.ToString(CultureInfo.InvariantCulture)}" : value);
        }
        args.AddRange(node.IsSeed ? NodeArguments.Seed(s) : NodeArguments.Peer(s, originates));
        args.AddRange(NodeArguments.Metrics(s, address, node.IsSeed, node.Index));
        // A seed's state is in its folder (every life opens it); the other seeds' names resolve once
        // their containers run, which may be a moment after this one: it waits for them.
        if (node.IsSeed) args.AddRange(["--state-dir", "/out/state", "--seeds-wait", "60"]);
        return args;
    }

    public void AddExtra(Dictionary<string, object> extra)
    {
        extra["docker"] = $"{_containers.Count} containers of {image} on overlay network {bed.Network} ({bed.Addresses.Subnet}), "
            + "one per node at a fixed address; crashes by docker kill, restarts by docker start";
    }

    // The queue of starts is not disposed: a start still queued when the run ends must fail as a start, not as a disposed queue.
    public void Dispose() { }

    /// <summary>The launcher's own uid:gid, for a launcher that is not root (the folders it made are its own).</summary>
    private static class Ids
    {
        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getuid")]
        private static extern uint GetUid();

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getgid")]
        private static extern uint GetGid();

        public static string Own() => $"{GetUid()}:{GetGid()}";
    }

    /// <summary>One life of a node's container.</summary>
    private sealed class ContainerNode(string name, NodeAddress address, string dir) : IRealNode
    {
        private Task<int>? _started;
        private readonly DateTime _since = DateTime.UtcNow.AddSeconds(-1);

        public void Begin(Task<int> started, Action<string> failed)
        {
            _started = started;
            started.ContinueWith(t => failed(t.Exception!.InnerException!.Message), TaskContinuationOptions.OnlyOnFaulted);
        }

        public NodeAddress Address => address;

        private int? Pid => _started is { IsCompletedSuccessfully: true } t ? t.Result : null;

        /// <summary>Its container's process is gone (or never came): a container's main process is a process of this machine.</summary>
        public bool HasExited => _started is { IsFaulted: true } || (Pid is int pid && !Alive(pid));

        private static bool Alive(int pid)
        {
            try
            {
                string stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
                int close = stat.LastIndexOf(')');
                return close < 0 || close + 2 >= stat.Length || stat[close + 2] is not ('Z' or 'X');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
        }

        private int WaitStarted(TimeSpan timeout)
        {
            try
            {
                if (!_started!.Wait(timeout)) throw new TimeoutException($"{name} did not start within {timeout.TotalSeconds:0} s");
            }
            catch (AggregateException e) when (e.InnerException is DockerException inner)
            {
                throw new InvalidOperationException(inner.Message);
            }
            return _started.Result;
        }

        public void WaitReady(TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            WaitStarted(timeout);
            string since = _since.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            while (true)
            {
                var logs = DockerCli.Run("logs", "--since", since, name);
                if (logs.Stdout.Contains(Processes.NodeProcess.ListeningPrefix, StringComparison.Ordinal)) return;
                if (HasExited)
                    throw new InvalidOperationException($"{name} exited before it was ready: "
                        + string.Join(" | ", DockerCli.Lines(logs.Stderr).TakeLast(3)));
                if (clock.Elapsed > timeout) throw new TimeoutException($"{name} was not ready within {timeout.TotalSeconds:0} s");
                Thread.Sleep(100);
            }
        }

        public void Crash()
        {
            WaitStarted(TimeSpan.FromSeconds(60));
            DockerCli.Run("kill", name);
        }

        public void BeginStop()
        {
            if (_started is not { IsCompleted: true }) return;
            // Every node is asked at once; the engine delivers the SIGTERMs while the next are asked.
            _ = Task.Run(() => DockerCli.Run("kill", "--signal", "TERM", name));
        }

        public bool WaitStopped(TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (!HasExited && clock.Elapsed < timeout) Thread.Sleep(50);
            if (HasExited) return true;
            DockerCli.Run("kill", name);
            return false;
        }

        public NodeSnapshot? Snapshot() => NodeStatus.Snapshot(dir);

        public long WorkingSet()
        {
            if (Pid is not int pid || !Alive(pid)) return 0;
            try
            {
                using var p = Process.GetProcessById(pid);
                return p.WorkingSet64;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException) { return 0; }
        }
    }
}
