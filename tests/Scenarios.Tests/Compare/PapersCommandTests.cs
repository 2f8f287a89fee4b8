using GossipSim.Analysis.Summary;
using GossipSim.Engine.Core;
using GossipSim.Scenarios.Compare;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Compare;

/// <summary>`papers` runs the papers' scenarios and tables each expected figure beside the paper's; a miss is a FAIL with the value
/// measured, and the command's exit code says so.</summary>
public class PapersCommandTests : RunFolder
{
    [Test]
    public void OnePaper_OnTwoSeeds_IsTabledWithEachSeedsFigure_AndPasses()
    {
        int code = PapersCommand.Run("1,2", "swim-first-detection", quick: false, Dir);
        string table = File.ReadAllText(Path.Combine(Dir, "papers.md"));
        TestContext.Out.WriteLine(table);
        Assert.That(code, Is.EqualTo(0));
        var row = table.Split('\n').Single(l => l.Contains("`membership.swim.messagesPerPeriod`"));
        Assert.That(row, Does.Contain("| 1 ± 0.05 |").And.Match(@"\| 1: 1\.0\d*, 2: 1\.0\d* \| PASS \| none \|"));
        Assert.That(File.Exists(Path.Combine(Dir, "swim-first-detection", "seed2", "summary.json")), "each seed's run is kept");
    }

    [Test]
    public void AnUnknownScenario_IsRefused_NamingThePapers()
    {
        var error = new StringWriter();
        var was = Console.Error;
        Console.SetError(error);
        try { Assert.That(PapersCommand.Run(null, "swim-first-detection,no-such-paper", quick: true, Dir), Is.EqualTo(ExitCodes.BadInput)); }
        finally { Console.SetError(was); }
        Assert.That(error.ToString(), Does.Contain("no paper scenario no-such-paper").And.Contain("plumtree-stable"));
    }

    [Test]
    public void AFigureMissedOrAbsent_ReadsFailOrNotExercised_NeverPass()
    {
        var rows = new[]
        {
            new PapersCommand.Row("p", 100, "a.b", 1, 0.1, "a paper", [new(1, 1.05, CheckVerdict.Passed), new(2, 1.3, CheckVerdict.Failed)], []),
            new PapersCommand.Row("p", 100, "a.c", 2, 0.1, "a paper", [new(1, null, CheckVerdict.NotExercised)], ["seed 1: heal"]),
        };
        var lines = PapersCommand.Markdown(rows, ["q: left out"], "papers").Split('\n');
        Assert.That(lines.Single(l => l.Contains("`a.b`")), Does.Contain("| 1: 1.05, 2: 1.3 | FAIL | none |"));
        Assert.That(lines.Single(l => l.Contains("`a.c`")), Does.Contain("| 1: none | NOT EXERCISED | seed 1: heal |"));
        Assert.That(lines, Does.Contain("- q: left out"));
    }
}
