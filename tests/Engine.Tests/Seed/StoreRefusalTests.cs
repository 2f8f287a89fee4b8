using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Seed;
using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.Seed;

/// <summary>
/// A seed whose store refuses commits (a real seed's disk is full) neither applies nor announces
/// them, says so in one line for the whole outage rather than one per commit, and catches up by
/// itself once the store keeps commits again.
/// </summary>
public class StoreRefusalTests
{
    private const int Peers = 12;

    /// <summary>A store on a disk that can be full: while it is, every append is refused and nothing is kept.</summary>
    private sealed class DiskThatFills : ICommitStore
    {
        public readonly List<CommittedOp> Kept = new();
        public bool Full;
        public int Refused;

        public IReadOnlyList<CommittedOp> Load() => Kept.ToList();

        public void Append(in CommittedOp op)
        {
            if (Full)
            {
                Refused++;
                throw new CommitNotDurableException("commit log /state/commits.log: No space left on device");
            }
            Kept.Add(op);
        }
    }

    [Test]
    public void ASeedWhoseStoreRefusesCommits_NeitherAppliesNorAnnouncesThem_SaysSoOnce_AndCatchesUpWhenTheStoreKeepsThemAgain()
    {
        var disk = new DiskThatFills { Full = true };
        var h = new SimHarness(3, seed: 31, storeOf: i => i == 0 ? disk : null);
        var lines = new List<string>();
        h.Net.LogProvider = _ => (node, _, line) => { if (node == h.SeedAddresses[0]) lines.Add(line); };
        h.AddPeers(Peers, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), _ => SimHarness.FastPeer() with { MessagesPerPeer = 0 });
        SeedNode Full() => (SeedNode)h.Net.NodeAt(h.SeedIndex[0])!;
        int listedWhileFull = -1;
        h.Net.Schedule(TimeSpan.FromSeconds(15), () => { listedWhileFull = Full().Peers.LiveCount; disk.Full = false; });
        h.Run(15);

        Assert.That(disk.Refused, Is.GreaterThan(Peers), "the seed met a refusal for every commit it made or heard of");
        Assert.That(disk.Kept, Is.Empty);
        Assert.That(h.Trace.Of(TraceKind.Committed).Where(e => e.Node == h.SeedAddresses[0]), Is.Empty, "it announced no commit it could not keep");
        Assert.That(h.LiveSeeds.Skip(1).Select(s => s.Peers.LiveCount), Is.All.EqualTo(Peers), "the other seeds registered every peer meanwhile");
        Assert.That(lines.Count(l => l.Contains("cannot make commits durable")), Is.EqualTo(1), "one line for the outage:\n" + string.Join("\n", lines));
        Assert.That(lines.Single(l => l.Contains("cannot make commits durable")), Does.Contain("No space left on device"));

        h.Run(25);

        Assert.That(listedWhileFull, Is.Zero, "nothing was applied while the store refused it");
        Assert.That(Full().Peers.LiveCount, Is.EqualTo(Peers), "anti-entropy brought every commit back once the store kept them");
        Assert.That(disk.Kept.Select(o => o.Op.Peer.Address).Distinct().Count(), Is.EqualTo(Peers), "and each is in the store");
        Assert.That(lines.Count(l => l.Contains("commits are durable again")), Is.EqualTo(1));
        Assert.That(Full().CommitsRefusedByStore, Is.Zero);
    }
}
