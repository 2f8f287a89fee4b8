using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Faults;

namespace GossipSim.Scenarios.Tests.Run.Faults;

public class VictimPickerTests
{
    private static Func<int, int> Degrees(params int[] byIndex) => i => byIndex[i];

    [TestCase(new[] { 0, 1, 2, 3 }, new[] { 2, 5, 5, 1 }, 1, TestName = "Hub_IsTheHighestDegree_TiesToTheLowestIndex")]
    [TestCase(new[] { 3, 2, 0 }, new[] { 4, 9, 4, 4 }, 0, TestName = "Hub_AmongLivePeersOnly_InAnyOrder")]
    [TestCase(new[] { 2 }, new[] { 9, 9, 0 }, 2, TestName = "Hub_OfOneLivePeer_IsThatPeer")]
    public void Hub(int[] live, int[] degrees, int expected)
    {
        Assert.That(VictimPicker.Pick(new VictimSelector(VictimKind.Hub), 1, 0, live, Degrees(degrees)), Is.EqualTo(new[] { NodeRef.Peer(expected) }));
    }

    [Test]
    public void Hub_OfNoLivePeer_IsNobody()
    {
        Assert.That(VictimPicker.Pick(new VictimSelector(VictimKind.Hub), 1, 0, Array.Empty<int>(), _ => 0), Is.Empty);
    }

    // Nodes spread over 3 hosts in turn (seed i, peer j on host i, j mod 3); 4 seeds (one a seed-set change added), live peers
    // 0-7 but 5: host 2 holds seed 2 and peers 2 and 8 (5 is down), host 0 seeds 0 and 3 and peers 0, 3, 6.
    [TestCase(2, "seed:2 peer:2 peer:8")]
    [TestCase(0, "seed:0 seed:3 peer:0 peer:3 peer:6")]
    [TestCase(1, "seed:1 peer:1 peer:4 peer:7")]
    public void AHost_TakesEverySeedAndLivePeerPlacedOnItInTurn(int host, string expected)
    {
        var picked = VictimPicker.Pick(new VictimSelector(VictimKind.Host, Count: 3, Index: host, Seeds: 4), 1, 0,
            new[] { 8, 0, 1, 2, 3, 4, 6, 7 }, _ => 0);
        Assert.That(string.Join(" ", picked), Is.EqualTo(expected));
    }

    [TestCase(VictimKind.Peer, 4, "peer:4")]
    [TestCase(VictimKind.Seed, 1, "seed:1")]
    public void APeerOrSeedByIndex_IsThatOne(VictimKind kind, int index, string expected)
    {
        var picked = VictimPicker.Pick(new VictimSelector(kind, Index: index), 1, 0, new[] { 0, 1 }, _ => 0);
        Assert.That(picked.Select(p => p.ToString()), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void RandomPeers_AreDistinctLivePeers_AndTheSameForTheSameSeedAndPosition_WhateverTheOrderGiven()
    {
        var live = Enumerable.Range(0, 40).Where(i => i % 3 != 0).ToArray();
        var first = VictimPicker.RandomPeers(5, 42, 2, live);
        var again = VictimPicker.RandomPeers(5, 42, 2, live.Reverse().ToArray());
        Assert.That(again, Is.EqualTo(first));
        Assert.That(first.Select(v => v.Index), Is.Unique.And.All.Matches<int>(i => live.Contains(i)));
        Assert.That(first, Has.Count.EqualTo(5));
    }

    [Test]
    public void RandomPeers_DrawApart_ForAnotherPositionOrSeed()
    {
        var live = Enumerable.Range(0, 100).ToArray();
        var first = VictimPicker.RandomPeers(5, 42, 0, live);
        Assert.That(VictimPicker.RandomPeers(5, 42, 1, live), Is.Not.EqualTo(first), "another fault of the schedule");
        Assert.That(VictimPicker.RandomPeers(5, 43, 0, live), Is.Not.EqualTo(first), "another run seed");
    }

    [Test]
    public void AChurnLeaver_IsALivePeerInIndexOrder_DrawnFromTheRunningStream_AndNoneWhileOneIsLeft()
    {
        var leavers = new GossipSim.Engine.Vocabulary.Rng(7);
        var expected = new GossipSim.Engine.Vocabulary.Rng(7);
        Assert.That(VictimPicker.ChurnLeaver(leavers, new[] { 9, 3, 5 }), Is.EqualTo(new[] { NodeRef.Peer(new[] { 3, 5, 9 }[expected.NextInt(3)]) }));
        Assert.That(VictimPicker.ChurnLeaver(leavers, new[] { 4 }), Is.Empty, "the last live peer stays");
        Assert.That(leavers.NextUInt64(), Is.EqualTo(expected.NextUInt64()), "a leave that takes nobody draws nothing");
    }
}
