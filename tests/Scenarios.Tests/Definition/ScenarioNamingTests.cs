using GossipSim.Scenarios.Definition;

namespace GossipSim.Scenarios.Tests.Definition;

/// <summary>How a command that repeats a run names its scenario (repro.txt, a comparison's command line): a shipped file found
/// beside the program by its name there, which resolves from any folder; any other file by its path from the current folder.</summary>
public class ScenarioNamingTests
{
    [Test]
    public void AShippedScenarioBesideTheProgram_IsNamedAsShipped_AndResolvesBackToItself()
    {
        string shipped = Path.Combine(AppContext.BaseDirectory, "scenarios", "papers", "swim-first-detection-early.json");
        Assert.That(File.Exists(shipped), shipped);
        Assert.That(ScenarioLoader.AsNamed(shipped), Is.EqualTo("papers/swim-first-detection-early.json"));
        Assert.That(ScenarioLoader.Resolve(ScenarioLoader.AsNamed(shipped)), Is.EqualTo(ScenarioLoader.Resolve(shipped)).Or.EndsWith("papers/swim-first-detection-early.json"));
    }

    [Test]
    public void AnyOtherScenario_IsNamedByItsPathFromTheCurrentFolder()
    {
        string own = Path.Combine(Environment.CurrentDirectory, "mine", "lab.json");
        Assert.That(ScenarioLoader.AsNamed(own), Is.EqualTo(Path.Combine("mine", "lab.json")));
        string outside = Path.Combine(Path.GetTempPath(), "elsewhere.json");
        Assert.That(ScenarioLoader.AsNamed(outside), Is.EqualTo(Path.GetRelativePath(Environment.CurrentDirectory, outside)));
    }
}
