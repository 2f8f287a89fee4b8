using GossipSim.Engine.Collections;
using GossipSim.Engine.Peer;
using NUnit.Framework;

namespace GossipSim.Engine.Tests;

public class RegistrationOrderTests
{
    [TestCase(new[] { 0, 2, 1 }, new int[0], new[] { 0, 2, 1 })]        // the first round: the shuffle stands
    [TestCase(new[] { 0, 2 }, new[] { 0 }, new[] { 2, 0 })]              // seed 0 did not answer: seed 2 first
    [TestCase(new[] { 2, 0 }, new[] { 0 }, new[] { 2, 0 })]              // already behind
    [TestCase(new[] { 1, 0, 3, 4 }, new[] { 0, 1 }, new[] { 3, 4, 1, 0 })] // both unanswered behind, each part in its order
    [TestCase(new[] { 0, 1 }, new[] { 0, 1 }, new[] { 0, 1 })]           // nobody new to ask: ask them again, as shuffled
    [TestCase(new[] { 4, 3 }, new[] { 7 }, new[] { 4, 3 })]              // an asked seed that is no candidate (it accepted) changes nothing
    public void SeedsThatDidNotAnswer_AreAskedAfterTheOthers(int[] shuffled, int[] unanswered, int[] expected)
    {
        var asked = new PackedPositions();
        foreach (int u in unanswered) asked.Add(u);
        var candidates = (int[])shuffled.Clone();
        RegistrationOrder.UnansweredLast(candidates, asked);
        Assert.That(candidates, Is.EqualTo(expected));
    }

    [Test]
    public void ManySeeds_BeyondTheStack_KeepTheSameRule()
    {
        var asked = new PackedPositions();
        for (int u = 0; u < 100; u += 10) asked.Add(u);
        var candidates = Enumerable.Range(0, 100).ToArray();
        RegistrationOrder.UnansweredLast(candidates, asked);
        Assert.That(candidates[..90], Is.EqualTo(Enumerable.Range(0, 100).Where(i => i % 10 != 0)));
        Assert.That(candidates[90..], Is.EqualTo(Enumerable.Range(0, 10).Select(i => i * 10)));
    }
}
