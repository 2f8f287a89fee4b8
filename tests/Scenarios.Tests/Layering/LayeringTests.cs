using System.Reflection;

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
        new("GossipSim.RealNet", ["GossipSim.Engine"], "a runtime of the protocol, nothing above it"),
        new("GossipSim.Analysis", ["GossipSim.Engine", "GossipSim.Simulator"], "reads traces; fits the simulator's latency models"),
        new("GossipSim.Bench", ["GossipSim.Engine", "GossipSim.Simulator"], "kernels on the simulator's threads"),
        new("GossipSim.DelayRelay", ["GossipSim.Engine", "GossipSim.Simulator"], "a small program: a latency model between two sockets"),
        new("GossipSim.Dashboard", ["GossipSim.Engine", "GossipSim.Simulator", "GossipSim.RealNet", "GossipSim.Analysis"],
            "the web view knows runs only through its own interface, never Scenarios"),
        new("GossipSim.Scenarios", ["GossipSim.Engine", "GossipSim.Simulator", "GossipSim.RealNet", "GossipSim.Analysis",
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
        new("GossipSim.Engine", "GossipSim.Engine.Seed", ["GossipSim.Engine.Seed"], "a role sits on top of the protocol's parts: no part, and not the peer, depends on it"),
        new("GossipSim.Engine", "GossipSim.Engine.Peer", ["GossipSim.Engine.Peer"], "a role sits on top of the protocol's parts: no part, and not the seed, depends on it"),
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

    [Test]
    public void ScenariosFolders_DependOnEachOtherWithoutCycles()
    {
        var graph = DependencyGraph.Of(Assembly.Load("GossipSim.Scenarios"), "GossipSim.Scenarios");
        var cycles = DependencyGraph.Cycles(graph);
        Assert.That(cycles.Select(c => string.Join(" <-> ", c)), Is.Empty,
            "the folders of Scenarios, as they are:\n" + DependencyGraph.Describe(graph, "GossipSim.Scenarios"));
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
