using System.Diagnostics;
using System.Reflection.PortableExecutable;
using GossipSim.TestSupport;

namespace GossipSim.Analysis.Tests.Cli;

/// <summary>
/// `dotnet publish Analysis -c Release -o DIR` makes the tool compiled ahead of time (ReadyToRun, Analysis.csproj), which starts
/// without most of the JIT's work: the published program carries native code, and fits what the build fits, to the last digit of
/// every line it prints, bootstrap p included.
/// </summary>
public class PublishedToolTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), $"published-analysis-{Guid.NewGuid():N}"));

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Dotnet(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', args)} did not end within 5 minutes");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Test]
    public void ThePublishedTool_IsCompiledAheadOfTime_AndFitsAsTheBuildDoes()
    {
        string project = RepositoryFiles.Path("Analysis", "Analysis.csproj");
        string degrees = RepositoryFiles.Path("tests", "fixtures", "fits", "sim-100k", "degrees.txt");
        string published = Path.Combine(_dir, "tool");
        var publish = Dotnet("publish", project, "-c", "Release", "-o", published);
        Assert.That(publish.Code, Is.EqualTo(0), $"dotnet publish Analysis failed:\n{publish.Out}\n{publish.Err}");

        using (var pe = new PEReader(File.OpenRead(Path.Combine(published, "GossipSim.Analysis.dll"))))
            Assert.That(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size, Is.GreaterThan(0),
                "the published tool carries ReadyToRun code (a ManagedNativeHeader)");

        // The build this test runs beside: the tool as `dotnet run --project Analysis` runs it, plain IL.
        string built = Path.Combine(AppContext.BaseDirectory, "GossipSim.Analysis.dll");
        string[] fit = ["fit", degrees, "--bootstrap", "200", "--seed", "7"];
        var ahead = Dotnet([Path.Combine(published, "GossipSim.Analysis.dll"), .. fit]);
        var jit = Dotnet([built, .. fit]);
        Assert.That(ahead.Code, Is.EqualTo(0), ahead.Err);
        Assert.That(jit.Code, Is.EqualTo(0), jit.Err);
        Assert.That(ahead.Out, Does.Contain("p (bootstrap)"), "the fit ran its bootstrap");
        Assert.That(ahead.Out, Is.EqualTo(jit.Out), "the same fit, line by line");
    }
}
