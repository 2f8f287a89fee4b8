using GossipSim.Engine.Collections;
using NUnit.Framework;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class PackedPositionsTests
{
    [Test]
    public void KeepsTheOrderOfAdding_AndAnswersMembership()
    {
        var set = new PackedPositions();
        Assert.That(set.Count, Is.Zero);
        foreach (int p in new[] { 2, 0, 7 }) set.Add(p);
        Assert.That(set.Count, Is.EqualTo(3));
        Assert.That(new[] { set[0], set[1], set[2] }, Is.EqualTo(new[] { 2, 0, 7 }));
        Assert.That(set.Contains(0) && set.Contains(2) && set.Contains(7), Is.True);
        Assert.That(set.Contains(1) || set.Contains(3), Is.False);
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = set[3]);
        set.Clear();
        Assert.That(set.Count, Is.Zero);
        Assert.That(set.Contains(2), Is.False);
    }

    [TestCase(12, 0)]   // more than eight members: past the packed word
    [TestCase(3, 250)]  // positions of 255 and above do not fit a byte
    public void LargeSetsAndPositions_KeepEveryMemberInOrder(int members, int firstPosition)
    {
        var set = new PackedPositions();
        var expected = new List<int>();
        for (int k = 0; k < members; k++)
        {
            int p = firstPosition + 3 * k;
            set.Add(p);
            expected.Add(p);
        }
        Assert.That(set.Count, Is.EqualTo(members));
        Assert.That(Enumerable.Range(0, members).Select(k => set[k]), Is.EqualTo(expected));
        Assert.That(expected.All(set.Contains), Is.True);
        Assert.That(set.Contains(firstPosition + 1), Is.False);
    }
}
