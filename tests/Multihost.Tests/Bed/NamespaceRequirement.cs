using GossipSim.Scenarios.Runtimes.Netns;

namespace GossipSim.Multihost.Tests.Bed;

/// <summary>The bed tests' common ground: skip clearly where namespaces are not allowed; leave nothing behind.</summary>
public abstract class BedTestBase
{
    [SetUp]
    public void RequireNamespaces()
    {
        if (NetnsBed.Unavailable() is { } why)
            Assert.Ignore($"multi-host bed tests skipped: network namespaces are not available on this machine: {why}");
    }

    [TearDown]
    public void NothingLeftBehind()
    {
        if (NetnsBed.Unavailable() != null) return;
        // Whatever a failed test left is removed, and a leftover is itself a failure: teardown is part of the contract.
        var left = NetnsBed.NamespacesOfThisProcess();
        NetnsBed.SweepStale(includeThisProcess: true);
        Scenarios.Runtimes.Processes.ChildProcesses.KillAll();
        Assert.That(left, Is.Empty, "namespaces left behind by the test");
    }
}
