using System.Diagnostics;
using GossipSim.TestSupport;

namespace GossipSim.Scenarios.Tests.Suite;

/// <summary>No build output and no large file is committed (<see cref="TrackedFileRule"/>): checked on the files git tracks.</summary>
public class RepositoryHygieneTests
{
    [TestCase("README.md", 10_000, true, TestName = "A small file at the top may be committed")]
    [TestCase("Scenarios/bin/Release/net10.0/GossipSim.Scenarios.dll", 100, false, TestName = "A file under bin/ may not")]
    [TestCase("tests/Engine.Tests/obj/project.assets.json", 100, false, TestName = "A file under obj/ may not")]
    [TestCase("Scenarios/tmp/H2/node-native/GossipSim.RealNet", 9_306_904, false, TestName = "A file under tmp/ may not")]
    [TestCase("docs/tmp.md", 100, true, TestName = "A file named like a build folder may be committed")]
    [TestCase("results/crash-hub/outputfile.txt", 3_164_840, true, TestName = "A file of 3 MiB may be committed")]
    [TestCase("results/big/outputfile.txt", 5 * 1024 * 1024 + 1, false, TestName = "A file over 5 MiB may not")]
    [TestCase("examples/runs/big/outputfile.txt", 50L * 1024 * 1024, true, TestName = "A file over 5 MiB may be an example run")]
    [TestCase("docs/examples/runs/big.txt", 50L * 1024 * 1024, false, TestName = "Only the top examples/runs/ holds large files")]
    public void MayBeCommitted(string path, long bytes, bool allowed) =>
        Assert.That(TrackedFileRule.Offence(path, bytes), allowed ? Is.Null : Is.Not.Null.And.StartWith(path + ": "));

    [Test]
    public void NoTrackedFile_IsBuildOutput_OrOver5MiBOutsideTheExampleRuns()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root != null && !File.Exists(Path.Combine(root.FullName, "GossipSim.sln"))) root = root.Parent;
        MachineParts.Require(MachinePart.GitCheckout, root == null ? $"{AppContext.BaseDirectory} is not inside the repository" : null);
        var (code, top, error) = Git(root!.FullName, "rev-parse", "--show-toplevel");
        MachineParts.Require(MachinePart.GitCheckout, code != 0 ? $"{root.FullName} is not a git checkout: {error.Trim()}"
            : Path.GetFullPath(top.Trim()) != root.FullName ? $"{root.FullName} lies inside another checkout, {top.Trim()}" : null);
        var (listed, listing, failure) = Git(root.FullName, "ls-files", "-z");
        Assert.That(listed, Is.EqualTo(0), $"git ls-files failed: {failure}");

        var offences = listing.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(path => (path, file: new FileInfo(Path.Combine(root.FullName, path))))
            .Select(f => TrackedFileRule.Offence(f.path, f.file.Exists ? f.file.Length : 0))
            .OfType<string>()
            .ToList();
        Assert.That(offences, Is.Empty, "tracked files that may not be committed (git rm --cached them, and ignore their folder):\n"
            + string.Join("\n", offences));
    }

    private static (int Code, string Stdout, string Stderr) Git(string dir, params string[] args)
    {
        var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-C");
        info.ArgumentList.Add(dir);
        foreach (var a in args) info.ArgumentList.Add(a);
        try
        {
            using var git = Process.Start(info)!;
            var stderr = git.StandardError.ReadToEndAsync();
            string stdout = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            return (git.ExitCode, stdout, stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (127, "", $"git could not be started: {ex.Message}");
        }
    }
}
