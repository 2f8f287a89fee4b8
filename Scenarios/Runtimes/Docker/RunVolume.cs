using System.Text.Json;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Scenarios.Runtimes.Processes;

namespace GossipSim.Scenarios.Runtimes.Docker;

/// <summary>
/// The nodes' folders of a docker run, on the engine: one named volume of the run (named and
/// labelled as its stack), mounted at /nodes in every node's container (peer 3 writes
/// /nodes/peer-3/), and a keeper container of the node image that holds it for the launcher. What
/// the launcher puts in (the seed list, the seeds' keys) is copied in before the first node starts;
/// the status each node rewrites every second is read from it while the run goes (progress, the
/// hub); everything is copied out into nodes/ once the nodes have stopped, for the one results
/// code. No folder of this machine is mounted, so the engine may be on another machine
/// (DOCKER_HOST), and it is the same path on this one. Where the engine is on this machine and this
/// user may read its volumes (root, as CI), the statuses are read from the volume's own folder
/// instead (<see cref="OnThisMachine"/>): under CI's lanes the looks through execs came 35 s apart, and a crash 23 s late.
/// </summary>
public sealed class RunVolume
{
    /// <summary>Where the volume is in every container of the run.</summary>
    public const string Mount = "/nodes";

    /// <summary>The seed list every node reads.</summary>
    public const string SeedList = Mount + "/seeds.txt";

    /// <summary>The node image's user (deploy/Dockerfile): what it writes in the volume is handed to it.</summary>
    public const string ImageUser = "10001:10001";

    /// <summary>A status read at most this often: a node rewrites its own once a second.</summary>
    private static readonly TimeSpan StatusAge = TimeSpan.FromSeconds(1);

    private readonly string _volume, _keeper;
    private readonly DockerEngine _engine;
    private readonly object _gate = new();
    private Dictionary<string, NodeSnapshot> _statuses = new();
    private DateTime _statusesAt = DateTime.MinValue;
    private TimeSpan _readTook;

    /// <summary>The volume's folder on this machine's disk, when this process can read it there (<see cref="OnThisMachine"/>); else null.</summary>
    private string? _here;

    private RunVolume(string volume, string keeper, DockerEngine engine) => (_volume, _keeper, _engine) = (volume, keeper, engine);

    /// <summary>Whether the nodes' statuses are read from the volume's folder on this machine rather than through the keeper.</summary>
    public bool ReadOnThisMachine => _here != null;

    /// <summary>The engine whose volume this is (a volume is its engine's alone: a run on several has one on each).</summary>
    public DockerEngine Engine => _engine;

    /// <summary>The node's folder in its container: "/nodes/peer-3".</summary>
    public static string FolderOf(NodeRef node) => $"{Mount}/{DockerAddresses.HostOf(node)}";

    /// <summary>`docker run`'s words that mount the volume in a node's container.</summary>
    public IReadOnlyList<string> MountArguments => ["-v", $"{_volume}:{Mount}"];

    /// <summary>
    /// Makes the run's volume (a dead run's of the same name is gone by now: <see cref="DockerBed"/>
    /// removed it, or it is removed here) and its keeper, and copies in what is in
    /// <paramref name="nodesDir"/> (the seeds' keys) and <paramref name="seedFile"/>.
    /// </summary>
    /// <exception cref="DockerException">docker refused one of these.</exception>
    /// <param name="holds">Whether a node's folder of <paramref name="nodesDir"/> (by its name, "seed-1") goes into this volume: a
    /// seed's key goes only to the engine that runs it.</param>
    public static RunVolume Create(DockerBed bed, DockerEngine engine, string image, string nodesDir, string seedFile,
        Func<string, bool>? holds = null)
    {
        string stack = bed.Addresses.Stack;
        engine.Run("volume", "rm", "-f", stack);
        engine.Must("volume", "create", "--label", $"{DockerBed.StackLabel}={stack}", stack);
        string keeper = $"{stack}-volume";
        engine.Must([
            "run", "-d", "--name", keeper, "--network", "none", "--restart", "no", "--no-healthcheck",
            .. DockerBed.Labels(stack), "-v", $"{stack}:{Mount}", "--entrypoint", "sleep", image, "infinity",
        ]);
        // The seed list goes with the seeds' folders (it comes back with them, and leaves with nodes/). Folders and the list only:
        // the run's operator key beside them stays on this side (the launcher signs with it; no node reads it).
        File.Copy(seedFile, Path.Combine(nodesDir, Path.GetFileName(SeedList)), overwrite: true);
        var volume = new RunVolume(stack, keeper, engine);
        engine.Must("exec", "-u", "0", keeper, "chown", ImageUser, Mount); // each peer makes its folder here
        volume._here = OnThisMachine(engine, stack, keeper);
        foreach (string folder in Directory.GetDirectories(nodesDir))
            if (holds?.Invoke(Path.GetFileName(folder)) ?? true) volume.CopyIn(folder);
        volume.CopyIn(Path.Combine(nodesDir, Path.GetFileName(SeedList)));
        return volume;
    }

    /// <summary>
    /// The volume's folder on this machine (its mountpoint, as the engine says), when the engine is reached through a unix socket,
    /// this process can read the folder, and it is this volume's and not a path of the same name on another machine: a token written
    /// through the keeper is read back here. Null when the engine is reached over the network (read as one elsewhere, even on
    /// loopback), or this user may not read the engine's data (docker's group without root).
    /// </summary>
    private static string? OnThisMachine(DockerEngine engine, string volume, string keeper)
    {
        string endpoint = engine.Endpoint ?? Environment.GetEnvironmentVariable("DOCKER_HOST") ?? "";
        if (endpoint.Length > 0 && !endpoint.StartsWith("unix://", StringComparison.Ordinal)) return null;
        var inspect = engine.Run("volume", "inspect", "--format", "{{.Mountpoint}}", volume);
        string folder = inspect.Ok ? inspect.Stdout.Trim() : "";
        if (folder.Length == 0 || !Path.IsPathFullyQualified(folder) || !Directory.Exists(folder)) return null;
        const string tokenFile = ".gossipsim-here";
        string token = Guid.NewGuid().ToString("N");
        if (!engine.Run("exec", "-u", "0", keeper, "sh", "-c", $"printf %s \"$1\" > {Mount}/{tokenFile}", "sh", token).Ok) return null;
        string? read;
        try { read = File.ReadAllText(Path.Combine(folder, tokenFile)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { read = null; }
        engine.Run("exec", "-u", "0", keeper, "rm", "-f", $"{Mount}/{tokenFile}"); // nothing of it is copied out with the nodes
        return read == token ? folder : null;
    }

    /// <summary>Copies a folder or file of this machine into the volume's top, handed to the nodes' user (docker cp writes as root;
    /// the nodes make their own folders here). A seed a seed-set change starts has its key copied in so.</summary>
    /// <exception cref="DockerException">docker refused it.</exception>
    public void CopyIn(string path)
    {
        _engine.Must("cp", Path.GetFullPath(path), $"{_keeper}:{Mount}/");
        _engine.Must("exec", "-u", "0", _keeper, "chown", "-R", ImageUser, $"{Mount}/{Path.GetFileName(path)}");
    }

    /// <summary>A file of the volume, its bytes intact (base64 through the keeper); null when there is none.</summary>
    /// <exception cref="IOException">the keeper did not answer.</exception>
    public byte[]? Read(string path)
    {
        var r = _engine.Run("exec", _keeper, "sh", "-c", "[ -f \"$1\" ] || exit 3; base64 -w0 \"$1\"", "sh", path);
        if (r.ExitCode == 3) return null;
        if (!r.Ok) throw new IOException($"{path} could not be read from the run's volume: {DockerCli.FirstLine(r.Stderr)}");
        return Convert.FromBase64String(r.Stdout.Trim());
    }

    /// <summary>Writes a file of the volume whole: a temp file renamed over it, so a node reading it never sees half.</summary>
    /// <exception cref="IOException">the keeper did not write it.</exception>
    public void WriteWhole(string path, string text)
    {
        var r = _engine.RunWithInput(text, "exec", "-i", _keeper, "sh", "-c", "cat > \"$1.tmp\" && mv \"$1.tmp\" \"$1\"", "sh", path);
        if (!r.Ok) throw new IOException($"{path} could not be written in the run's volume: {DockerCli.FirstLine(r.Stderr)}");
    }

    public void Delete(string path) => _engine.Run("exec", _keeper, "rm", "-f", path);

    /// <summary>Whether the image has nft (the run's partitions and loss are entered into each container with it).</summary>
    public bool HasNft() => _engine.Run("exec", _keeper, "nft", "--version").Ok;

    /// <summary>The degree and counters of the node whose folder is <paramref name="folder"/> ("peer-3") from its status file in the
    /// volume, read again when <see cref="Stale"/>; null before it wrote one.</summary>
    public NodeSnapshot? Snapshot(string folder)
    {
        lock (_gate)
        {
            if (Stale) ReadNow();
            return _statuses.TryGetValue(folder, out var snapshot) ? snapshot : null;
        }
    }

    /// <summary>Whether the statuses read last are older than a read is kept: a second, or twice what the last read took. An exec
    /// that takes 3 s under load, asked again a second after it ended, made every look at the peers a string of execs.</summary>
    public bool Stale
    {
        get { lock (_gate) return DateTime.UtcNow - _statusesAt >= TimeSpan.FromTicks(Math.Max(StatusAge.Ticks, 2 * _readTook.Ticks)); }
    }

    /// <summary>Reads every node's status now (<see cref="RunVolumes"/> reads all its engines' at once when one is stale).</summary>
    public void ReadNow()
    {
        lock (_gate)
        {
            var began = DateTime.UtcNow;
            _statuses = ReadStatuses();
            _statusesAt = DateTime.UtcNow;
            _readTook = _statusesAt - began;
        }
    }

    /// <summary>Every node's status.json: from the volume's folder on this machine, or else in one exec (a line each, its folder's
    /// name, a tab, the file on one line).</summary>
    private Dictionary<string, NodeSnapshot> ReadStatuses() =>
        (_here is { } here ? ReadStatusesIn(here) : null) ?? ReadStatusesThroughKeeper();

    /// <summary>The statuses in the volume's folder on this machine; null when it cannot be listed (the keeper reads them then).</summary>
    private static Dictionary<string, NodeSnapshot>? ReadStatusesIn(string here)
    {
        string[] folders;
        try { folders = Directory.GetDirectories(here); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        var statuses = new Dictionary<string, NodeSnapshot>();
        foreach (string folder in folders)
        {
            string text;
            try { text = File.ReadAllText(Path.Combine(folder, "status.json")); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; } // none yet, or gone with its node
            if (Parse(text) is { } snapshot) statuses[Path.GetFileName(folder)] = snapshot;
        }
        return statuses;
    }

    private static NodeSnapshot? Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return NodeStatus.SnapshotOf(doc.RootElement);
        }
        catch (JsonException) { return null; } // caught while written: none this time
    }

    private Dictionary<string, NodeSnapshot> ReadStatusesThroughKeeper()
    {
        var r = _engine.Run("exec", _keeper, "sh", "-c",
            $"cd {Mount} && for f in */status.json; do [ -f \"$f\" ] && printf '%s\\t%s\\n' \"${{f%/status.json}}\" \"$(tr -d '\\n' < \"$f\")\"; done");
        var statuses = new Dictionary<string, NodeSnapshot>();
        foreach (var line in DockerCli.Lines(r.Stdout))
        {
            int tab = line.IndexOf('\t');
            if (tab > 0 && Parse(line[(tab + 1)..]) is { } snapshot) statuses[line[..tab]] = snapshot;
        }
        return statuses;
    }

    /// <summary>Copies every node's folder out of the volume into <paramref name="nodesDir"/> (the nodes have stopped).</summary>
    /// <exception cref="DockerException">docker cp failed.</exception>
    public void CopyOut(string nodesDir) => _engine.Must("cp", $"{_keeper}:{Mount}/.", Path.GetFullPath(nodesDir));
}

/// <summary>
/// The run's volumes, one on each of its engines (<see cref="DockerEngines"/>): a node's container mounts its own engine's, and
/// what the launcher puts in (the seed list, the seeds' keys) goes into each. The nodes' folders, each in one volume, come out
/// into one nodes/ folder.
/// </summary>
public sealed class RunVolumes
{
    private readonly DockerBed _bed;
    private readonly IReadOnlyList<RunVolume> _all;

    private RunVolumes(DockerBed bed, IReadOnlyList<RunVolume> all) => (_bed, _all) = (bed, all);

    /// <summary>A volume and its keeper on each engine of <paramref name="bed"/>, each given <paramref name="nodesDir"/>'s folders
    /// and the seed list.</summary>
    /// <exception cref="DockerException">docker refused one of these.</exception>
    public static RunVolumes Create(DockerBed bed, string image, string nodesDir, string seedFile) =>
        new(bed, bed.Engines.All.Select(e => RunVolume.Create(bed, e, image, nodesDir, seedFile,
            folder => !bed.Engines.Several || DockerAddresses.NodeOfHost(folder) is not { } node || bed.Engines.Of(node) == e)).ToList());

    /// <summary>How the run looks at its nodes' statuses, said in its first lines.</summary>
    public string StatusesReadLine() =>
        _all.All(v => v.ReadOnThisMachine) ? $"docker: the nodes' statuses are read from the run's volume{(_all.Count > 1 ? "s" : "")} on this machine"
        : _all.Any(v => v.ReadOnThisMachine) ? "docker: the nodes' statuses are read from the run's volumes on this machine where they are, and through each other engine"
        : "docker: the nodes' statuses are read through the engine (the volume is not on this machine, or this user may not read it)";

    /// <summary>The volume of the engine that runs <paramref name="node"/> now.</summary>
    public RunVolume Of(NodeRef node) => On(_bed.Places.Of(node).Engine);

    /// <summary>The volume on <paramref name="engine"/>.</summary>
    public RunVolume On(DockerEngine engine) => _all[IndexOf(engine)];

    /// <summary>The node's folder now, in the volume of <see cref="Of"/>: "/nodes/seed-1" (or "/nodes/seed-1-moved-1" once moved).</summary>
    public string FolderOf(NodeRef node) => $"{RunVolume.Mount}/{_bed.Places.Of(node).Folder}";

    private int IndexOf(DockerEngine engine)
    {
        for (int i = 0; i < _all.Count; i++) if (_all[i].Engine == engine) return i;
        throw new InvalidOperationException($"no volume on {engine}");
    }

    /// <summary>Whether the image has nft (every engine holds the same image).</summary>
    public bool HasNft() => _all[0].HasNft();

    /// <summary>The node's status (<see cref="RunVolume.Snapshot"/>); null once its engine died with its host.</summary>
    /// <remarks>When its engine's statuses are stale, every living engine's stale ones are read at once, side by side: a look at
    /// the peers goes through them engine by engine in turn, and each engine read in its turn (an exec of seconds under CI's lanes)
    /// was stale again at the next: one look at nine peers on three engines could take nine execs (a local CI: a crash waiting for
    /// every peer linked came 27 s after the last had linked, and gossip had ended before its heal).</remarks>
    public NodeSnapshot? Snapshot(NodeRef node)
    {
        var place = _bed.Places.Of(node);
        if (_bed.Engines.IsDead(place.Engine)) return null;
        var volume = On(place.Engine);
        if (volume.Stale)
            Parallel.ForEach(_all.Where(v => !_bed.Engines.IsDead(v.Engine) && v.Stale), v => v.ReadNow());
        return volume.Snapshot(place.Folder);
    }

    /// <summary>Every node's folder out of every living engine's volume, into <paramref name="nodesDir"/> (a dead engine's went with
    /// its host); an engine that does not answer is said in the exception after the others are copied.</summary>
    /// <exception cref="DockerException">docker cp failed on an engine.</exception>
    public void CopyOut(string nodesDir)
    {
        var failed = new List<string>();
        foreach (var volume in _all.Where(v => !_bed.Engines.IsDead(v.Engine)))
        {
            try { volume.CopyOut(nodesDir); }
            catch (DockerException e) { failed.Add(e.Message); }
        }
        if (failed.Count > 0) throw new DockerException(string.Join("; ", failed));
    }
}
