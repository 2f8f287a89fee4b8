using GossipSim.Simulator.Threads;

namespace GossipSim.Simulator.Tests.Threads;

/// <summary>
/// Whether the partitions' threads spin while they wait: only while no thread of the gang is
/// preempted, again after enough quiet rounds in a row.
/// </summary>
public class CoreContentionTests
{
    [Test]
    public void OnAQuietMachine_ThreadsSpin()
    {
        var c = new CoreContention();
        for (int i = 0; i < 100; i++) c.Ended(preempted: false);
        Assert.That((c.Taken, c.Spin), Is.EqualTo((false, true)));
    }

    [Test]
    public void APreemption_StopsTheSpinning()
    {
        var c = new CoreContention();
        c.Ended(preempted: false);
        c.Ended(preempted: true);
        Assert.That((c.Taken, c.Spin), Is.EqualTo((true, false)));
    }

    [Test]
    public void TheCoresCountAsFree_AfterQuietRoundsInARow_NotBefore()
    {
        var c = new CoreContention();
        c.Ended(preempted: true);
        for (int i = 0; i < CoreContention.QuietRounds - 1; i++) c.Ended(preempted: false);
        Assert.That(c.Taken, Is.True, "one quiet round short");
        c.Ended(preempted: true);
        for (int i = 0; i < CoreContention.QuietRounds - 1; i++) c.Ended(preempted: false);
        Assert.That(c.Taken, Is.True, "a preemption starts the count again");
        c.Ended(preempted: false);
        Assert.That((c.Taken, c.Spin), Is.EqualTo((false, true)));
    }
}
