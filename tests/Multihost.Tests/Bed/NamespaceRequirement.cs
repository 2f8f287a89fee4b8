using GossipSim.Scenarios.Runtimes.Netns;
using GossipSim.TestSupport;

namespace GossipSim.Multihost.Tests.Bed;

/// <summary>The bed tests' common ground: skip clearly where namespaces are not allowed (fail in CI); leave nothing behind.</summary>
public abstract class BedTestBase
{
    [SetUp]
    public void RequireNamespaces() => MachineParts.Require(MachinePart.NetworkNamespaces, NetnsBed.Unavailable());

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
