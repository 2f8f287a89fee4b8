using GossipSim.Engine.Collections;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class AddressSnapshotTests
{
    private static NodeAddress A(int i) => new((uint)(10 << 24) + (uint)i, 7000);

    [Test]
    public void ASnapshotOfAnArray_DoesNotChange_WhenTheArrayIsWrittenAfterwards()
    {
        var source = new[] { A(1), A(2), A(3) };
        AddressSnapshot snapshot = source;
        source[0] = A(9);
        Assert.That(snapshot, Is.EqualTo(new[] { A(1), A(2), A(3) }));
    }

    [Test]
    public void WithAndWithout_MakeNewSnapshots_AndLeaveTheOriginalAsItWas()
    {
        AddressSnapshot one = [A(1), A(2)];
        var added = one.With(A(3));
        var removed = added.Without(1);
        Assert.That(one, Is.EqualTo(new[] { A(1), A(2) }));
        Assert.That(added, Is.EqualTo(new[] { A(1), A(2), A(3) }));
        Assert.That(removed, Is.EqualTo(new[] { A(1), A(3) }));
        Assert.That(removed.Without(0).Without(0).Count, Is.Zero);
    }

    [Test]
    public void SampleOf_DrawsDistinctAddressesOfTheList_AndTheSameOnesForTheSameStream()
    {
        var all = Enumerable.Range(1, 50).Select(A).ToArray();
        var first = AddressSnapshot.SampleOf(all, 8, new Rng(5));
        var again = AddressSnapshot.SampleOf(all, 8, new Rng(5));
        Assert.That(first.Count, Is.EqualTo(8));
        Assert.That(first.Distinct().Count(), Is.EqualTo(8));
        Assert.That(all, Is.SupersetOf(first));
        Assert.That(again, Is.EqualTo(first));
    }

    [Test]
    public void SampleOf_EveryAddress_IsRefused_TakeTheListInstead() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AddressSnapshot.SampleOf(new[] { A(1), A(2) }, 2, new Rng(1)));

    [Test]
    public void Snapshots_AreEqual_WhenTheyHoldTheSameAddressesInTheSameOrder()
    {
        AddressSnapshot a = [A(1), A(2)];
        AddressSnapshot b = new[] { A(1), A(2) };
        Assert.That(a == b && a.Equals(b) && a.GetHashCode() == b.GetHashCode(), Is.True);
        Assert.That(a == [A(2), A(1)], Is.False);
        Assert.That(AddressSnapshot.Empty == [], Is.True);
    }

    [Test]
    public void Empty_HasNoAddresses() => Assert.That(AddressSnapshot.Empty, Is.Empty);
}
