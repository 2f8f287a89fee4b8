using GossipSim.Scenarios.Run;

namespace GossipSim.Scenarios.Tests.Run;

/// <summary>The machine's memory as /proc/meminfo gives it: both figures, or none.</summary>
public class MachineMemoryTests
{
    [Test]
    public void ReadsTheTotalAndTheAvailable_InBytes()
    {
        var m = MachineMemory.Parse(["MemTotal:       24542856 kB", "MemFree:         1000 kB", "MemAvailable:   23000000 kB", "Buffers: 5 kB"]);
        Assert.That(m, Is.EqualTo(new MachineMemory(24542856L * 1024, 23000000L * 1024)));
    }

    [TestCase("MemTotal:       24542856 kB", TestName = "No MemAvailable line (kernels before 3.14): nothing")]
    [TestCase("MemAvailable:   23000000 kB", TestName = "No MemTotal line: nothing")]
    [TestCase("MemTotal: lots", "MemAvailable:   23000000 kB", TestName = "A figure that is not a number: nothing")]
    public void WithoutBothFigures_GivesNone(params string[] lines) =>
        Assert.That(MachineMemory.Parse(lines), Is.Null);

    [Test]
    public void ThisMachine_WhereLinuxTellsIt_HasSomeOfItsMemoryAvailable()
    {
        if (!File.Exists("/proc/meminfo")) Assert.Ignore("no /proc/meminfo here: nothing to read");
        var m = MachineMemory.Read();
        Assert.That(m, Is.Not.Null);
        Assert.That(m!.Value.AvailableBytes, Is.GreaterThan(0).And.LessThanOrEqualTo(m.Value.TotalBytes));
    }
}
