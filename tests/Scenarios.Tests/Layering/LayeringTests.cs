using System.Reflection;
using GossipSim.Engine.Vocabulary;
using GossipSim.TestSupport;

namespace GossipSim.Scenarios.Tests.Layering;

/// <summary>
/// Who may depend on whom, checked on the compiled assemblies (docs/architecture.md draws the
/// same picture). Three kinds of rule: which project may reference which; which folders
/// (namespaces) may use a folder at all; and no folder cycles in Scenarios. Every kind is shown
/// to fire on planted offenders in this test assembly, so a rule that could never fail does not
/// pass for a check.
/// </summary>
public class LayeringTests
{
    /// <summary>Each project and the GossipSim projects it may reference, with the reason.</summary>
    public sealed record ProjectRule(string Project, string[] MayReference, string Why)
    {
        public override string ToString() => Project;
    }

    public static readonly ProjectRule[] Projects =
    [
        new("GossipSim.Engine", [], "the protocol: BCL only, so it runs the same on every runtime"),
        new("GossipSim.Simulator", ["GossipSim.Engine"], "a runtime of the protocol, nothing above it"),
        new("GossipSim.Protocols", ["GossipSim.Engine"],
            "protocols written as a user writes one: through the engine's public API alone (no runtime, no internals)"),
        new("GossipSim.RealNet", ["GossipSim.Engine", "GossipSim.Protocols"],
            "a runtime of the protocol, nothing above it; its node registers the sample protocols so it runs what the runner names"),
        new("GossipSim.Analysis", ["GossipSim.Engine", "GossipSim.Simulator"], "reads traces; fits the simulator's latency models"),
        new("GossipSim.Bench", ["GossipSim.Engine", "GossipSim.Simulator"], "kernels on the simulator's threads"),
        new("GossipSim.DelayRelay", ["GossipSim.Engine", "GossipSim.Simulator"], "a small program: a latency model between two sockets"),
        new("GossipSim.Dashboard", ["GossipSim.Engine", "GossipSim.Simulator", "GossipSim.RealNet", "GossipSim.Analysis"],
            "the web view knows runs only through its own interface, never Scenarios"),
        new("GossipSim.Scenarios", ["GossipSim.Engine", "GossipSim.Protocols", "GossipSim.Simulator", "GossipSim.RealNet", "GossipSim.Analysis",
            "GossipSim.Bench", "GossipSim.DelayRelay", "GossipSim.Dashboard"], "the executable on top: it may use every project"),
    ];

    /// <summary>
    /// A folder that, within one project (<paramref name="Within"/>), only the listed folders may
    /// use. A pattern names a namespace and everything under it; "=X" names X alone.
    /// </summary>
    public sealed record FolderRule(string Within, string Folder, string[] UsedOnlyBy, string Why)
    {
        public override string ToString() => Folder;
    }

    public static readonly FolderRule[] Folders =
    [
        new("GossipSim.Scenarios", "GossipSim.Scenarios.Runtimes.Sim", ["GossipSim.Scenarios.Runtimes"], "a runtime is a driver: only the driver catalog and drivers name its types"),
        new("GossipSim.Scenarios", "GossipSim.Scenarios.Runtimes.Processes", ["GossipSim.Scenarios.Runtimes"], "a runtime is a driver: only the driver catalog and drivers name its types"),
        new("GossipSim.Scenarios", "GossipSim.Scenarios.Runtimes.Netns", ["GossipSim.Scenarios.Runtimes"], "a runtime is a driver: only the driver catalog and drivers name its types"),
        new("GossipSim.Scenarios", "GossipSim.Scenarios.Runtimes.Docker", ["GossipSim.Scenarios.Runtimes"], "a runtime is a driver: only the driver catalog and drivers name its types"),
        new("GossipSim.Scenarios", "GossipSim.Scenarios.Commands", ["GossipSim.Scenarios.Commands", "=GossipSim.Scenarios"], "commands are the top: only Program starts them"),
    ];

    /// <summary>A folder that may use only the listed namespaces of GossipSim (its own included).</summary>
    public sealed record BaseRule(string Folder, string[] MayUse, string Why)
    {
        public override string ToString() => Folder;
    }

    public static readonly BaseRule[] Bases =
    [
        new("GossipSim.Scenarios.Definition", ["GossipSim.Scenarios.Definition", "GossipSim.Engine", "GossipSim.Simulator"],
            "the scenario model is the bottom of Scenarios: no run path, runtime, result or analysis in it"),
    ];

    /// <summary>
    /// A project's folders in layers, bottom first: a folder may use only folders of the layers
    /// below its own (not its own layer's), so layers only point down and no circle can form.
    /// Each layer is its folders' names, space-separated, relative to the project ("(root)" is
    /// the project's own namespace). A folder that is in no layer is a violation too, so a new
    /// folder is placed on purpose.
    /// </summary>
    public sealed record LayerRule(string Project, string[] Layers, string Why)
    {
        public override string ToString() => Project;
    }

    public static readonly LayerRule[] Layers =
    [
        new("GossipSim.Engine", ["Vocabulary", "Bytes Collections", "Messages", "Trace", "Core", "Config", "Trust", "Roles",
                "Gossip HyParView Liveness Membership Plumtree SeedPa Swim", "Wire", "Peer Seed"],
            "the shared words (addresses, keys, ids, membership operations, proofs) at the bottom, with the big-endian reader and "
            + "writer a role's messages use; messages above them, then the trace and the seams a node runs on (a transport carries "
            + "messages, so messages sit below it); then the tunables, trust, the public contracts of a peer's roles, the protocol's "
            + "parts (the built-in roles among them), the codec of every part's messages, and the two node kinds on top"),
        new("GossipSim.RealNet", ["Endpoints Host Storage Wire", "Security", "Transport", "Metrics", "Nodes", "Cli"],
            "frames and files at the bottom, the node assembly above the transport, the command line on top"),
        new("GossipSim.Analysis", ["PowerLaw Summary Trace", "Wan", "Stats", "Checks Fitting Plots", "Report", "Cli"],
            "the trace, the power-law fit and summary.json's figures at the bottom, the figures of a run on the measured Internet on"
            + " them, statistics above them, the checks, latency fits and"
            + " plots each on those alone, the report above them, the command line on top"),
        new("GossipSim.Simulator", ["(root) Events Latency", "World", "Partitions Threads", "Ranks", "Network"],
            "events, latency and the world the partitions run over at the bottom, the partitions and ranks above it, the network on top"),
        new("GossipSim.Protocols", ["PhiAccrual Rumour Uniform", "(root)"], "each protocol in its own folder, the menu entries that name them on top"),
        new("GossipSim.Bench", ["Cores Exchange Flood Phold"], "four kernels that know nothing of each other"),
        new("GossipSim.DelayRelay", ["(root)"], "one small program"),
        new("GossipSim.Dashboard", ["Model Runs", "Events Frames", "(root)"],
            "the view's model and its run interface at the bottom, the server on top"),
        new("GossipSim.Scenarios", ["Bench Definition Host Run.Narration", "Run.Faults", "Run.Control", "Run", "Places Results",
                "Runtimes.Processes Runtimes.Sim", "Runtimes.Netns", "Runtimes.Docker", "Runtimes",
                "Compare Dashboard Soak Swarm", "Commands", "(root)"],
            "the scenario model and which program this is (a host or the repository's) at the bottom, the run path above it, where a run's "
                + "nodes are and its results above that (what the drivers and the dashboard share), the drivers above that, the commands on top"),
    ];

    private static readonly string[] Assemblies = Projects.Select(p => p.Project).ToArray();

    [TestCaseSource(nameof(Projects))]
    public void EachProject_ReferencesOnlyTheProjectsBelowIt(ProjectRule rule)
    {
        var references = DependencyGraph.ProjectReferences(Assembly.Load(rule.Project));
        Assert.That(ProjectViolations(rule, references), Is.Empty, rule.Why);
    }

    [TestCaseSource(nameof(Folders))]
    public void EachGuardedFolder_IsUsedOnlyByTheFoldersAllowedIt(FolderRule rule)
    {
        var found = FolderViolations(rule, DependencyGraph.Of(Assembly.Load(rule.Within), rule.Within));
        Assert.That(found, Is.Empty, rule.Why);
    }

    [TestCaseSource(nameof(Bases))]
    public void EachBaseFolder_UsesOnlyWhatIsBelowIt(BaseRule rule)
    {
        string project = Assemblies.Single(a => rule.Folder.StartsWith(a + ".", StringComparison.Ordinal));
        var found = BaseViolations(rule, DependencyGraph.Of(Assembly.Load(project), project, "GossipSim"));
        Assert.That(found, Is.Empty, rule.Why);
    }

    [TestCaseSource(nameof(Layers))]
    public void EachProjectsFolders_PointOnlyDown(LayerRule rule)
    {
        var graph = DependencyGraph.Of(Assembly.Load(rule.Project), rule.Project);
        Assert.That(LayerViolations(rule, graph), Is.Empty,
            rule.Why + "\nthe folders as they are:\n" + DependencyGraph.Describe(graph, rule.Project));
    }

    /// <summary>docs/architecture.md draws each project's layers as this test holds them, in one line a project.</summary>
    [TestCaseSource(nameof(Layers))]
    public void TheArchitectureDoc_DrawsTheLayersAsTheyAreHeld(LayerRule rule)
    {
        string doc = File.ReadAllText(RepositoryFiles.Path("docs", "architecture.md"));
        Assert.That(doc, Does.Contain(LayerLine(rule)), "docs/architecture.md, \"Layers\": the line for " + rule.Project);
    }

    /// <summary>A project's layers as docs/architecture.md writes them: "- `Engine`: `Vocabulary` → ... → `Peer`, `Seed`".</summary>
    public static string LayerLine(LayerRule rule) =>
        $"- `{rule.Project["GossipSim.".Length..]}`: " + string.Join(" → ", rule.Layers.Select(layer =>
            string.Join(", ", layer.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => $"`{f}`"))));

    [TestCaseSource(nameof(Layers))]
    public void TheLayerRule_Fires_OnAPlantedUpwardUse(LayerRule rule)
    {
        // The project's real graph, and one use planted from its bottom folder to its top one
        // (in a project of one folder, to a folder placed in no layer).
        var graph = DependencyGraph.Of(Assembly.Load(rule.Project), rule.Project);
        string bottom = Full(rule.Project, rule.Layers[0].Split(' ')[0]);
        string top = Full(rule.Project, rule.Layers[^1].Split(' ')[^1]);
        if (top == bottom) top = rule.Project + ".Planted";
        if (!graph.TryGetValue(bottom, out var uses)) graph[bottom] = uses = new SortedSet<string>(StringComparer.Ordinal);
        uses.Add(top);
        Assert.That(LayerViolations(rule, graph), Has.Some.StartsWith($"{bottom} uses {top},"));
    }

    // ---- the rules, as pure functions of a graph ----

    public static List<string> ProjectViolations(ProjectRule rule, IEnumerable<string> references) =>
        references.Where(r => r != rule.Project && !rule.MayReference.Contains(r))
            .Select(r => $"{rule.Project} references {r}").ToList();

    public static List<string> FolderViolations(FolderRule rule, Dictionary<string, SortedSet<string>> graph) =>
        graph.Where(e => Matches(e.Key, rule.Within)).SelectMany(e => e.Value.Where(to => Matches(to, rule.Folder))
                .Where(_ => !rule.UsedOnlyBy.Any(p => Matches(e.Key, p)))
                .Select(to => $"{e.Key} uses {to}"))
            .ToList();

    public static List<string> BaseViolations(BaseRule rule, Dictionary<string, SortedSet<string>> graph) =>
        graph.Where(e => Matches(e.Key, rule.Folder))
            .SelectMany(e => e.Value.Where(to => !rule.MayUse.Any(p => Matches(to, p))).Select(to => $"{e.Key} uses {to}"))
            .ToList();

    public static List<string> LayerViolations(LayerRule rule, Dictionary<string, SortedSet<string>> graph)
    {
        var layerOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < rule.Layers.Length; i++)
            foreach (var folder in rule.Layers[i].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                layerOf[Full(rule.Project, folder)] = i;
        // A folder's sub-folders sit in its layer unless named themselves.
        int? LayerOf(string ns)
        {
            // The project's own namespace holds only what is in it, not its folders.
            for (string n = ns; n.Length > rule.Project.Length; n = n[..n.LastIndexOf('.')])
                if (layerOf.TryGetValue(n, out int i)) return i;
            return ns == rule.Project && layerOf.TryGetValue(ns, out int root) ? root : null;
        }
        var found = new List<string>();
        foreach (var (from, uses) in graph.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            int? mine = LayerOf(from);
            if (mine == null) { found.Add($"{from} is in no layer"); continue; }
            foreach (var to in uses)
            {
                int? theirs = LayerOf(to);
                if (theirs == null) found.Add($"{from} uses {to}, which is in no layer");
                else if (theirs > mine) found.Add($"{from} uses {to}, a layer above it");
                else if (theirs == mine && !to.StartsWith(from + ".", StringComparison.Ordinal) && !from.StartsWith(to + ".", StringComparison.Ordinal))
                    found.Add($"{from} uses {to}, in its own layer");
            }
        }
        return found;
    }

    private static string Full(string project, string folder) => folder == "(root)" ? project : project + "." + folder;

    private static bool Matches(string ns, string pattern) =>
        pattern.StartsWith('=') ? ns == pattern[1..] : ns == pattern || ns.StartsWith(pattern + ".", StringComparison.Ordinal);

    // ---- each kind of rule fires on a planted offender ----

    private const string Planted = "GossipSim.Scenarios.Tests.Layering.Planted";

    private static Dictionary<string, SortedSet<string>> PlantedGraph() =>
        DependencyGraph.Of(typeof(LayeringTests).Assembly, Planted);

    [Test]
    public void TheProjectRule_Fires_OnAProjectThatReferencesOneAboveIt()
    {
        // This test assembly references Scenarios; held to Engine's rule it must be flagged.
        var asEngine = Projects.Single(p => p.Project == "GossipSim.Engine") with { Project = "Scenarios.Tests" };
        var found = ProjectViolations(asEngine, DependencyGraph.ProjectReferences(typeof(LayeringTests).Assembly));
        Assert.That(found, Does.Contain("Scenarios.Tests references GossipSim.Scenarios"));
    }

    [Test]
    public void TheFolderRule_Fires_OnACommandThatNamesARuntimesType()
    {
        var rule = new FolderRule(Planted, $"{Planted}.Runtimes.Sim", [$"{Planted}.Runtimes"], "planted");
        Assert.That(FolderViolations(rule, PlantedGraph()),
            Is.EqualTo(new[] { $"{Planted}.Commands uses {Planted}.Runtimes.Sim" }));
    }

    [Test]
    public void TheBaseRule_Fires_OnAModelThatUsesTheRunPath()
    {
        var rule = new BaseRule($"{Planted}.Definition", [$"{Planted}.Definition"], "planted");
        Assert.That(BaseViolations(rule, PlantedGraph()), Is.EqualTo(new[] { $"{Planted}.Definition uses {Planted}.Run" }));
    }

    [Test]
    public void TheCycleRule_Fires_OnTwoFoldersThatUseEachOther()
    {
        var cycles = DependencyGraph.Cycles(PlantedGraph());
        Assert.That(cycles, Has.Count.EqualTo(1));
        Assert.That(cycles[0], Is.EqualTo(new[] { $"{Planted}.Definition", $"{Planted}.Run" }));
    }

    [Test]
    public void TheGraph_SeesUsesInsideMethodBodies_NotOnlyInSignatures()
    {
        var graph = PlantedGraph();
        Assert.That(graph[$"{Planted}.Commands"], Does.Contain($"{Planted}.Runtimes.Sim"), "a `new` in a method body");
        Assert.That(graph[$"{Planted}.Run"], Does.Contain($"{Planted}.Definition"), "a static call in a method body");
    }
}
