using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class RegistrationTests
{
    [Test]
    public void Registration_WithOneOfThreeSeedsDown_CommitsAtBothLiveSeeds()
    {
        var h = new SimHarness(3, seed: 11);
        h.Net.Schedule(TimeSpan.FromMilliseconds(100), () => h.Net.Crash(h.SeedIndex[0]));
        h.AddPeers(20, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), _ => SimHarness.FastPeer() with { MessagesPerPeer = 0 });
        h.Run(30);

        Assert.That(h.LivePeers.All(p => p.IsRegistered), Is.True, "every peer registers with the two live seeds");
        foreach (var seed in h.LiveSeeds)
            Assert.That(seed.Peers.LiveCount, Is.EqualTo(20), $"seed {seed.Address} holds every peer");
        Assert.That(h.Trace.Of(TraceKind.Committed).All(e => e.A >= 2), Is.True, "each commit had a majority of 3");
    }

    [Test]
    public void Registration_WithTwoOfThreeSeedsDown_CommitsNothing()
    {
        var h = new SimHarness(3, seed: 12);
        h.Net.Schedule(TimeSpan.FromMilliseconds(100), () => { h.Net.Crash(h.SeedIndex[0]); h.Net.Crash(h.SeedIndex[1]); });
        h.AddPeers(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), _ => SimHarness.FastPeer() with { MessagesPerPeer = 0 });
        h.Run(20);

        Assert.That(h.LivePeers.Any(p => p.IsRegistered), Is.False, "no peer can be registered by a minority");
        Assert.That(h.LiveSeeds.Single().Peers.LiveCount, Is.Zero, "the lone seed changed nothing");
        Assert.That(h.Trace.Of(TraceKind.Committed), Is.Empty);
        Assert.That(h.Trace.Of(TraceKind.ProposalRejected), Is.Not.Empty, "proposals were made and rejected");
    }

    [Test]
    public void CommitsArrivingOutOfOrder_LeaveNoGapInAnyLog_WithoutAntiEntropy()
    {
        // Peers register with two seeds each, so most joins are committed twice (once per
        // proposer), and 50 joins a second over 10-50 ms links reorder commits all the time.
        // Every commit must still land in its proposer's log: a gap would stay until
        // anti-entropy repaired it, which this run switches off.
        var h = new SimHarness(3, seed: 21, seedConfig: SimHarness.FastSeed() with { AntiEntropyInterval = TimeSpan.FromHours(1) });
        h.AddPeers(300, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(6));
        h.Run(10);
        var seeds = h.LiveSeeds.ToArray();
        Assert.That(seeds.Select(s => s.Commits.OpsPastGaps), Is.All.EqualTo(0), "operations stuck past a gap");
        Assert.That(seeds.Select(s => s.Commits.TotalOps).Distinct().Count(), Is.EqualTo(1), "every seed holds every commit");
        Assert.That(seeds[0].Commits.TotalOps, Is.GreaterThanOrEqualTo(300));
    }

    [Test]
    public void APeerWithNobodyLeftToLinkTo_AsksForListsAtAnEvenPace()
    {
        // Two peers that each want three links can only ever have one: every peer list they get
        // finds nobody new, and they keep asking, once per retry interval (1 s here). A retry
        // that did not replace the one already pending doubled the asking every interval. The
        // backoff is off (its cap at the retry), so the pace stays even.
        var h = new SimHarness(3, seed: 22, peer: SimHarness.FastPeer() with { MembershipRefresh = TimeSpan.FromSeconds(2), ReattachRetryMax = TimeSpan.FromSeconds(1) });
        h.AddPeers(2, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100));
        long asked = 0;
        int t = 0;
        while (t < 40 && asked < 200) // a second at a time: a doubling stops the run early, not hangs it
        {
            h.Run(++t);
            asked = h.Net.EventsByKind().GetValueOrDefault("PeerListRequest");
        }
        Assert.That(h.LivePeers.Select(p => p.Degree), Is.All.EqualTo(1));
        Assert.That(asked, Is.GreaterThan(20).And.LessThan(200), $"{asked} peer-list requests in {t} s from 2 peers");
    }

    [Test]
    public void ASeedThatWasDown_CatchesUpByAntiEntropy()
    {
        var h = new SimHarness(3, seed: 13);
        h.Net.Schedule(TimeSpan.FromMilliseconds(100), () => h.Net.Crash(h.SeedIndex[2]));
        h.Net.Schedule(TimeSpan.FromSeconds(15), () => h.Net.Restart(h.SeedIndex[2]));
        h.AddPeers(15, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), _ => SimHarness.FastPeer() with { MessagesPerPeer = 0 });
        h.Run(30);

        var seeds = h.LiveSeeds.ToArray();
        Assert.That(seeds, Has.Length.EqualTo(3));
        Assert.That(seeds.Select(s => s.Peers.LiveCount), Is.All.EqualTo(15));
        Assert.That(seeds.Select(s => s.Peers.Digest).Distinct().Count(), Is.EqualTo(1), "every seed holds the same list");
    }

    [Test]
    public void EveryPeer_RegistersWithAMajority_AndLinksToAboutThree()
    {
        var h = new SimHarness(5, seed: 14);
        h.AddPeers(60, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), _ => SimHarness.FastPeer() with { MessagesPerPeer = 0 });
        h.Run(25);

        Assert.That(h.Trace.Of(TraceKind.Registered).Select(e => e.A), Is.All.GreaterThanOrEqualTo(3), "3 of 5 seeds");
        var late = h.PeerIndex.Skip(10).Select(i => (Engine.Peer.PeerNode)h.Net.NodeAt(i)!);
        Assert.That(late.Select(p => p.Degree), Is.All.GreaterThanOrEqualTo(3), "newcomers after the first few make 3 links");
    }
}
