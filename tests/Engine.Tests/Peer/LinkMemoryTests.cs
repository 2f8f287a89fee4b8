using GossipSim.Engine.Peer;
using NUnit.Framework;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class LinkMemoryTests
{
    private static NodeAddress A(int i) => new((10u << 24) + (uint)i, 7000);

    [TestCase(1)]
    [TestCase(4)]
    [TestCase(5)]    // the ring grows past its first four
    [TestCase(64)]   // full
    [TestCase(65)]   // the first is forgotten
    [TestCase(200)]  // only the newest 64 are kept
    public void TheNewest64Removals_AreRemembered_AndOlderOnesForgotten(int removals)
    {
        var m = new LinkMemory();
        for (int i = 1; i <= removals; i++) m.Removed(A(i));
        m.Removed(A(removals)); // the same news again changes nothing
        for (int i = 1; i <= removals; i++)
            Assert.That(m.WasRemoved(A(i)), Is.EqualTo(i > removals - 64), $"removal {i} of {removals}");
        Assert.That(m.WasRemoved(A(removals + 1)), Is.False);
    }

    [Test]
    public void ARequestGivenUpOn_CountsOnceLate_AndOnlyTheNewest32()
    {
        var m = new LinkMemory();
        Assert.That(m.TakeTimedOut(A(1)), Is.False, "nothing given up on yet");
        for (int i = 1; i <= 40; i++) m.TimedOut(A(i));
        Assert.That(m.TakeTimedOut(A(8)), Is.False, "the oldest eight are forgotten");
        Assert.That(m.TakeTimedOut(A(9)), Is.True);
        Assert.That(m.TakeTimedOut(A(9)), Is.False, "one late answer counts");
        Assert.That(m.TakeTimedOut(A(40)), Is.True);
    }

    [Test]
    public void ADroppedLink_CountsSinceItsClose_AndOnlyTheNewestFourAreKept()
    {
        var m = new LinkMemory();
        static TimeSpan t(double s) => TimeSpan.FromSeconds(s);
        Assert.That(m.DroppedSince(A(1), t(0)), Is.False, "nothing dropped yet");
        m.Dropped(A(1), t(10));
        Assert.That(m.DroppedSince(A(1), t(9)), Is.True, "dropped after the bound");
        Assert.That(m.DroppedSince(A(1), t(10)), Is.True, "at it");
        Assert.That(m.DroppedSince(A(1), t(10.5)), Is.False, "dropped before the bound: its copies in flight have come");
        Assert.That(m.DroppedSince(A(1), t(9)), Is.True, "asking forgets nothing: every copy in flight counts");
        Assert.That(m.DroppedSince(A(2), t(0)), Is.False, "another member");
        for (int i = 2; i <= 5; i++) m.Dropped(A(i), t(10 + i));
        Assert.That(m.DroppedSince(A(1), t(0)), Is.False, "the oldest of five is forgotten");
        for (int i = 2; i <= 5; i++) Assert.That(m.DroppedSince(A(i), t(10)), Is.True, $"drop {i}");
        m.Dropped(A(3), t(30));
        Assert.That(m.DroppedSince(A(3), t(20)), Is.True, "dropped again later: the later drop counts");
        Assert.That(m.DroppedSince(NodeAddress.None, t(0)), Is.False);
        Assert.That(m.TakeDropped(A(3)), Is.True, "a send to it failed: reported once");
        Assert.That(m.DroppedSince(A(3), t(20)), Is.True, "and its gossip still in flight is still taken (swarm seed 1, run 2303)");
    }
}
