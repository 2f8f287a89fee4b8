using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.Seed;

/// <summary>Seeds keep their membership across restarts (their commit store), and peers the seeds forgot register again.</summary>
public class DurableSeedTests
{
    private const int Peers = 15;

    /// <summary>Seed list sizes read a few milliseconds after the restart: before any anti-entropy reply can have arrived (latency is 10 ms or more each way).</summary>
    private static Dictionary<int, int> ListsJustAfterRestart(SimHarness h, double restartAt, params int[] seeds)
    {
        var seen = new Dictionary<int, int>();
        h.Net.Schedule(TimeSpan.FromSeconds(restartAt), () => { foreach (int s in seeds) h.Net.Crash(h.SeedIndex[s]); });
        h.Net.Schedule(TimeSpan.FromSeconds(restartAt + 2), () => { foreach (int s in seeds) h.Net.Restart(h.SeedIndex[s]); });
        h.Net.Schedule(TimeSpan.FromSeconds(restartAt + 2.005), () =>
        {
            foreach (int s in seeds) seen[s] = ((Engine.Seed.SeedNode)h.Net.NodeAt(h.SeedIndex[s])!).Peers.LiveCount;
        });
        return seen;
    }

    [Test]
    public void ACrashedSeed_RestartsWithItsMembers_FromItsStore()
    {
        var h = new SimHarness(3, seed: 21);
        h.AddPeers(Peers, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), _ => SimHarness.FastPeer() with { MessagesPerPeer = 0 });
        var seen = ListsJustAfterRestart(h, 10, 2);
        h.Run(12.5);

        Assert.That(seen[2], Is.EqualTo(Peers), "the restarted seed lists every peer before anti-entropy could tell it any");
    }

    [Test]
    public void AllSeedsCrashedAtOnce_RestartWithEveryMember_AndANewcomerLinks()
    {
        var h = new SimHarness(3, seed: 22);
        h.AddPeers(Peers, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), _ => SimHarness.FastPeer() with { MessagesPerPeer = 0 });
        var seen = ListsJustAfterRestart(h, 10, 0, 1, 2);
        h.AddPeers(1, TimeSpan.FromSeconds(14), TimeSpan.Zero, _ => SimHarness.FastPeer() with { MessagesPerPeer = 0 });
        h.Run(25);

        Assert.That(seen.Values, Is.All.EqualTo(Peers), "every seed lists every peer again, from its own store");
        Assert.That(h.LiveSeeds.Select(s => s.Peers.LiveCount), Is.All.EqualTo(Peers + 1));
        Assert.That(h.Peer(Peers).Degree, Is.GreaterThanOrEqualTo(3), "the newcomer got a full list and linked");
    }

    [Test]
    public void SeedsThatLostTheirState_AreToldByEveryPeer_WhichRegistersAgain()
    {
        var peer = SimHarness.FastPeer() with { MessagesPerPeer = 0, MembershipRefresh = TimeSpan.FromSeconds(3) };
        var h = new SimHarness(3, seed: 23, peer: peer, durable: false);
        h.AddPeers(Peers, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4));
        var seen = ListsJustAfterRestart(h, 10, 0, 1, 2);
        h.AddPeers(1, TimeSpan.FromSeconds(25), TimeSpan.Zero);
        h.Run(35);

        Assert.That(seen.Values, Is.All.EqualTo(0), "without a store the seeds restart empty");
        Assert.That(h.Trace.Of(TraceKind.Rejoined).Select(e => e.Node).Distinct().Count(), Is.EqualTo(Peers), "every forgotten peer registered again");
        Assert.That(h.LiveSeeds.Select(s => s.Peers.LiveCount), Is.All.EqualTo(Peers + 1));
        Assert.That(h.Peer(Peers).Degree, Is.GreaterThanOrEqualTo(3), "the newcomer got a full list and linked");
    }

    [Test]
    public void OneSeedThatLostItsState_IsNotTrustedAlone_ItCatchesUp_AndNoPeerRegistersAgain()
    {
        var peer = SimHarness.FastPeer() with { MessagesPerPeer = 0, MembershipRefresh = TimeSpan.FromSeconds(3) };
        // Anti-entropy slow enough that the empty seed answers several refreshes before it catches up.
        var seedConfig = SimHarness.FastSeed() with { AntiEntropyInterval = TimeSpan.FromSeconds(15) };
        var h = new SimHarness(3, seed: 24, peer: peer, seedConfig: seedConfig, durable: false);
        var notListed = new List<string>();
        h.Net.LogProvider = _ => (_, _, line) => { if (line.Contains("does not list me")) notListed.Add(line); };
        h.AddPeers(Peers, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4));
        var seen = ListsJustAfterRestart(h, 10, 0);
        h.Run(40);

        Assert.That(seen[0], Is.Zero, "the seed restarted empty");
        Assert.That(notListed, Is.Not.Empty, "peers heard the empty seed's no");
        Assert.That(h.Trace.Of(TraceKind.Rejoined), Is.Empty, "the other two seeds still list every peer");
        Assert.That(h.LiveSeeds.Select(s => s.Peers.LiveCount), Is.All.EqualTo(Peers), "the empty seed caught up by anti-entropy");
    }
}
