using System.Diagnostics;
using GossipSim.TestSupport;

namespace GossipSim.Scenarios.Tests.Suite;

/// <summary>
/// The native node placed beside the tests (<see cref="NativeNodeBeside"/>) while other test processes run it: CI runs this
/// project in three processes at once, and each places the node as it starts.
/// </summary>
public class NativeNodeBesideTests
{
    private string _dir = "";

    [SetUp]
    public void MakeFolder()
    {
        _dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "native-beside", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_dir, "built"));
    }

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_dir, recursive: true);

    private string Built => Path.Combine(_dir, "built");
    private string Target => Path.Combine(_dir, "beside");

    private void Build(string program, DateTime at)
    {
        string node = Path.Combine(Built, "GossipSim.RealNet");
        File.Copy(program, node, overwrite: true);
        File.SetLastWriteTimeUtc(node, at);
    }

    [Test]
    public void ANewerBuild_IsPlaced_WhileTheOlderCopyRuns_WhichKeepsRunning()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("the executable's text lock (ETXTBSY) is Linux's");
        // A multi-call binary's link (busybox) run under another name would not sleep: nothing would run the placed copy.
        if (new FileInfo("/bin/sleep").LinkTarget != null) Assert.Ignore("/bin/sleep is a link here (busybox?): no program to run as the node");
        Build("/bin/sleep", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        NativeNodeBeside.CopyFolder(Built, Target);
        string placed = Path.Combine(Target, "GossipSim.RealNet");
        using var running = Process.Start(placed, "60")!;
        try
        {
            Build("/bin/true", new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc));
            // Written over in place, this failed: "the process cannot access the file ... being used by another process".
            NativeNodeBeside.CopyFolder(Built, Target);
            Assert.That(File.ReadAllBytes(placed), Is.EqualTo(File.ReadAllBytes("/bin/true")), "the newer build is placed");
            Assert.That(running.HasExited, Is.False, "the run of the older copy goes on");
            Assert.That(Directory.GetFiles(Target), Has.Length.EqualTo(1), "no part of a copy is left");
        }
        finally
        {
            running.Kill();
            running.WaitForExit();
        }
    }

    [Test]
    public void ProcessesPlacingAtOnce_AllSucceed_AndLeaveOneWholeCopy()
    {
        Build("/bin/sleep", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        File.WriteAllBytes(Path.Combine(Built, "GossipSim.RealNet.dbg"), new byte[3 << 20]);
        Parallel.For(0, 6, _ => NativeNodeBeside.CopyFolder(Built, Target));
        foreach (string file in Directory.GetFiles(Built))
            Assert.That(File.ReadAllBytes(Path.Combine(Target, Path.GetFileName(file))), Is.EqualTo(File.ReadAllBytes(file)), file);
        Assert.That(Directory.GetFiles(Target), Has.Length.EqualTo(2), "no part of a copy is left");
    }
}
