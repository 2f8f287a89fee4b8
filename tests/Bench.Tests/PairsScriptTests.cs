using System.Diagnostics;
using GossipSim.TestSupport;

namespace GossipSim.Bench.Tests;

/// <summary>
/// Bench/pairs.sh, which takes every side-by-side figure in docs/performance.md: it runs the two commands in turn, warm-ups
/// first, reports each pair and the failures of either, and refuses unusable arguments in one line. Commands that write their
/// letter to a file show the order; nothing here depends on how long a run takes.
/// </summary>
[NonParallelizable]
public class PairsScriptTests
{
    private string _dir = "";

    [SetUp]
    public void MakeFolder()
    {
        MachineParts.Require(MachinePart.GnuTime, File.Exists("/usr/bin/time") ? null : "no /usr/bin/time");
        _dir = Directory.CreateTempSubdirectory("gossipsim-pairs-").FullName;
    }

    [TearDown]
    public void RemoveFolder()
    {
        if (_dir.Length > 0) Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public void TheCommandsRunInTurn_WarmUpsFirst_AndEachPairIsReported()
    {
        var (code, output, _) = Pairs("-n", "3", "--warmup", "1", "--", Letter("A"), Letter("B"));
        Assert.That(code, Is.Zero, output);
        Assert.That(Order(), Is.EqualTo("ABABABAB"), "one warm-up of each, then three pairs, A first");
        Assert.That(output, Does.Contain("3 pairs after 1 warm-up run(s) of each, A first in every pair"));
        string[] rows = Rows(output);
        Assert.That(rows.Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]), Is.EqualTo(new[] { "1", "2", "3" }));
        Assert.That(rows.Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length), Has.All.EqualTo(9),
            "pair, wall, cpu and peak of each, and two ratios; no failure noted");
        foreach (string figure in new[] { "A wall s", "B wall s", "A cpu s", "B cpu s", "A peak MiB", "B peak MiB", "A/B wall", "A/B peak" })
            Assert.That(output, Does.Match($@"(?m)^{System.Text.RegularExpressions.Regex.Escape(figure)}\s+min [0-9.]+  median [0-9.]+  max [0-9.]+$"), figure);
        Assert.That(output, Does.Not.Contain("failed runs"));
    }

    [Test]
    public void BFirst_PutsBFirstInEveryPair()
    {
        var (code, output, _) = Pairs("-n", "2", "--warmup", "0", "--b-first", "--", Letter("A"), Letter("B"));
        Assert.That(code, Is.Zero, output);
        Assert.That(Order(), Is.EqualTo("BABA"));
        Assert.That(output, Does.Contain("B first in every pair"));
    }

    [Test]
    public void AFailingCommand_IsTimedAndSaid_NotFatal()
    {
        var (code, output, _) = Pairs("-n", "2", "--warmup", "0", "--", Letter("A"), Letter("B") + "; exit 3");
        Assert.That(code, Is.Zero, output);
        Assert.That(Order(), Is.EqualTo("ABAB"));
        Assert.That(Rows(output), Has.All.EndsWith("exit A 0, B 3"));
        Assert.That(output, Does.Contain("failed runs: A 0, B 2 of 2 each"));
    }

    [Test]
    public void TheLog_KeepsWhatTheCommandsPrinted()
    {
        string log = Path.Combine(_dir, "log.txt");
        var (code, output, _) = Pairs("-n", "1", "--warmup", "0", "--log", log, "--", "printf 'from%s\\n' -a", "printf 'from%s\\n' -b >&2");
        Assert.That(code, Is.Zero, output);
        Assert.That(File.ReadAllLines(log), Is.EqualTo(new[] { "from-a", "from-b" }));
        Assert.That(output, Does.Not.Contain("from-a"), "a command's output is not the report's");
    }

    [TestCase(new[] { "-n", "0", "--", "true", "true" }, "-n: expected a number of pairs from 1 to 100, got '0'")]
    [TestCase(new[] { "-n", "x", "--", "true", "true" }, "-n: expected a number of pairs from 1 to 100, got 'x'")]
    [TestCase(new[] { "--warmup", "11", "--", "true", "true" }, "--warmup: expected 0 to 10 runs, got '11'")]
    [TestCase(new[] { "--", "true" }, "expected two commands after --, each one quoted string; got 1")]
    [TestCase(new[] { "--", "true", "true", "true" }, "expected two commands after --, each one quoted string; got 3")]
    [TestCase(new[] { "--pairs", "3", "--", "true", "true" }, "unknown option '--pairs' (the two commands come after --)")]
    public void UnusableArguments_AreRefusedInOneLine_BeforeAnythingRuns(string[] args, string expected)
    {
        var (code, output, error) = Pairs(args);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd(), Is.EqualTo($"pairs.sh: {expected}"));
    }

    private string Letter(string letter) => $"printf {letter} >> '{Path.Combine(_dir, "order")}'";

    private string Order() => File.ReadAllText(Path.Combine(_dir, "order"));

    /// <summary>The report's pair rows: those that start with a pair number.</summary>
    private static string[] Rows(string output) =>
        output.Split('\n').Where(l => l.Length > 0 && char.IsDigit(l[0]) && !l.Contains(" pairs after ")).ToArray();

    private static (int Code, string Output, string Error) Pairs(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepositoryFiles.Path("Bench", "pairs.sh"));
        foreach (string a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("pairs.sh did not end within 2 minutes");
        }
        return (process.ExitCode, output, error.Result);
    }
}
