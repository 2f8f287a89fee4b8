using System.Text.RegularExpressions;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

/// <summary>docs/protocol.md cannot rot: every file it names exists, and every method or test named after a file occurs in that file.</summary>
public partial class ProtocolDocTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GossipSim.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("no GossipSim.sln above " + TestContext.CurrentContext.TestDirectory);
    }

    private static IEnumerable<string> RuleRows() =>
        File.ReadLines(Path.Combine(Root, "docs", "protocol.md")).Where(l => l.StartsWith("| ") && !l.StartsWith("| Req"));

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Quoted();

    [Test]
    public void EveryNamedFileExists_AndEveryNamedMethodOrTestOccursInIt()
    {
        var problems = new List<string>();
        int rows = 0;
        foreach (var row in RuleRows())
        {
            var cells = row.Split('|', StringSplitOptions.TrimEntries);
            // | Req | Rule | Enforced by | Proven by |: cells[0] is before the first bar.
            Assert.That(cells, Has.Length.EqualTo(6), row);
            rows++;
            foreach (var cell in new[] { cells[3], cells[4] })
            {
                string? file = null, text = null;
                var names = Quoted().Matches(cell).Select(m => m.Groups[1].Value).ToList();
                if (names.Count == 0 || !names[0].Contains('/')) problems.Add($"{cells[1]}: a cell that names no file first: {cell}");
                foreach (var name in names)
                {
                    if (name.Contains('/'))
                    {
                        file = name;
                        string path = Path.Combine(Root, name);
                        text = File.Exists(path) ? File.ReadAllText(path) : null;
                        if (text == null) problems.Add($"{cells[1]}: no file {name}");
                    }
                    else if (text != null && !Regex.IsMatch(text, $@"\b{Regex.Escape(name)}\b"))
                        problems.Add($"{cells[1]}: {name} does not occur in {file}");
                }
            }
        }
        Assert.That(rows, Is.GreaterThan(0), "docs/protocol.md has rule rows");
        Assert.That(problems, Is.Empty);
    }

    [TestCase("R1 ")] [TestCase("R2 ")] [TestCase("R3 ")] [TestCase("R4 quorum")] [TestCase("R4 registration")]
    [TestCase("R4 removal")] [TestCase("R5 ")] [TestCase("R6 ")] [TestCase("R7 registration quorum")] [TestCase("R7/R8 join phase")]
    [TestCase("R8 preferential attachment")] [TestCase("R9 gossip format")] [TestCase("R10 Message List")] [TestCase("R11 liveness")]
    [TestCase("R11 suspicion")] [TestCase("R11 dead-node line")] [TestCase("R12 ")] [TestCase("Healing")] [TestCase("Rejoin")]
    public void EveryRequirement_HasARow(string requirement) =>
        Assert.That(RuleRows().Any(r => r.StartsWith("| " + requirement)), Is.True, requirement);
}
