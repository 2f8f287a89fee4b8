using System.ComponentModel;
using System.Diagnostics;
using System.Text.RegularExpressions;
using GossipSim.Scenarios.Results;
using GossipSim.TestSupport;

namespace GossipSim.Scenarios.Tests.Results;

/// <summary>
/// The README's commands leave a checkout clean: every folder a command writes when not given
/// --out is one git ignores, and the example runs the README quotes are committed apart, in
/// examples/runs/, each re-made by examples/remake from its shipped scenario.
/// </summary>
public class ResultsFoldersTests
{
    [TestCase("crash-hub")]                 // the headline run, and any scenario's run
    [TestCase("up")]
    [TestCase("collected")]
    [TestCase("swarm")]
    [TestCase("crash-hub", "compare")]
    [TestCase("crash-hub", "protocols")]
    public void ACommandsDefaultResultsFolder_IsIgnoredByGit(params string[] names)
    {
        string root = RepositoryFiles.Path();
        foreach (var file in new[] { "summary.json", "report.html", "logs/peer-1.txt" })
        {
            string path = Path.Combine(ResultsFolders.Default(names), file);
            // check-ignore answers 0 for an ignored path; a tracked file is never ignored (1).
            var (code, output) = Git(root, "check-ignore", "-v", path);
            Assert.That(code, Is.EqualTo(0), $"{path} is not ignored by git: a run would leave `git status` dirty ({output.Trim()})");
        }
    }

    [Test]
    public void EveryExampleRun_IsCommitted_AndRemadeFromItsShippedScenario()
    {
        string root = RepositoryFiles.Path();
        string remake = File.ReadAllText(Path.Combine(root, "examples", "remake"));
        var runs = Directory.GetDirectories(Path.Combine(root, "examples", "runs")).Select(Path.GetFileName).ToList();
        Assert.That(runs, Is.SupersetOf(new[] { "crash-hub", "docker-crash-hub-100", "sim-crash-hub-1k", "sim-1m", "sim-10m" }),
            "the runs the README quotes");
        foreach (var name in runs)
        {
            bool byCommand = Regex.Matches(remake, $@"\[{Regex.Escape(name!)}\]=""").Count == 2; // in the costs and the commands
            Assert.That(byCommand || File.Exists(Path.Combine(root, "Scenarios", "scenarios", $"{name}.json")), Is.True,
                $"{name}: its scenario is shipped, or examples/remake names the command that makes it");
            Assert.That(remake, Does.Contain($"[{name}]="), $"examples/remake knows {name}");
            var (code, _) = Git(root, "ls-files", "--error-unmatch", $"examples/runs/{name}/summary.json", $"examples/runs/{name}/report.html");
            Assert.That(code, Is.EqualTo(0), $"{name}: its summary and report are committed");
        }
    }

    [Test]
    public void TheReadme_LinksOnlyExampleRunsThatExist()
    {
        string root = RepositoryFiles.Path();
        var linked = Regex.Matches(File.ReadAllText(Path.Combine(root, "README.md")), @"examples/runs/([\w.-]+)/")
            .Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.That(linked, Is.Not.Empty, "the README's table of committed runs");
        foreach (var name in linked)
            Assert.That(File.Exists(Path.Combine(root, "examples", "runs", name, "report.html")), Is.True, $"examples/runs/{name}/report.html");
    }

    /// <summary>git in the repository; the test is ignored where there is no git or no checkout (a source archive).</summary>
    private static (int Code, string Output) Git(string root, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        Process git;
        try { git = Process.Start(start)!; }
        catch (Win32Exception) { Assert.Ignore("git is not installed"); throw; }
        using (git)
        {
            var stderr = git.StandardError.ReadToEndAsync();
            string output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            string err = stderr.Result;
            if (err.Contains("not a git repository")) Assert.Ignore($"{root} is not a git checkout");
            return (git.ExitCode, output + err);
        }
    }
}
