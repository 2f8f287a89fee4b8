using GossipSim.Engine.Membership;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Seed;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;
using GossipSim.Engine.Tests.Support;

namespace GossipSim.Engine.Tests;

/// <summary>
/// Issue 56, 1, in the simulator (the same engine code as real nodes): a seed crashes and comes back at another address under its
/// name; the other seeds and the peers take it back there, and it counts in the majority again.
/// </summary>
public class SeedMoveTests
{
    private static readonly NodeAddress NewPlace = new((10u << 24) | 9u, 6000);

    [Test]
    public void ASeedBackAtANewAddress_IsTakenBackBySeedsAndPeers_AndCountsInTheMajority()
    {
        var h = new SimHarness(3, seed: 7);
        h.AddPeers(12, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        h.Run(10);
        Assert.That(h.LivePeers.All(p => p.IsRegistered), "every peer registered");

        var moved = h.SeedAddresses[1];
        h.Net.Crash(h.SeedIndex[1]);
        h.Run(12);
        int back = h.Net.AddNode(NewPlace, inc => new SeedNode(h.SeedConfig, h.SeedAddresses, inc, store: new MemoryCommitStore(), name: moved),
            h.Net.Now);
        h.Run(20);

        var seed0 = (SeedNode)h.Net.NodeAt(h.SeedIndex[0])!;
        var seed2 = (SeedNode)h.Net.NodeAt(h.SeedIndex[2])!;
        var movedSeed = (SeedNode)h.Net.NodeAt(back)!;
        Assert.That(movedSeed.Name, Is.EqualTo(moved));
        Assert.That(seed0.AddressOf(moved), Is.EqualTo(NewPlace), "seed 0 sends to it at its new address");
        Assert.That(seed2.AddressOf(moved), Is.EqualTo(NewPlace), "seed 2 too");
        Assert.That(h.LivePeers.Select(p => p.AddressOfSeed(moved)), Has.All.EqualTo(NewPlace), "every peer learned its new address");
        Assert.That(movedSeed.Peers.LiveCount, Is.EqualTo(seed0.Peers.LiveCount), "it caught up with the membership");

        // Without seed 0, a removal needs the moved seed's vote: a crashed peer is still removed by a majority.
        h.Net.Crash(h.SeedIndex[0]);
        int victim = h.PeerIndex[5];
        var dead = h.Net.AddressOf(victim);
        h.Net.Crash(victim);
        h.Run(60);

        Assert.That(seed2.Peers.IsLive(dead), Is.False, "seed 2 removed the crashed peer");
        Assert.That(movedSeed.Peers.IsLive(dead), Is.False, "the moved seed removed it too");
        Assert.That(h.Trace.Of(TraceKind.MemberRemoved).Any(e => e.Node == NewPlace && e.Peer == dead), "the moved seed traced the removal where it listens");
    }

    [Test]
    public void APeerThatMissedTheWord_LearnsItAtItsNextRefresh()
    {
        var (h, moved, back) = SeedOneBackAtANewPlace(seed: 11, peers: 8);
        // Nothing from the seeds reaches peer 3 while the word goes round (it still reaches them, and its neighbours).
        var cut = new Dictionary<int, int> { [h.SeedIndex[0]] = 1, [h.SeedIndex[2]] = 1, [back] = 1, [h.PeerIndex[3]] = 2 };
        h.Net.Partition(cut, "seeds -/-> peer 3", oneWay: true);
        h.Run(15);
        Assert.That(h.Peer(3).AddressOfSeed(moved), Is.EqualTo(moved), "the word passed on never reached it");
        Assert.That(h.Peer(4).AddressOfSeed(moved), Is.EqualTo(NewPlace));

        h.Net.Heal();
        h.Run(15 + 3 * h.PeerConfig.MembershipRefresh.TotalSeconds);

        Assert.That(h.Peer(3).IsRegistered, "still a member");
        Assert.That(h.Peer(3).AddressOfSeed(moved), Is.EqualTo(NewPlace), "a seed told it at its refresh");
    }

    [Test]
    public void AWordLostWhileTheOthersCouldNotHearIt_IsSaidAgainAtTheNextAntiEntropyTick()
    {
        // Nothing from the seed reaches the other seeds while it starts and says where it is (as seeds named by host that start
        // together dial addresses their names do not give yet): its word is lost.
        var (h, moved, back) = SeedOneBackAtANewPlace(seed: 13, peers: 6);
        var cut = new Dictionary<int, int> { [back] = 1, [h.SeedIndex[0]] = 2, [h.SeedIndex[2]] = 2 };
        h.Net.Partition(cut, "moved seed -/-> seeds", oneWay: true);
        h.Run(13);
        var seed0 = (SeedNode)h.Net.NodeAt(h.SeedIndex[0])!;
        Assert.That(seed0.AddressOf(moved), Is.EqualTo(moved), "its word was lost");

        h.Net.Heal();
        h.Run(13 + 2 * h.SeedConfig.AntiEntropyInterval.TotalSeconds);
        Assert.That(seed0.AddressOf(moved), Is.EqualTo(NewPlace), "said again, and taken");
        Assert.That(((SeedNode)h.Net.NodeAt(h.SeedIndex[2])!).AddressOf(moved), Is.EqualTo(NewPlace));
    }

    /// <summary>Three seeds and some peers registered; seed 1 crashes and starts again at <see cref="NewPlace"/> under its name. The
    /// harness, seed 1's name, and the new node's index.</summary>
    private static (SimHarness H, NodeAddress Moved, int Back) SeedOneBackAtANewPlace(ulong seed, int peers)
    {
        var h = new SimHarness(3, seed: seed);
        h.AddPeers(peers, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        h.Run(10);
        var moved = h.SeedAddresses[1];
        h.Net.Crash(h.SeedIndex[1]);
        h.Run(12);
        int back = h.Net.AddNode(NewPlace, inc => new SeedNode(h.SeedConfig, h.SeedAddresses, inc, store: new MemoryCommitStore(), name: moved),
            h.Net.Now);
        return (h, moved, back);
    }
}
