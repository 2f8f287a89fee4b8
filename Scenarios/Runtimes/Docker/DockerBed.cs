using System.Globalization;
using GossipSim.Scenarios.Runtimes.Processes;

namespace GossipSim.Scenarios.Runtimes.Docker;

/// <summary>
/// What a docker run owns on the engine: one attachable overlay network of the swarm (its own
/// subnet), one container per node, and the volume of the nodes' folders with the container
/// that keeps it (<see cref="RunVolume"/>), all named after the stack ("gossipsim-crash-hub",
/// its network and volume of that name, containers "gossipsim-crash-hub-peer-3") and labelled
/// with it and the launcher ("4242@build-1": its pid and its machine, since an engine DOCKER_HOST
/// names may serve launchers on several).
/// <see cref="Dispose"/> removes them all, and so do Ctrl-C, SIGTERM and the process's exit; a
/// watchdog outside this process (<see cref="StartReaper"/>) removes them when the launcher is
/// SIGKILLed. A stack left by a run that no longer lives is removed when the next run of the
/// scenario starts; one whose run still lives is refused.
/// </summary>
public sealed class DockerBed : IDisposable
{
    public const string StackLabel = "gossipsim.stack", LauncherLabel = "gossipsim.launcher";

    /// <summary>This launcher as its stacks' label names it: its pid and its machine's name ("4242@build-1").</summary>
    public static string Launcher => $"{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}@{Environment.MachineName}";

    private readonly object _gate = new();
    private System.Diagnostics.Process? _reaper;
    private bool _disposed;

    public DockerAddresses Addresses { get; }
    public string Network => Addresses.Stack;
    /// <summary>The engines the run's containers are spread over (one, unless GOSSIPSIM_DOCKER_ENGINES lists several).</summary>
    public DockerEngines Engines { get; }

    /// <summary>Where each node is now (its engine, container, address and folder; a moved seed elsewhere).</summary>
    public ContainerPlaces Places { get; }

    private DockerBed(DockerAddresses addresses, DockerEngines engines) =>
        (Addresses, Engines, Places) = (addresses, engines, new ContainerPlaces(addresses, engines));

    /// <summary>On the client's own engine (<see cref="DockerEngines.Single"/>).</summary>
    public static DockerBed Create(string scenarioName, Action<string> say) => Create(scenarioName, DockerEngines.Single, say);

    /// <summary>Takes the stack name for <paramref name="scenarioName"/> (removing a dead run's leftover on every engine) and makes
    /// its network on the swarm, through the manager.</summary>
    /// <exception cref="DockerException">The stack is in use by a live run, or docker refused the network.</exception>
    public static DockerBed Create(string scenarioName, DockerEngines engines, Action<string> say)
    {
        string stack = DockerAddresses.StackOf(scenarioName);
        SweepDead(engines, say);
        ClearLeftover(stack, engines, say);
        for (int k = 0; k < DockerAddresses.SubnetChoices; k++)
        {
            var addresses = new DockerAddresses(stack, DockerAddresses.FirstSubnetOctet + k);
            var r = engines.Manager.Run("network", "create", "--driver", "overlay", "--attachable", "--subnet", addresses.Subnet,
                "--label", $"{StackLabel}={stack}", "--label", $"{LauncherLabel}={Launcher}", stack);
            if (r.Ok)
            {
                var bed = new DockerBed(addresses, engines);
                LiveBeds<DockerBed>.Add(bed);
                bed.StartReaper();
                return bed;
            }
            // Another network of this engine has the subnet: try the next.
            if (!r.Stderr.Contains("overlap", StringComparison.OrdinalIgnoreCase))
                throw new DockerException($"`docker network create --driver overlay {stack}` failed: {DockerCli.FirstLine(r.Stderr)}");
        }
        throw new DockerException($"no free subnet among 10.{DockerAddresses.FirstSubnetOctet}-"
            + $"{DockerAddresses.FirstSubnetOctet + DockerAddresses.SubnetChoices - 1}.0.0/16 for the run's network: "
            + "remove unused networks "
            + "(docker network prune)");
    }

    /// <summary>The command that removes stack <paramref name="stack"/> by hand.</summary>
    public static string RemoveCommand(string stack) =>
        $"docker rm -f $(docker ps -aq --filter label={StackLabel}={stack}); docker volume rm {stack}; docker network rm {stack}";

    /// <summary>`docker run`'s words that label a container of the stack as this run's.</summary>
    public static IReadOnlyList<string> Labels(string stack) =>
        ["--label", $"{StackLabel}={stack}", "--label", $"{LauncherLabel}={Launcher}"];

    /// <summary>
    /// A stack of this name already on the engine: a run that still lives (its launcher's pid runs
    /// here) keeps it and this run is refused; a dead run's is removed, and said.
    /// </summary>
    private static void ClearLeftover(string stack, DockerEngines engines, Action<string> say)
    {
        var containers = engines.All.SelectMany(e => DockerCli.Lines(e.Must("ps", "-aq", "--filter", $"label={StackLabel}={stack}"))
            .Select(id => (engine: e, id))).ToList();
        var network = engines.Manager.Run("network", "inspect", "--format", $"{{{{index .Labels \"{LauncherLabel}\"}}}}", stack);
        if (containers.Count == 0 && !network.Ok) return;
        string owner = network.Ok ? network.Stdout.Trim()
            : containers.Count > 0
                ? containers[0].engine.Run("inspect", "--format", $"{{{{index .Config.Labels \"{LauncherLabel}\"}}}}", containers[0].id)
                    .Stdout.Trim()
                : "";
        if (Leftover.Of(owner, IsLauncherRunning) is { } refusal)
            throw new DockerException(
                $"stack name {stack} is in use: {refusal}; wait for that run to end, or remove it: {RemoveCommand(stack)}");
        say($"removing what a killed run left of stack {stack} (launcher pid {(owner.Length > 0 ? owner : "unknown")}): "
            + $"{containers.Count} container(s){(network.Ok ? " and its network" : "")}");
        if (Remove(stack, engines) is { } left) throw new DockerException(left);
    }

    /// <summary>Whether the launcher of that pid (on this machine) still runs: a launcher is GossipSim.Scenarios (its apphost, as `dotnet run`
    /// starts it) or a dotnet process (a test host).</summary>
    private static bool IsLauncherRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            string cmdline = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline");
            return cmdline.Contains("GossipSim", StringComparison.Ordinal) || cmdline.Contains("dotnet", StringComparison.Ordinal);
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return true; }
    }

    /// <summary>
    /// Every stack on the engine whose launcher no longer runs here (SIGKILLed, its watchdog gone
    /// too, or the machine restarted): removed, and said, before a run makes its own.
    /// </summary>
    private static void SweepDead(DockerEngines engines, Action<string> say)
    {
        var listed = engines.Manager.Run("network", "ls", "--filter", $"label={StackLabel}", "--format",
            $"{{{{.Name}}}} {{{{.Label \"{LauncherLabel}\"}}}}");
        foreach (var line in DockerCli.Lines(listed.Stdout))
        {
            string[] words = line.Split(' ');
            if (words.Length == 2 && Leftover.Of(words[1], IsLauncherRunning) == null) ClearLeftover(words[0], engines, say);
        }
    }

    /// <summary>Removes every container of the stack on every engine, then each engine's volume of it, then its network (which
    /// docker frees once the last container has left it). With an engine dead (its host crashed during the run), the swarm keeps
    /// its containers' attachments to the network until the engine is back: what is left is returned in words, not thrown.</summary>
    private static string? Remove(string stack, DockerEngines engines)
    {
        // An engine that died with its host keeps what it held of the stack on its disk (said at the run's end; a later run of the
        // scenario removes it once the engine is back).
        foreach (var engine in engines.Living)
        {
            var ids = DockerCli.Lines(engine.Run("ps", "-aq", "--filter", $"label={StackLabel}={stack}").Stdout);
            if (ids.Count > 0) engine.Run(["rm", "-f", "-v", .. ids]);
            engine.Run("volume", "rm", "-f", stack);
        }
        string last = "";
        for (int attempt = 0; attempt < 60; attempt++)
        {
            // The swarm removes an overlay network a moment after it says so: done once the engine no longer finds it.
            var r = engines.Manager.Run("network", "rm", stack);
            if (!engines.Manager.Run("network", "inspect", "--format", "{{.Id}}", stack).Ok) return null;
            if (!r.Ok) last = DockerCli.FirstLine(r.Stderr);
            var dead = engines.All.Where(engines.IsDead).ToList();
            if (dead.Count > 0 && last.Contains("in use", StringComparison.Ordinal))
                return $"the network {stack} stays while {string.Join(", ", dead)} is down (the swarm holds its containers' places in it, "
                    + $"{last}), with what {(dead.Count > 1 ? "they" : "it")} held of the stack: once back, {RemoveCommand(stack)}, or run "
                    + "this scenario again";
            Thread.Sleep(250);
        }
        throw new DockerException($"the network {stack} could not be removed ({last}): remove it with docker network rm {stack}");
    }

    /// <summary>
    /// A watchdog in its own session (Ctrl-C to the terminal does not reach it): once the launcher
    /// is gone, however it went, it removes the stack. A normal teardown stops it first.
    /// </summary>
    private void StartReaper()
    {
        string stack = Addresses.Stack;
        static string Docker(DockerEngine e) => e.Endpoint == null ? "docker" : $"docker -H {e.Endpoint}";
        string script = $"while kill -0 {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)} 2>/dev/null; do sleep 0.5; done; "
            + string.Concat(Engines.All.Select(e =>
                $"ids=$({Docker(e)} ps -aq --filter label={StackLabel}={stack}); [ -n \"$ids\" ] && {Docker(e)} rm -f -v $ids >/dev/null 2>&1; "
                + $"{Docker(e)} volume rm -f {stack} >/dev/null 2>&1; "))
            + $"for i in $(seq 20); do {Docker(Engines.Manager)} network rm {stack} >/dev/null 2>&1 && break; sleep 0.25; done";
        var psi = new System.Diagnostics.ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var a in new[] { "bash", "-c", script }) psi.ArgumentList.Add(a);
        try { _reaper = System.Diagnostics.Process.Start(psi); }
        catch (System.ComponentModel.Win32Exception) { _reaper = null; } // no setsid/bash: the in-process teardown still runs
    }

    /// <summary>The stack's containers, volume and network that exist now on the client's own engine (a test's check that nothing
    /// of the run was left).</summary>
    public static IReadOnlyList<string> Remains(string stack) => Remains(stack, DockerEngines.Single);

    /// <summary>The same on every living engine of <paramref name="engines"/>, each named when there are several.</summary>
    public static IReadOnlyList<string> Remains(string stack, DockerEngines engines)
    {
        var left = new List<string>();
        foreach (var e in engines.Living)
        {
            string on = engines.Several ? $" on {e.Name}" : "";
            left.AddRange(DockerCli.Lines(e.Run("ps", "-a", "--format", "{{.Names}}", "--filter", $"label={StackLabel}={stack}").Stdout)
                .Select(name => name + on));
            if (e.Run("volume", "inspect", stack).Ok) left.Add("volume " + stack + on);
        }
        if (engines.Manager.Run("network", "inspect", stack).Ok) left.Add("network " + stack);
        return left;
    }

    /// <summary>After <see cref="Dispose"/>: what could not be removed because an engine died with its host, in words; else null.</summary>
    public string? Left { get; private set; }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        Left = Remove(Addresses.Stack, Engines);
        LiveBeds<DockerBed>.Remove(this);
        if (_reaper is { } r)
        {
            try { if (!r.HasExited) r.Kill(); } catch (InvalidOperationException) { }
            r.Dispose();
        }
    }
}

/// <summary>Whether a stack found on the engine may be removed: the pure rule behind <see cref="DockerBed"/>'s refusal.</summary>
public static class Leftover
{
    /// <summary>
    /// null: its run is gone (or unknown), remove it; else why it is kept ("a run of process 123
    /// still uses it"). A run of another machine (the engine serves several) is kept: whether it
    /// lives cannot be told from here.
    /// </summary>
    /// <param name="launcherLabel">The launcher its resources carry: "123@host", "123" (a pid of this machine), or "" (none).</param>
    /// <param name="thisMachine">This machine's name; <see cref="Environment.MachineName"/> when null.</param>
    public static string? Of(string launcherLabel, Func<int, bool> isRunning, string? thisMachine = null)
    {
        int at = launcherLabel.IndexOf('@');
        string pidText = at < 0 ? launcherLabel : launcherLabel[..at];
        if (!int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) return null;
        string pidName = pid.ToString(CultureInfo.InvariantCulture);
        if (at >= 0 && launcherLabel[(at + 1)..] is var machine && machine != (thisMachine ?? Environment.MachineName))
            return $"a run of process {pidName} on {machine} may still use it";
        return isRunning(pid) ? $"a run of process {pidName} still uses it" : null;
    }
}
