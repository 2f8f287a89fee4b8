using GossipSim.Scenarios.Soak;

namespace GossipSim.Scenarios.Tests.Soak;

public class ProcResourcesTests
{
    [TestCase("Name:\tnode\nVmRSS:\t   45236 kB\nThreads:\t17\n", 45236L, 17)]
    [TestCase("Threads:\t3\nVmHWM:\t 9 kB\nVmRSS:\t1 kB\n", 1L, 3)]
    [TestCase("Name:\tzombie\nState:\tZ (zombie)\nThreads:\t1\n", null, 1)]
    [TestCase("", null, null)]
    public void ParseStatus_ReadsVmRssAndThreads(string status, long? rss, int? threads)
    {
        Assert.That(ProcResources.ParseStatus(status), Is.EqualTo((rss, threads)));
    }

    // rss KiB, descriptors, threads -> a node at work
    [TestCase(45_236L, 14, 17, true)]
    [TestCase(2_400L, 3, 1, false)]    // just exec'd: its three standard streams, one thread
    [TestCase(45_236L, 14, 1, false)]  // its threads gone: ending after a crash
    [TestCase(45_236L, 3, 17, false)]  // its files and sockets closed
    [TestCase(800L, 14, 17, false)]
    public void IsRunning_OnlyForANodeAtWork(long rss, int descriptors, int threads, bool running) =>
        Assert.That(new ProcessResources(rss, descriptors, threads).IsRunning, Is.EqualTo(running));

    [Test]
    public void Read_OfThisProcess_SeesItsMemoryDescriptorsAndThreads()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("/proc is Linux's");
        var r = ProcResources.Read(Environment.ProcessId);
        Assert.That(r, Is.Not.Null);
        Assert.That(r!.Value.RssKiB, Is.GreaterThan(10_000), "a .NET test host holds more than 10 MiB");
        Assert.That(r.Value.Descriptors, Is.GreaterThanOrEqualTo(3));
        Assert.That(r.Value.Threads, Is.GreaterThan(1));
        Assert.That(r.Value.IsRunning, Is.True, "a process at work reads as running");
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var withListener = ProcResources.Read(Environment.ProcessId)!.Value;
        Assert.That(withListener.Sockets, Is.GreaterThanOrEqualTo(1), "the listener is a socket");
        Assert.That(withListener.Sockets, Is.LessThan(withListener.Descriptors));
    }

    [Test]
    public void Read_OfAProcessThatIsGone_IsNull()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("/proc is Linux's");
        using var p = System.Diagnostics.Process.Start("true")!;
        p.WaitForExit();
        int pid = p.Id;
        p.Dispose();
        Assert.That(ProcResources.Read(pid), Is.Null);
    }
}
