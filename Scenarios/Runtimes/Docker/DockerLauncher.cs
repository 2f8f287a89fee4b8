using System.Diagnostics;
using System.Globalization;
using GossipSim.Engine.Core;
using GossipSim.RealNet.Cli;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Scenarios.Runtimes.Processes;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Runtimes.Docker;

/// <summary>
/// Every seed and peer as its own container of the node image on the run's overlay network, at
/// its fixed address, with the scenario's tunables on its command line as on node processes
/// (<see cref="NodeArguments"/>). It writes its folder (trace, log, status, a seed's state) in
/// the run's volume (<see cref="RunVolume"/>), copied into nodes/ when the nodes have stopped,
/// so the one results code reads it as a process's. A crash is `docker kill` (SIGKILL, restarts
/// off); a restart starts the same container again (same address, same folder). A container
/// starts in the background so that peers join on the scenario's schedule however long the
/// engine takes; anything that needs it waits for it. Everything goes through the engine, which
/// may be on another machine.
/// </summary>
public sealed class DockerLauncher(Scenario s, ulong runSeed, DockerBed bed, RunVolumes volumes, string image, string nodesDir,
    Action<string> say, Action<NodeRef> onStarted) : INodeLauncher
{
    private readonly Dictionary<NodeRef, ContainerNode> _containers = new();
    private readonly ContainerStates _states = new(bed.Addresses.Stack, bed.Engines);
    private int _copiedOut;

    /// <summary>
    /// Containers being started at once. The engine attaches each to the overlay through the
    /// swarm's control plane; asked for 200 at once on this 2-core machine it timed out on a third
    /// of them ("context deadline exceeded"), so starts queue here instead.
    /// </summary>
    private readonly SemaphoreSlim _starting = new(4);

    public string Runtime => RuntimeNames.Docker;
    /// <summary>A seed a seed-set change adds is a new container at the next seed address, its key copied into the volume first.</summary>
    public bool StartsJoiningSeeds => true;
    public ISeedStates SeedStates(string nodesDir) => new VolumeSeedStates(volumes);
    public string Describe => $"containers of {image} on the swarm's overlay network {bed.Network} ({bed.Addresses.Subnet})"
        + (bed.Engines.Several ? $" over {bed.Engines.All.Count} engines ({bed.Engines.Placement(s.Seeds, s.Peers)})"
            : DockerCli.Remote() != null ? $" of {DockerCli.Engine}" : "");
    public IReadOnlyList<NodeAddress> SeedAddresses { get; } =
        Enumerable.Range(0, s.Seeds).Select(i => bed.Addresses.AddressOf(NodeRef.Seed(i))).ToArray();

    /// <summary>The seed list names each seed by host name and key: the set knows it by the address those stand for.</summary>
    public IReadOnlyList<NodeAddress> SeedSetAddresses => _seedSetAddresses ??= Enumerable.Range(0, s.Seeds)
        .Select(i => SeedNames.NameOf(PinnedSeeds.KeyOf(nodesDir, NodeRef.Seed(i)), DockerAddresses.NodePort)).ToArray();
    private NodeAddress[]? _seedSetAddresses;

    public IRealNode Start(NodeRef node, NodeAddress? listen, bool originates)
    {
        bool again = _containers.ContainsKey(node);
        var place = again ? bed.Places.Of(node) : bed.Places.ForNewNode(node);
        var args = again ? null : RunArguments(node, originates, place);
        // A seed past the scenario's was not in the volume when the run began: its folder holds the key the vote pins it by.
        string? keyIn = !again && node.IsSeed && node.Index >= s.Seeds ? RealRunner.NodeDirectory(nodesDir, node) : null;
        return Begin(node, place, args ?? ["start", place.Container], keyIn);
    }

    /// <summary>A life of <paramref name="node"/> at <paramref name="place"/>: `docker <paramref name="command"/>` on its engine in the
    /// background (after <paramref name="folderIn"/>, a folder of this machine, is copied into that engine's volume), starts queued.</summary>
    private ContainerNode Begin(NodeRef node, ContainerPlaces.Place place, string[] command, string? folderIn)
    {
        var (name, engine) = (place.Container, place.Engine);
        var life = new ContainerNode(name, AddressOf(place), node, engine, bed.Engines, volumes, _states);
        _containers[node] = life;
        life.Begin(Task.Run(async () =>
        {
            await _starting.WaitAsync().ConfigureAwait(false);
            try
            {
                if (folderIn != null) volumes.On(engine).CopyIn(folderIn);
                var r = engine.Run(command);
                for (int tries = 1; !r.Ok && command[0] == "run" && DockerRunRetry.AttachTimedOut(r.Stderr) && tries < DockerRunRetry.RunTries; tries++)
                {
                    // The container was made but not attached: removed, then run again, as an operator would.
                    say($"{place.Folder}: the swarm did not attach its container to the run's network in time; starting it again");
                    engine.Run("rm", "-f", name);
                    r = engine.Run(command);
                }
                if (!r.Ok)
                    throw new DockerException($"docker {command[0]} {name}{(bed.Engines.Several ? $" on {engine.Name}" : "")}: "
                        + DockerCli.FirstLine(r.Stderr));
            }
            finally
            {
                _states.Changed();
                _starting.Release();
            }
            onStarted(node);
        }), error => say($"{place.Folder} did not start: {error}"));
        return life;
    }

    /// <summary>
    /// Host <paramref name="host"/>'s crash as a machine dies, when it can (<see cref="DockerEngines.EngineDeathRefusal"/>, said at the
    /// run's start otherwise): its engine is killed by the command <see cref="DockerEngines.KillerVariable"/> names, with every
    /// container on it, and from then on nothing is asked of it; its nodes' folders are lost with it (said at the end). False when the
    /// host's containers are to be killed one by one instead: the rule says so, or the command failed while the engine still answers.
    /// </summary>
    /// <exception cref="DockerException">The command failed and the engine no longer answers either: half a host's death.</exception>
    public bool KillHost(VictimSelector host)
    {
        if (bed.Engines.EngineDeathRefusal(host, s.Seeds) != null || DockerEngines.Killer() is not { } killer) return false;
        var engine = bed.Engines.All[host.Index];
        var r = Netns.Shell.Run("sh", ["-c", killer + " \"$1\" \"$2\"", "sh",
            (host.Index + 1).ToString(CultureInfo.InvariantCulture), engine.Endpoint ?? ""], timeoutMs: 120_000);
        string said = DockerCli.FirstLine(r.Ok ? r.Stdout : r.Stderr + r.Stdout);
        if (!r.Ok)
        {
            if (engine.Run("info", "--format", "{{.Name}}").Ok)
            {
                say($"{DockerEngines.KillerVariable} ({killer}) did not kill {engine}: {said}; its containers are killed instead");
                return false;
            }
            bed.Engines.Died(engine);
            throw new DockerException($"{DockerEngines.KillerVariable} ({killer}) failed on {engine}, which no longer answers: {said}");
        }
        bed.Engines.Died(engine);
        _states.Changed();
        say($"host {host.Index} died: its engine {engine} killed by {killer} ({said})");
        return true;
    }

    /// <summary>A drained host's engine (several engines, one a host) takes no new container from now on: a new peer and a moved seed
    /// start on the next engine.</summary>
    public void DrainHost(VictimSelector host)
    {
        if (!bed.Engines.Several || host.Count != bed.Engines.All.Count) return;
        var engine = bed.Engines.All[host.Index];
        bed.Engines.Drained(engine);
        say($"host {host.Index} drained: nothing new starts on {engine} from now on");
    }

    /// <summary>The nodes whose containers ran on an engine that died: their folders went with it.</summary>
    public IReadOnlyList<NodeRef> Lost() =>
        _containers.Keys.Where(n => bed.Engines.IsDead(bed.Places.Of(n).Engine)).OrderBy(n => n.IsSeed ? 0 : 1).ThenBy(n => n.Index).ToList();

    private static NodeAddress AddressOf(ContainerPlaces.Place place) => NodeAddress.Parse($"{place.Ip}:{DockerAddresses.NodePort}");

    /// <summary>A seed's next life is a container of its own on the next living engine, under its host name (which the seed list names
    /// it by; the stopped container left the network's name service), at an address kept for moves, its folder there holding only its
    /// key: an empty state, as a swarm's task rescheduled on another host gets an empty volume and its key from the secret.</summary>
    public bool MovesSeeds => true;

    public IRealNode MoveSeed(NodeRef seed)
    {
        var place = bed.Places.Move(seed);
        string local = Path.Combine(nodesDir, place.Folder), state = Path.Combine(local, "state");
        Directory.CreateDirectory(state);
        string key = RealNet.Security.NodeIdentity.FileName;
        File.Copy(Path.Combine(PinnedSeeds.StateDirectory(nodesDir, seed), key), Path.Combine(state, key), overwrite: true);
        return Begin(seed, place, RunArguments(seed, originates: true, place), local);
    }

    /// <summary>`docker run` for a node's first life at <paramref name="place"/>: the node command line, the run's volume, its names
    /// and labels.</summary>
    private string[] RunArguments(NodeRef node, bool originates, ContainerPlaces.Place place)
    {
        string host = DockerAddresses.HostOf(node);
        var address = AddressOf(place);
        var docker = new List<string>
        {
            "run", "-d", "--name", place.Container, "--hostname", host,
            "--network", bed.Network, "--ip", place.Ip, "--network-alias", host,
            // Restarts are the scenario's to make; the image's health check is for a swarm's scheduler, and costs a process every 10 s.
            "--restart", "no", "--no-healthcheck", "--stop-timeout", "5",
            // The node runs as the image's user, without it; `docker exec -u 0 ... nft` (the run's partitions and loss) has it.
            "--cap-add", "NET_ADMIN",
        };
        // A seed a seed-set change adds may start while a seed of the list is down, and a stopped container's name leaves the
        // network's DNS: a name that does not resolve stops a node. The list's seeds keep their addresses for the whole run, so their
        // names are given to it as fixed hosts.
        if (node.IsSeed && node.Index >= s.Seeds)
            for (int i = 0; i < s.Seeds; i++)
                docker.AddRange(["--add-host", $"{DockerAddresses.HostOf(NodeRef.Seed(i))}:{bed.Addresses.IpOf(NodeRef.Seed(i))}"]);
        docker.AddRange(DockerBed.Labels(bed.Addresses.Stack));
        docker.AddRange(volumes.On(place.Engine).MountArguments);
        docker.Add(image);
        docker.AddRange(NodeCommand(s, node, address, runSeed, originates, $"{RunVolume.Mount}/{place.Folder}"));
        return docker.ToArray();
    }

    /// <summary>
    /// The node's command in its container: the same as a node process's, but it listens on
    /// auto:5001 (the address its host name has there), reads the seed list and writes its
    /// folder in the run's volume, and has no parent to watch (the launcher's pid is not in its
    /// pid namespace: the run's teardown removes the container instead).
    /// </summary>
    /// <param name="folder">Its folder in the volume: <see cref="RunVolume.FolderOf"/>, unless it moved.</param>
    public static List<string> NodeCommand(Scenario s, NodeRef node, NodeAddress address, ulong runSeed, bool originates,
        string? folder = null)
    {
        var args = new List<string> { node.RoleName };
        folder ??= RunVolume.FolderOf(node);
        var common = NodeArguments.Common(address, RunVolume.SeedList, folder, runSeed, node.RoleName, node.Index, 0);
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
        if (node.IsSeed) args.AddRange(["--state-dir", $"{folder}/state", "--seeds-wait", "60"]);
        // A seed past the scenario's is one a seed-set change adds: the list does not name it, the vote brings it in.
        if (node.IsSeed && node.Index >= s.Seeds) args.Add("--joining");
        return args;
    }

    public void AddExtra(Dictionary<string, object> extra)
    {
        if (Lost() is { Count: > 0 } lost)
            extra["lostWithTheirEngine"] = $"{Names(lost)}: their engine died with its host, and their folders (trace, log) with it; the "
                + "checks judge them by the other nodes' traces and the launcher's record of the crash";
        extra["docker"] = $"{_containers.Count} containers of {image} on overlay network {bed.Network} ({bed.Addresses.Subnet}), "
            + "one per node at a fixed address; crashes by docker kill, restarts by docker start; memory per node: docker stats of its "
            + "container (its cgroup without page cache, so the shared pages of the image are not counted per container)"
            + (bed.Engines.Several ? $"; engines {bed.Engines.Placement(s.Seeds, s.Peers)}"
                : DockerCli.Remote() is { } remote ? $"; engine {remote}" : "");
    }

    /// <summary>
    /// Every node has stopped (the orchestrator stops them all before it disposes the launcher): their
    /// folders are copied out of the run's volume into nodes/, where the one results code reads them.
    /// Once: the results code moves them on. The queue of starts is not disposed: a start still
    /// queued when the run ends must fail as a start, not as a disposed queue.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _copiedOut, 1) == 1) return;
        try { volumes.CopyOut(nodesDir); }
        catch (DockerException e) { say($"the nodes' folders could not be copied from the engine: {e.Message}"); }
        if (Lost() is { Count: > 0 } lost)
            say($"lost with their engine: the folders of {Names(lost)} (their traces and logs); what the stack left on "
                + $"{string.Join(", ", bed.Engines.All.Where(bed.Engines.IsDead))} is on its disk, removed by the next run of this "
                + $"scenario once the engine is back ({DockerBed.RemoveCommand(bed.Addresses.Stack)})");
    }

    /// <summary>"seed 2, peers 2, 5, 8".</summary>
    internal static string Names(IReadOnlyList<NodeRef> nodes)
    {
        var seeds = nodes.Where(n => n.IsSeed).Select(n => n.Index).ToList();
        var peers = nodes.Where(n => !n.IsSeed).Select(n => n.Index).ToList();
        static string Of(string one, List<int> all) => all.Count == 0 ? "" : $"{one}{(all.Count > 1 ? "s" : "")} {string.Join(", ", all)}";
        return string.Join(", ", new[] { Of("seed", seeds), Of("peer", peers) }.Where(x => x.Length > 0));
    }

    /// <summary>One life of a node's container.</summary>
    private sealed class ContainerNode(string name, NodeAddress address, NodeRef node, DockerEngine engine, DockerEngines engines,
        RunVolumes volumes, ContainerStates states) : IRealNode
    {
        private Task? _started;
        private readonly DateTime _since = DateTime.UtcNow.AddSeconds(-1);
        /// <summary>Once seen gone, this life stays gone (a restart of the container is a new life).</summary>
        private volatile bool _gone;

        public void Begin(Task started, Action<string> failed)
        {
            _started = started;
            started.ContinueWith(t => failed(t.Exception!.InnerException!.Message), TaskContinuationOptions.OnlyOnFaulted);
        }

        public NodeAddress Address => address;

        /// <summary>Its container no longer runs (or never came), as the engine says.</summary>
        public bool HasExited
        {
            get
            {
                if (_gone || _started is { IsFaulted: true }) return true;
                if (engines.IsDead(engine)) return _gone = true; // its host died with it
                if (_started is not { IsCompletedSuccessfully: true }) return false;
                // Gone only when the engine says so: a `docker ps` that failed (a loaded engine timing out) once marked a running
                // container gone for good, and a fault waiting for every peer to link then waited for it for ever.
                if (states.IsRunning(name) == false) _gone = true;
                return _gone;
            }
        }

        private void WaitStarted(TimeSpan timeout)
        {
            try
            {
                if (!_started!.Wait(timeout)) throw new TimeoutException($"{name} did not start within {timeout.TotalSeconds:0} s");
            }
            catch (AggregateException e) when (e.InnerException is DockerException inner)
            {
                throw new InvalidOperationException(inner.Message);
            }
        }

        public void WaitReady(TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            WaitStarted(timeout);
            string since = _since.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            while (true)
            {
                var logs = engine.Run("logs", "--since", since, name);
                if (logs.Stdout.Contains(Processes.NodeProcess.ListeningPrefix, StringComparison.Ordinal)) return;
                if (HasExited)
                    throw new InvalidOperationException($"{name} exited before it was ready: "
                        + string.Join(" | ", DockerCli.Lines(logs.Stderr).TakeLast(3)));
                if (clock.Elapsed > timeout) throw new TimeoutException($"{name} was not ready within {timeout.TotalSeconds:0} s");
                Thread.Sleep(100);
            }
        }

        /// <summary>`docker kill`, asked again while the engine fails to answer (a loaded engine times out): a kill that did not
        /// happen would leave the node running while the run counts it crashed. A container no longer running is killed already.</summary>
        public void Crash()
        {
            if (engines.IsDead(engine)) return; // it died with its host's engine (KillHost)
            WaitStarted(TimeSpan.FromSeconds(60));
            var r = engine.Run("kill", name);
            for (int tries = 1; !r.Ok && tries < KillTries && states.IsRunning(name) != false; tries++)
            {
                states.Changed();
                Thread.Sleep(1000);
                r = engine.Run("kill", name);
            }
            states.Changed();
            if (!r.Ok && states.IsRunning(name) != false)
                throw new DockerException($"docker kill {name} failed {KillTries} times: {DockerCli.FirstLine(r.Stderr)}");
        }

        private const int KillTries = 3;

        public void BeginStop()
        {
            if (_started is not { IsCompleted: true } || engines.IsDead(engine)) return;
            // Every node is asked at once; the engine delivers the SIGTERMs while the next are asked.
            _ = Task.Run(() => engine.Run("kill", "--signal", "TERM", name));
        }

        public bool WaitStopped(TimeSpan timeout)
        {
            // The engine says when the container stops (`docker wait` returns then), rather than being asked again and again.
            if (!HasExited && Netns.Shell.Run("docker", engine.On(["wait", name]), timeoutMs: (int)Math.Max(1, timeout.TotalMilliseconds)).Ok)
            {
                _gone = true;
                states.Changed();
            }
            if (HasExited) return true;
            engine.Run("kill", name);
            states.Changed();
            return false;
        }

        public NodeSnapshot? Snapshot() => volumes.Snapshot(node);

        /// <summary>Its container's memory as the engine last sampled it (node and the container's own share of the kernel's); a stopped
        /// container is not sampled again, so this reads its last sample, which only the peak uses. It never waits for the engine.</summary>
        public long WorkingSet() => _gone || _started is not { IsCompletedSuccessfully: true } ? 0 : states.MemoryOf(name);
    }
}
