using GossipSim.Engine.Core;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class NeighbourTableTests
{
    private static NodeAddress A(int i) => new((uint)(10 << 24) + (uint)i, 7000);

    [TestCase(5)]
    [TestCase(40)] // past the scan: a hub's index
    public void FindsEveryNeighbour_InLinkOrder_AcrossAddsAndRemoves(int count)
    {
        var table = new NeighbourTable();
        for (int i = 1; i <= count; i++) table.Add(A(i), i, i);
        for (int i = 2; i <= count; i += 3) Assert.That(table.Remove(A(i)), Is.True);
        Assert.That(table.Remove(A(2)), Is.False, "already gone");
        var expected = Enumerable.Range(1, count).Where(i => (i - 2) % 3 != 0).Select(A).ToArray();
        Assert.That(table.Addresses(), Is.EqualTo(expected));
        Assert.That(table.Snapshot().Select(n => n.Address), Is.EqualTo(expected));
        for (int k = 0; k < expected.Length; k++) Assert.That(table.IndexOf(expected[k]), Is.EqualTo(k));
        Assert.That(table.Contains(A(2)), Is.False);
    }

    [TestCase(3)]
    [TestCase(30)]
    public void AnAddressSnapshot_HandedOut_IsNotChangedByLaterLinks(int count)
    {
        var table = new NeighbourTable();
        for (int i = 1; i <= count; i++) table.Add(A(i), 1, 1);
        var before = table.Addresses();
        var copy = before.ToArray();
        table.Remove(A(1));
        table.Add(A(100), 1, 1);
        table.Add(A(101), 1, 1);
        Assert.That(before, Is.EqualTo(copy));
        Assert.That(table.Addresses().Count, Is.EqualTo(count + 1));
    }

    [Test]
    public void ASlotGivenBack_IsReusedByALaterNeighbour_AndSlotsInUseStayDistinct()
    {
        var table = new NeighbourTable();
        for (int i = 1; i <= 4; i++) table.Add(A(i), 1, 1);
        int freed = table.Snapshot()[1].Slot;
        table.Remove(A(2));
        table.Add(A(9), 1, 1);
        var slots = table.Snapshot().Select(n => n.Slot).ToArray();
        Assert.That(slots[^1], Is.EqualTo(freed));
        Assert.That(slots.Distinct().Count(), Is.EqualTo(slots.Length));
    }
}
