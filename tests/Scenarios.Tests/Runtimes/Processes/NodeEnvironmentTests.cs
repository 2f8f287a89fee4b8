using System.Diagnostics;
using GossipSim.Scenarios.Runtimes.Processes;

namespace GossipSim.Scenarios.Tests.Runtimes.Processes;

/// <summary>The settings every launched node process gets.</summary>
public class NodeEnvironmentTests
{
    /// <summary>One malloc arena per node process: with one per thread a node's resident memory creeps by fragmentation.</summary>
    [Test]
    public void NodeProcesses_GetOneMallocArena()
    {
        var psi = new ProcessStartInfo("dotnet");
        psi.Environment["MALLOC_ARENA_MAX"] = "8"; // whatever the launcher itself runs with
        NodeEnvironment.Apply(psi);
        Assert.That(psi.Environment["MALLOC_ARENA_MAX"], Is.EqualTo("1"));
    }
}
