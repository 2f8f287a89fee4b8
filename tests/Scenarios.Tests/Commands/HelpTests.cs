using System.CommandLine;
using GossipSim.Scenarios.Commands;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Commands;

/// <summary>
/// Every command's --help lists the arguments that command takes and no other: the root's
/// &lt;scenario&gt; is not a subcommand's (the library's help would inherit it into each).
/// </summary>
[NonParallelizable] // swaps Console.Out
public class HelpTests
{
    /// <summary>Every command path under the root, e.g. "bench flood" (a hidden command, started by the runtime itself, shows no help).</summary>
    private static IEnumerable<TestCaseData> Paths()
    {
        static IEnumerable<string[]> Walk(Command c, string[] path)
        {
            yield return path;
            foreach (var sub in c.Subcommands.Where(s => !s.Hidden))
                foreach (var p in Walk(sub, [.. path, sub.Name])) yield return p;
        }
        return Walk(ScenariosCli.CommandTree([]), []).Select(p => new TestCaseData((object)p).SetArgDisplayNames(p.Length == 0 ? "(root)" : string.Join(' ', p)));
    }

    [TestCaseSource(nameof(Paths))]
    public void Help_ListsOnlyTheCommandsOwnArguments(string[] path)
    {
        Command command = ScenariosCli.CommandTree([]);
        foreach (string name in path) command = command.Subcommands.Single(c => c.Name == name);
        var own = command.Arguments.Where(a => !a.Hidden).ToList();

        string help = Help(path);
        var lines = help.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.That(lines, Does.Contain("Usage:"), help);
        string usage = lines[lines.IndexOf("Usage:") + 1];
        int inUsage = usage.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.StartsWith('<'));
        var rows = ArgumentRows(lines);

        Assert.Multiple(() =>
        {
            Assert.That(inUsage, Is.EqualTo(own.Count), $"arguments in the usage line: {usage}");
            Assert.That(rows, Has.Count.EqualTo(own.Count), help);
            for (int i = 0; i < Math.Min(rows.Count, own.Count); i++)
                Assert.That(rows[i], Does.EndWith(own[i].Description!.Split('\n')[0]), "each row describes the command's own argument");
        });
    }

    [Test]
    public void RootHelp_ListsTheScenarioArgument()
    {
        var rows = ArgumentRows(Help([]).Split('\n').Select(l => l.TrimEnd('\r')).ToList());
        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.That(rows[0], Does.StartWith("<scenario>"));
    }

    /// <summary>The usage line "GossipSim.Scenarios &lt;scenario&gt; [command] [options]" put a scenario before up or collect.</summary>
    [Test]
    public void RootUsage_ShowsARunAndACommandAsTwoForms()
    {
        var lines = Help([]).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var usage = lines.Skip(lines.IndexOf("Usage:") + 1).TakeWhile(l => l.Trim().Length > 0).Select(l => l.Trim()).ToList();
        Assert.That(usage, Has.None.Contains("<scenario> [command]"));
        Assert.That(usage, Has.Count.EqualTo(2));
        Assert.That(usage[0], Does.Match(@"^\S+ <scenario> \[options\]\s+run a scenario"));
        Assert.That(usage[1], Does.Match(@"^\S+ <command> \[options\]\s+.*up.*collect"));
    }

    [Test]
    public void ACommandsUsage_HasNoScenario()
    {
        var lines = Help(["up"]).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.That(lines[lines.IndexOf("Usage:") + 1].Trim(), Does.Match(@"^\S+ up \[options\]$"));
    }

    [TestCase("bench", "error: bench needs a command; its commands:")]
    [TestCase("bench frob", "error: unknown bench command 'frob'; its commands:")]
    public void AGroupCommand_WithNoneOrAnUnknownOne_ListsItsCommands(string args, string first)
    {
        var (code, _, err) = ScenariosCommand.Run(args.Split(' '));
        Assert.That(code, Is.EqualTo(Engine.Core.ExitCodes.BadInput));
        Assert.That(err.Split('\n')[0].TrimEnd('\r'), Is.EqualTo(first));
        Assert.That(err, Does.Contain("flood").And.Contain("phold").And.Not.Contain("Required command"));
    }

    private static List<string> ArgumentRows(List<string> lines)
    {
        int start = lines.IndexOf("Arguments:");
        return start < 0 ? [] : lines.Skip(start + 1).TakeWhile(l => l.Length > 0).Select(l => l.Trim()).Where(l => l.StartsWith('<')).ToList();
    }

    private static string Help(string[] path)
    {
        var (code, help, _) = ScenariosCommand.Run([.. path, "--help"]);
        Assert.That(code, Is.Zero);
        return help;
    }
}
