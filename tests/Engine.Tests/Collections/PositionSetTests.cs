using GossipSim.Engine.Collections;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class PositionSetTests
{
    [TestCase(new[] { 0, 5, 63 })]
    [TestCase(new[] { 64, 1, 200 })]
    public void HoldsEachPositionOnce_BelowAndAbove64(int[] positions)
    {
        var set = new PositionSet();
        foreach (int p in positions) Assert.That(set.Add(p), Is.True, $"{p} is new");
        foreach (int p in positions) Assert.That(set.Add(p), Is.False, $"{p} again");
        Assert.That(set.Count, Is.EqualTo(positions.Length));
        Assert.That(positions.All(set.Contains), Is.True);
        Assert.That(set.Contains(2) || set.Contains(65) || set.Contains(199), Is.False);
    }

    [Test]
    public void ANegativePosition_IsRefused() => Assert.Throws<ArgumentOutOfRangeException>(() => new PositionSet().Add(-1));
}
