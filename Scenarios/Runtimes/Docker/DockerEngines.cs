using System.Globalization;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Faults;

namespace GossipSim.Scenarios.Runtimes.Docker;

/// <summary>
/// The engines a docker run spreads its containers over: one (the client's own, as before), or the engines of a swarm that
/// GOSSIPSIM_DOCKER_ENGINES lists ("unix:///run/gse/h1.sock,unix:///run/gse/h2.sock,..."; the first a manager, where the run's
/// overlay network is made). Each node's container runs on the engine <see cref="EnginePlacement"/> gives it: a seed on the engine
/// whose swarm node carries its index in the label gossipsim.seed (`docker node update --label-add gossipsim.seed=1 gse-h2`), as
/// the stack file's seeds are placed; the rest in turn.
/// </summary>
public sealed class DockerEngines
{
    /// <summary>The variable that lists the engines (commas or spaces between them).</summary>
    public const string Variable = "GOSSIPSIM_DOCKER_ENGINES";

    /// <summary>The node label that places seeds: a seed index, or several with commas ("0,3").</summary>
    public const string SeedLabel = "gossipsim.seed";

    /// <summary>The variable that names how a host dies: a command given the engine's number (1 for the first listed) and its
    /// endpoint, which kills that engine as a machine dies (deploy/engines/kill.sh for deploy/engines/up.sh's engines).</summary>
    public const string KillerVariable = "GOSSIPSIM_DOCKER_HOST_KILLER";

    public IReadOnlyList<DockerEngine> All { get; }
    private readonly IReadOnlyList<IReadOnlyList<int>> _seedLabels;
    // What became of an engine during the run (one not here is up): a drained one takes no new container, a dead one is asked nothing.
    private readonly Dictionary<DockerEngine, EngineState> _states = new();

    private EngineState StateOf(DockerEngine engine)
    {
        lock (_states) return _states.GetValueOrDefault(engine);
    }

    /// <summary>The engines still up: every one, unless a host's crash killed one during the run.</summary>
    public IReadOnlyList<DockerEngine> Living => All.Where(e => StateOf(e) != EngineState.Dead).ToList();

    /// <summary>Whether a host's crash killed <paramref name="engine"/> during the run.</summary>
    public bool IsDead(DockerEngine engine) => StateOf(engine) == EngineState.Dead;

    /// <summary>From now on nothing is asked of <paramref name="engine"/>: it died with its host.</summary>
    public void Died(DockerEngine engine)
    {
        lock (_states) _states[engine] = EngineState.Dead;
    }

    /// <summary>From now on no new container starts on <paramref name="engine"/>: its host was drained (a dead one stays dead).</summary>
    public void Drained(DockerEngine engine)
    {
        lock (_states) if (!_states.ContainsKey(engine)) _states[engine] = EngineState.Drained;
    }

    /// <summary>The engines a new container may start on: those up (all living ones when every one is drained).</summary>
    public IReadOnlyList<DockerEngine> Accepting =>
        All.Where(e => StateOf(e) == EngineState.Up).ToList() is { Count: > 0 } up ? up : Living;

    /// <summary>The command <see cref="KillerVariable"/> names, or null.</summary>
    public static string? Killer() => Environment.GetEnvironmentVariable(KillerVariable) is { } c && c.Trim().Length > 0 ? c.Trim() : null;

    /// <summary>
    /// Why host <paramref name="host"/>'s crash kills its containers rather than its engine (null: it kills the engine), by the pure
    /// rule <see cref="EngineDeath.Refusal"/>.
    /// </summary>
    public string? EngineDeathRefusal(VictimSelector host, int seeds) =>
        EngineDeath.Refusal(host, All.Count, Killer() != null, HostCrashNote(host, seeds) == null);

    private DockerEngines(IReadOnlyList<DockerEngine> all, IReadOnlyList<IReadOnlyList<int>> seedLabels) =>
        (All, _seedLabels) = (all, seedLabels);

    /// <summary>Where the run's network is made and the swarm is asked (its first engine).</summary>
    public DockerEngine Manager => All[0];

    public bool Several => All.Count > 1;

    /// <summary>The engine that runs <paramref name="node"/>'s container.</summary>
    public DockerEngine Of(NodeRef node) => All[EnginePlacement.EngineOf(node, All.Count, _seedLabels)];

    /// <summary>One engine, the client's own: every run before several engines, and every run without the variable.</summary>
    public static DockerEngines Single { get; } = new([DockerEngine.Default], [Array.Empty<int>()]);

    /// <summary>The endpoints the variable lists, or null when it is unset or blank.</summary>
    public static IReadOnlyList<string>? Listed() =>
        Environment.GetEnvironmentVariable(Variable) is { } text
        && text.Split([',', ' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } all
            ? all : null;

    /// <summary>null when a run can spread over the listed engines (each answers, each is in the swarm, the first is a manager
    /// that lists the others), else why not in one line; without the variable, what <see cref="DockerCli.Unavailable"/> says.</summary>
    public static string? Unavailable()
    {
        if (Listed() is not { } endpoints) return DockerCli.Unavailable();
        if (!OperatingSystem.IsLinux()) return "the docker runtime needs Linux";
        var names = new List<string>();
        for (int i = 0; i < endpoints.Count; i++)
        {
            var engine = new DockerEngine(endpoints[i], endpoints[i]);
            var info = engine.Run("info", "--format", "{{.Name}} {{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}");
            if (info.ExitCode == 127) return "the docker client is not installed: apt-get install docker.io";
            string[] words = info.Stdout.Trim().Split(' ');
            if (!info.Ok || words.Length < 3)
                return $"{Variable}: engine {i + 1}, {endpoints[i]}, does not answer ({DockerCli.FirstLine(info.Stderr + info.Stdout)})";
            if (words[1] != "active")
                return $"{Variable}: engine {i + 1}, {endpoints[i]} ({words[0]}), is not in a swarm: join it to the first engine's";
            if (i == 0 && words[2] != "true")
                return $"{Variable}: the first engine, {endpoints[0]} ({words[0]}), is not a swarm manager: list a manager first";
            names.Add(words[0]);
        }
        var listed = DockerCli.Lines(new DockerEngine(endpoints[0], names[0]).Run("node", "ls", "--format", "{{.Hostname}}").Stdout)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
            if (!listed.Contains(name))
                return $"{Variable}: engine {i + 1}, {endpoints[i]} ({name}), is not in the swarm of {names[0]}: join it there";
        return names.Distinct().Count() == names.Count ? null : $"{Variable}: an engine is listed twice ({string.Join(", ", names)})";
    }

    /// <summary>The run's engines: the listed ones with their swarm names and the seeds their labels place, or
    /// <see cref="Single"/>.</summary>
    /// <exception cref="DockerException">A seed label is not seed indices, or places one seed on two engines.</exception>
    public static DockerEngines Open()
    {
        if (Listed() is not { } endpoints) return Single;
        var engines = endpoints.Select(e => new DockerEngine(e, new DockerEngine(e, e).Must("info", "--format", "{{.Name}}"))).ToList();
        var labels = engines.Select(e => SeedsOf(engines[0].Run("node", "inspect", "--format",
            $"{{{{index .Spec.Labels \"{SeedLabel}\"}}}}", e.Name).Stdout.Trim(), e.Name)).ToList();
        if (EnginePlacement.TwiceLabelled(labels) is { } seed)
            throw new DockerException($"seed {seed} is placed on two engines by their label {SeedLabel} "
                + $"({string.Join(" and ", engines.Where((_, i) => labels[i].Contains(seed)).Select(e => e.Name))}): remove one");
        return new DockerEngines(engines, labels);
    }

    /// <summary>The seed indices a label's value names ("", "1", "0,3").</summary>
    /// <exception cref="DockerException">Something else than indices.</exception>
    public static IReadOnlyList<int> SeedsOf(string label, string engine)
    {
        var seeds = new List<int>();
        foreach (var word in label.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (word == "<no value>") continue; // docker's word for a label the node does not have
            if (!int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                throw new DockerException($"the label {SeedLabel} of swarm node {engine} is \"{label}\": expected seed indices such as 1 or 0,3");
            seeds.Add(index);
        }
        return seeds;
    }

    /// <summary>
    /// What a host's crash (<see cref="VictimKind.Host"/>, nodes spread over hosts in turn, the same victims on every runtime) takes
    /// here when that is not one engine's containers, in a line for the run's start; null when it is exactly one engine's.
    /// </summary>
    public string? HostCrashNote(VictimSelector host, int seeds)
    {
        string what = $"'crash {host}' takes the nodes host {host.Index} of {host.Count} holds in turn (seed i and peer j with i, j mod "
            + $"{host.Count} = {host.Index}, as on every runtime)";
        if (!Several) return $"note: {what}; this run's containers are all on one engine";
        if (host.Count != All.Count) return $"note: {what}, spread over this run's {All.Count} engines, not one engine's containers";
        var moved = Enumerable.Range(0, seeds).Where(i => EnginePlacement.EngineOf(NodeRef.Seed(i), All.Count, _seedLabels)
            != VictimPicker.HostOf(NodeRef.Seed(i), host.Count)).ToList();
        return moved.Count == 0 ? null
            : $"note: {what}; the label {SeedLabel} places seed {string.Join(", ", moved)} on another engine than its turn's, so "
                + $"{All[host.Index].Name}'s containers are not exactly those";
    }

    /// <summary>Each engine and the nodes it runs, for the run's first lines: "gse-h1: seed 0, 4 peers".</summary>
    public string Placement(int seeds, int peers) => string.Join("; ", All.Select((e, i) =>
    {
        var seedsHere = Enumerable.Range(0, seeds).Where(s => EnginePlacement.EngineOf(NodeRef.Seed(s), All.Count, _seedLabels) == i).ToList();
        int peersHere = Enumerable.Range(0, peers).Count(p => EnginePlacement.EngineOf(NodeRef.Peer(p), All.Count, _seedLabels) == i);
        return $"{e.Name}: " + (seedsHere.Count switch { 0 => "no seed", 1 => $"seed {seedsHere[0]}", _ => $"seeds {string.Join(", ", seedsHere)}" })
            + $", {peersHere} peer{(peersHere == 1 ? "" : "s")}";
    }));
}

/// <summary>What became of an engine during a docker run: up; drained (what runs there stays, nothing new starts there); dead (its
/// host crashed with it: nothing is asked of it).</summary>
public enum EngineState { Up, Drained, Dead }

/// <summary>Whether a host's crash on the docker runtime kills the host's engine, as a machine dies, or only its containers.</summary>
public static class EngineDeath
{
    /// <summary>
    /// null when the engine dies: several engines, one a host (<paramref name="exactlyOneEngines"/>: the host's nodes are exactly
    /// that engine's containers), not the first (the manager, where the run's network is made and asked), and a way to kill it
    /// (<see cref="DockerEngines.KillerVariable"/>). Else why not, for the run's first lines: its containers are killed and the
    /// engine stays up, giving back its nodes' folders.
    /// </summary>
    public static string? Refusal(VictimSelector host, int engines, bool killer, bool exactlyOneEngines)
    {
        if (engines < 2) return "one engine runs every node";
        if (!exactlyOneEngines) return "its nodes are not exactly one engine's containers";
        if (host.Index == 0) return "the first engine is the run's manager (its network is made and asked there): it stays up";
        if (!killer) return $"{DockerEngines.KillerVariable} names no command that kills an engine (deploy/engines/kill.sh for "
            + "deploy/engines/up.sh's engines)";
        return null;
    }
}

/// <summary>Which engine runs a node: the pure rule behind <see cref="DockerEngines.Of"/>.</summary>
public static class EnginePlacement
{
    /// <summary>
    /// A seed goes to the engine whose label names it, else to engine (index mod engines); a peer to engine (index mod engines), so
    /// peers spread evenly and a seed a label does not place still lands on an engine of its own when there are as many engines.
    /// </summary>
    /// <param name="seedLabels">For each engine, the seeds its label names.</param>
    public static int EngineOf(NodeRef node, int engines, IReadOnlyList<IReadOnlyList<int>> seedLabels)
    {
        if (engines < 1) throw new ArgumentOutOfRangeException(nameof(engines), engines, "at least one engine");
        if (node.IsSeed)
            for (int e = 0; e < engines && e < seedLabels.Count; e++)
                if (seedLabels[e].Contains(node.Index)) return e;
        return VictimPicker.HostOf(node, engines);
    }

    /// <summary>A seed two engines' labels both name, or null.</summary>
    public static int? TwiceLabelled(IReadOnlyList<IReadOnlyList<int>> seedLabels) =>
        seedLabels.SelectMany(l => l.Distinct()).GroupBy(s => s).Where(g => g.Count() > 1).Select(g => (int?)g.Key).FirstOrDefault();
}
