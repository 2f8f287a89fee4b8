using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using GossipSim.TestSupport;

namespace GossipSim.Scenarios.Tests.Host;

/// <summary>
/// A user's protocol in the user's own project, as docs/extending.md tells it: the repository's packages packed into a fresh
/// folder, the template installed into a template store of the test's own (the machine's list of templates is not touched),
/// MyLab made from it outside the repository, and crash-hub run by MyLab with the template's push-k broadcast on the
/// simulator and on real node processes (MyLab itself in node mode). Every check of both runs must pass.
/// </summary>
[NonParallelizable]
public class TemplateTests
{
    // The packages restore into a folder of this test's own, kept between runs for their dependencies; GossipSim's own are
    // removed from it before each restore (another build's under the same version would be taken as they are).
    private static readonly string PackageCache = Path.Combine(Path.GetTempPath(), "gossipsim-template-nuget");

    private static string Root => RepositoryFiles.Path();

    [Test]
    public void TheTemplatesProject_ReferencesThePackagesVersion()
    {
        string version = Regex.Match(File.ReadAllText(Path.Combine(Root, "Packaging.props")), "<Version>([^<]+)</Version>").Groups[1].Value;
        string project = File.ReadAllText(Path.Combine(Root, "templates", "gossipsim-protocol", "MyLab.csproj"));
        Assert.That(version, Is.Not.Empty);
        Assert.That(project, Does.Contain($"<PackageReference Include=\"GossipSim.Scenarios\" Version=\"{version}\" />"),
            "the template's MyLab.csproj references GossipSim.Scenarios at Packaging.props' <Version>: change both together");
    }

    [Test, CancelAfter(20 * 60_000)]
    public void MyLab_MadeFromTheTemplate_PassesEveryCheck_OnTheSimulatorAndOnItsOwnNodes()
    {
        MachineParts.Require(MachinePart.DotnetNew, Dotnet(["new", "--help"], Root, TimeSpan.FromMinutes(1)).Code != 0
            ? "dotnet new does not run" : null);
        // The build this test runs from: its packages are packed from that build's output, without building again.
        string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        string work = Path.Combine(Path.GetTempPath(), $"gossipsim-template-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        string feed = Path.Combine(work, "feed"), hive = Path.Combine(work, "hive"), lab = Path.Combine(work, "MyLab");
        Directory.CreateDirectory(work);
        try
        {
            // The template's project has no code: restored here when the solution was not built as a whole.
            Must(Dotnet(["restore", Path.Combine(Root, "templates", "GossipSim.Templates.csproj")], Root, TimeSpan.FromMinutes(3)),
                "dotnet restore templates");
            Must(Dotnet(["pack", Path.Combine(Root, "GossipSim.sln"), "-c", configuration, "--no-build", $"-p:PackageOutputPath={feed}/"],
                Root, TimeSpan.FromMinutes(8)), "dotnet pack");
            string template = Directory.GetFiles(feed, "GossipSim.Templates.*.nupkg").Single();
            Must(Dotnet(["new", "install", template, "--debug:custom-hive", hive], work, TimeSpan.FromMinutes(2)), "dotnet new install");
            Must(Dotnet(["new", "gossipsim-protocol", "-n", "MyLab", "-o", lab, "--feed", feed, "--debug:custom-hive", hive], work,
                TimeSpan.FromMinutes(2)), "dotnet new gossipsim-protocol");
            if (Directory.Exists(PackageCache))
                foreach (var own in Directory.GetDirectories(PackageCache, "gossipsim.*")) Directory.Delete(own, recursive: true);
            Must(Dotnet(["build", lab, "-c", "Release"], work, TimeSpan.FromMinutes(8)), "dotnet build MyLab");
            string myLab = Path.Combine(lab, "bin", "Release", "net10.0", "MyLab.dll");
            foreach (string runtime in new[] { "sim", "real" })
            {
                var run = Dotnet([myLab, "crash-hub.json", "--runtime", runtime, "--broadcast", "push-k", "--quiet", "--out", runtime],
                    work, TimeSpan.FromMinutes(5));
                TestContext.Out.WriteLine($"== MyLab crash-hub.json --runtime {runtime} --broadcast push-k: exit {run.Code}");
                TestContext.Out.WriteLine(string.Join('\n', run.Output.Split('\n').Where(l => l.StartsWith("check", StringComparison.Ordinal)
                    || l.StartsWith("running", StringComparison.Ordinal) || l.StartsWith("gossip:", StringComparison.Ordinal))));
                Must(run, $"MyLab on {runtime}");
                if (runtime == "real") Assert.That(run.Output, Does.Contain("(host nodes: dotnet MyLab.dll node)"), "the nodes are MyLab");
                var verdicts = Verdicts(Path.Combine(work, runtime, "summary.json"));
                Assert.That(verdicts, Has.Count.GreaterThanOrEqualTo(8), $"{runtime}: the run's checks");
                Assert.That(verdicts.Where(v => v.Verdict != "passed").Select(v => $"{v.Name}: {v.Verdict}"), Is.Empty, $"{runtime}: every check passes");
                Assert.That(File.ReadAllText(Path.Combine(work, runtime, "repro.txt")),
                    Does.Contain("dotnet run --project MyLab -c Release -- crash-hub.json --seed 42").And.Contain("--broadcast push-k"),
                    "the repro command is MyLab's, with the scenario named as MyLab finds it");
            }
            // The docker runtime runs the repository's node image, which lacks MyLab's broadcast: refused before any container.
            var docker = Dotnet([myLab, "crash-hub.json", "--runtime", "docker", "--broadcast", "push-k", "--out", "docker"], work,
                TimeSpan.FromMinutes(2));
            TestContext.Out.WriteLine($"== MyLab crash-hub.json --runtime docker --broadcast push-k: exit {docker.Code}\n{docker.Output.Trim()}");
            Assert.That(docker.Code, Is.Not.Zero);
            Assert.That(docker.Output, Does.Contain("does not have MyLab's broadcast \"push-k\": a host's own protocol cannot run on docker yet"));
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private sealed record Result(int Code, string Output);

    private static List<(string Name, string Verdict)> Verdicts(string summary)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(summary));
        return doc.RootElement.GetProperty("checks").EnumerateArray()
            .Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("verdict").GetString()!)).ToList();
    }

    private static void Must(Result r, string what)
    {
        if (r.Code != 0)
            Assert.Fail($"{what} failed (exit {r.Code}): {string.Join('\n', r.Output.Split('\n').TakeLast(30))}");
    }

    private static Result Dotnet(string[] args, string dir, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        // No build server or MSBuild node outlives the test.
        if (args[0] is "restore" or "pack" or "build") psi.ArgumentList.Add("--disable-build-servers");
        psi.Environment["NUGET_PACKAGES"] = PackageCache;
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // The test host's own MSBuild settings would steer the child builds.
        foreach (var v in new[] { "MSBuildSDKsPath", "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "DOTNET_HOST_PATH" }) psi.Environment.Remove(v);
        using var p = Process.Start(psi)!;
        var output = new System.Text.StringBuilder();
        p.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            return new Result(-1, $"timed out after {timeout.TotalMinutes} min: {output}");
        }
        p.WaitForExit();
        lock (output) return new Result(p.ExitCode, output.ToString());
    }
}
