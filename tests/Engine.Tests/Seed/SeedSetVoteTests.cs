using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Seed;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;
using GossipSim.Engine.Tests.Support;

namespace GossipSim.Engine.Tests;

/// <summary>
/// Issue 56, 2, in the simulator (the same engine code as real nodes): an operator changes the seed set through one seed; the
/// seeds vote it in two steps, the peers learn it from the seeds, and the membership goes on under the new set, under gossip load.
/// </summary>
public class SeedSetVoteTests
{
    private static NodeAddress NewSeed(int n) => new((10u << 24) | (uint)n, 5000);

    /// <summary>Starts a seed a vote will bring in: with the network's seed list, which does not name it.</summary>
    private static int AddJoiningSeed(SimHarness h, NodeAddress at, double startSeconds) =>
        h.Net.AddNode(at, inc => new SeedNode(h.SeedConfig, h.SeedAddresses, inc, store: new MemoryCommitStore(), joining: true),
            TimeSpan.FromSeconds(startSeconds));

    internal static SeedNode SeedAt(SimHarness h, int index) => (SeedNode)h.Net.NodeAt(index)!;

    /// <summary>Gives the change to a seed at a virtual time; the seed's answer (null: proposed) lands in <paramref name="answers"/>.</summary>
    private static void Change(SimHarness h, int seedIndex, double atSeconds, SeedSetChange change, List<string?> answers) =>
        h.Net.Schedule(TimeSpan.FromSeconds(atSeconds), () => h.Net.Command(seedIndex,
            n => answers.Add(((SeedNode)n).ChangeSeedSet(change, StructuralIdentity.OperatorApproval))));

    [Test]
    public void GrowingThreeSeedsToFive_UnderGossip_EverySeedAndPeerEndsAtTheFiveAndTheyDecideWithoutTwoOfTheFirstThree()
    {
        var h = new SimHarness(3, seed: 11);
        h.AddPeers(20, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        int four = AddJoiningSeed(h, NewSeed(4), 12), five = AddJoiningSeed(h, NewSeed(5), 12);
        var answers = new List<string?>();
        Change(h, h.SeedIndex[0], 15, SeedSetChange.Add(NewSeed(4)), answers);
        Change(h, h.SeedIndex[1], 30, SeedSetChange.Add(NewSeed(5)), answers);
        h.Run(50);

        Assert.That(answers, Is.EqualTo(new string?[] { null, null }), "both changes were proposed");
        var five_ = new SeedSet(4, [.. h.SeedAddresses, NewSeed(4), NewSeed(5)]);
        var seeds = h.SeedIndex.Append(four).Append(five).Select(i => SeedAt(h, i)).ToArray();
        foreach (var s in seeds) Assert.That(s.SeedSet.SameAs(five_), $"{s.Name}: {s.SeedSet}");
        Assert.That(h.LivePeers.Select(p => p.SeedSetVersion), Has.All.EqualTo(4L), "every peer learned the five");
        Assert.That(h.LivePeers.All(p => p.Seeds.Count == 5));
        Assert.That(seeds.Select(s => s.Peers.LiveCount), Has.All.EqualTo(20), "the new seeds caught up with the membership");
        Assert.That(h.Trace.Of(TraceKind.MemberRemoved), Is.Empty, "no false removal during the changes");
        Assert.That(h.Trace.Of(TraceKind.SeedSetChanged).Count(e => e.Node == h.SeedAddresses[2] && e.A == 4), Is.EqualTo(1));

        // Two of the first three seeds down: under the three, no majority; under the five, seeds 3, 4 and 5 still remove a dead peer.
        h.Net.Crash(h.SeedIndex[0]);
        h.Net.Crash(h.SeedIndex[1]);
        int victim = h.PeerIndex[7];
        var dead = h.Net.AddressOf(victim);
        h.Net.Crash(victim);
        h.Run(90);
        foreach (var s in new[] { SeedAt(h, h.SeedIndex[2]), SeedAt(h, four), SeedAt(h, five) })
            Assert.That(s.Peers.IsLive(dead), Is.False, $"{s.Name} removed the crashed peer");
        Assert.That(h.Trace.Of(TraceKind.MemberRemoved).Select(e => e.Peer).Distinct(), Is.EqualTo(new[] { dead }), "and no one else");
        Assert.That(h.LivePeers.All(p => p.IsRegistered), "every live peer is still registered");
    }

    [Test]
    public void ASeedCutOffWhileTheSetChanged_LearnsTheChangeAtTheNextAntiEntropy_WithNoCommitToShowIt()
    {
        // Swarm seed 2026, run 2199: seed 2 behind a partition while seed 1 was replaced held version 0 to the end of the run (no
        // commit came after the heal to show it the new set's proofs), and the peers refreshing with it never learned that the seed
        // brought in was a seed: they dropped every message whose origin's certificate it had renewed.
        var h = new SimHarness(3, seed: 17);
        h.AddPeers(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        int four = AddJoiningSeed(h, NewSeed(4), 8);
        h.Run(10);
        h.Net.Partition(new Dictionary<int, int> { [h.SeedIndex[2]] = 1 }, "seed 2 cut off");
        var answers = new List<string?>();
        Change(h, h.SeedIndex[0], 12, SeedSetChange.Add(NewSeed(4)), answers);
        h.Run(25);
        Assert.That(answers, Is.EqualTo(new string?[] { null }));
        Assert.That(SeedAt(h, h.SeedIndex[0]).SeedSet.Version, Is.EqualTo(2), "seeds 0, 1 and 4 made the change");
        Assert.That(SeedAt(h, h.SeedIndex[2]).SeedSet.Version, Is.EqualTo(0), "seed 2, cut off, did not hear it");
        long commitsBefore = h.Trace.Of(TraceKind.Committed).Count();
        h.Net.Heal();
        h.Run(25 + 3 * h.SeedConfig.AntiEntropyInterval.TotalSeconds);
        Assert.That(h.Trace.Of(TraceKind.Committed).Count(), Is.EqualTo(commitsBefore), "no commit since: nothing else could show it");
        Assert.That(SeedAt(h, h.SeedIndex[2]).SeedSet.SameAs(SeedAt(h, four).SeedSet), $"seed 2 holds {SeedAt(h, h.SeedIndex[2]).SeedSet}");
        Assert.That(SeedAt(h, h.SeedIndex[2]).SeedSet.Version, Is.EqualTo(2));
    }

    [Test]
    public void RemovingASeedThatIsDown_LeavesTwoSeedsThatDecideTogether()
    {
        var h = new SimHarness(3, seed: 12);
        h.AddPeers(12, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        h.Run(10);
        h.Net.Crash(h.SeedIndex[2]);
        var answers = new List<string?>();
        Change(h, h.SeedIndex[0], 12, SeedSetChange.Remove(h.SeedAddresses[2]), answers);
        h.Run(70); // peers learn the set at their next answered refresh (every 30 s; one to the crashed seed goes unanswered)

        Assert.That(answers, Is.EqualTo(new string?[] { null }));
        var two = new SeedSet(2, h.SeedAddresses[..2]);
        Assert.That(SeedAt(h, h.SeedIndex[0]).SeedSet.SameAs(two) && SeedAt(h, h.SeedIndex[1]).SeedSet.SameAs(two));
        Assert.That(h.LivePeers.Select(p => p.SeedSetVersion), Has.All.EqualTo(2L));

        int victim = h.PeerIndex[3];
        var dead = h.Net.AddressOf(victim);
        h.Net.Crash(victim);
        h.Run(100);
        Assert.That(SeedAt(h, h.SeedIndex[0]).Peers.IsLive(dead) || SeedAt(h, h.SeedIndex[1]).Peers.IsLive(dead), Is.False,
            "both remaining seeds removed the crashed peer: a majority of two is both");
        Assert.That(h.Trace.Of(TraceKind.MemberRemoved).Select(e => e.Peer).Distinct(), Is.EqualTo(new[] { dead }));
    }

    /// <summary>
    /// Peers started after a seed was added and another removed, with the first list still (as a seed list file on disk is): a
    /// peer that learns the steps while it registers may hold, when the set shrinks, acceptances from a majority of the new set
    /// already. It is registered then; it asked nobody more and waited for an answer that could not come (CI's real-node run of
    /// SeedSetVoteProcessTests: "registration incomplete (2 of 2 seeds accepted); retrying" for three minutes).
    /// </summary>
    [Test]
    public void PeersStartedAfterTheSetGrewAndShrank_WithTheFirstList_AllRegister()
    {
        var h = new SimHarness(3, seed: 31);
        h.AddPeers(6, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        AddJoiningSeed(h, NewSeed(4), 8);
        var answers = new List<string?>();
        Change(h, h.SeedIndex[0], 10, SeedSetChange.Add(NewSeed(4)), answers);
        Change(h, h.SeedIndex[1], 20, SeedSetChange.Remove(h.SeedAddresses[2]), answers);
        h.Run(30);
        Assert.That(answers, Is.EqualTo(new string?[] { null, null }), "both changes were proposed");
        h.Net.Crash(h.SeedIndex[2]); // the seed voted out is stopped, as its operator would
        h.AddPeers(60, TimeSpan.FromSeconds(31), TimeSpan.FromSeconds(10));
        h.Run(70);

        var late = h.PeerIndex.Skip(6).Select(i => (PeerNode)h.Net.NodeAt(i)!).ToArray();
        Assert.That(late.Where(p => !p.IsRegistered).Select(p => p.Address), Is.Empty, "every peer started after the changes registered");
        Assert.That(late.Select(p => p.SeedSetVersion), Has.All.EqualTo(4L), "and learned the set in force");
    }

    /// <summary>
    /// Newcomers registered under a seed set the first peers have not learned yet (a seed added just before they came): their link
    /// requests show certificates counted at that set's version. A peer that does not know the version waits for it (asks the seeds
    /// for the steps) and then decides, instead of refusing: refused by every earlier peer, the newcomers linked only to each other,
    /// their asks satisfied by each other's links, and the overlay stayed two islands for the rest of the run (CI's in-process
    /// seed-set run: three early peers and three late ones, each message reached 2 of 5).
    /// </summary>
    [Test]
    public void NewcomersRegisteredUnderANewerSeedSet_AreLinkedByPeersThatHadNotLearnedIt_AndTheOverlayIsOne()
    {
        var h = EarlyPeersThenASeedAdded(early: 3, linksPerNewcomer: 2);
        var early = h.LivePeers.ToArray();
        Assert.That(early.Select(p => p.SeedSetVersion), Has.All.EqualTo(0L), "the first peers have not learned the change yet");
        h.AddPeers(3, TimeSpan.FromSeconds(11), TimeSpan.FromSeconds(0.05));
        h.Run(13);

        var late = h.LivePeers.Skip(3).ToArray();
        Assert.That(late.Select(p => p.SeedSetVersion), Has.All.EqualTo(2L), "the newcomers registered under the new set");
        Assert.That(early.Sum(p => p.LinksRefused), Is.Zero, "no early peer refused a newcomer's link");
        Assert.That(late.Select(p => p.Neighbours.Count(n => early.Any(e => e.Address == n.Address))), Has.All.Positive,
            "every newcomer is linked to a peer that came before the change");
    }

    /// <summary>
    /// A newcomer registered under a seed set the eight early peers have not learned links to one of them, and its gossip is relayed
    /// to the others: each copy is held until the steps come, then taken, not dropped as "not its origin's" (a flood sends it once:
    /// on a bed, a newcomer's first message reached every peer but the one that learned the set 0.2 s after refusing both its
    /// copies). Every early peer takes every one of its messages; with the gossip not held, early peers took none of its five.
    /// </summary>
    [Test]
    public void GossipFromNewcomersRegisteredUnderANewerSeedSet_ReachesPeersThatHadNotLearnedIt()
    {
        var h = EarlyPeersThenASeedAdded(early: 8, linksPerNewcomer: 1);
        var early = h.LivePeers.Select(p => p.Address).ToHashSet();
        h.AddPeers(1, TimeSpan.FromSeconds(11), TimeSpan.FromSeconds(0.05));
        h.Run(30);

        var fromNewcomers = h.Trace.Of(TraceKind.GossipCreated).Where(e => !early.Contains(e.Node)).Select(e => e.Message).ToList();
        Assert.That(fromNewcomers, Is.Not.Empty, "the newcomers gossiped");
        var taken = h.Trace.Of(TraceKind.GossipDelivered).Select(e => (e.Node, e.Message)).ToHashSet();
        var missed = early.SelectMany(p => fromNewcomers.Where(m => !taken.Contains((p, m))).Select(m => $"{p} never took {m}")).ToList();
        Assert.That(missed, Is.Empty);
    }

    /// <summary>Early peers started from 1 s, a seed added by the seeds' vote at 10 s, run to 11 s: what the two tests above share
    /// before their newcomers come.</summary>
    private static SimHarness EarlyPeersThenASeedAdded(int early, int linksPerNewcomer)
    {
        var h = new SimHarness(3, seed: 17, peer: SimHarness.FastPeer() with { LinksPerNewcomer = linksPerNewcomer });
        h.AddPeers(early, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.5));
        AddJoiningSeed(h, NewSeed(4), 8);
        Change(h, h.SeedIndex[0], 10, SeedSetChange.Add(NewSeed(4)), new List<string?>());
        h.Run(11);
        return h;
    }

    [Test]
    public void ReplacingACrashedSeedWithANewOne_TheNewOneVotesAndHoldsTheMembership()
    {
        var h = new SimHarness(3, seed: 13);
        h.AddPeers(12, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        int fresh = AddJoiningSeed(h, NewSeed(7), 11);
        h.Run(10);
        h.Net.Crash(h.SeedIndex[1]);
        var answers = new List<string?>();
        Change(h, h.SeedIndex[0], 12, SeedSetChange.Replace(h.SeedAddresses[1], NewSeed(7)), answers);
        h.Run(30);

        Assert.That(answers, Is.EqualTo(new string?[] { null }));
        var replaced = new SeedSet(2, [h.SeedAddresses[0], h.SeedAddresses[2], NewSeed(7)]);
        foreach (int i in new[] { h.SeedIndex[0], h.SeedIndex[2], fresh })
            Assert.That(SeedAt(h, i).SeedSet.SameAs(replaced), SeedAt(h, i).SeedSet.ToString());
        Assert.That(SeedAt(h, fresh).Peers.LiveCount, Is.EqualTo(12));

        // The new seed's vote counts: with seed 0 down too, seed 2 and the new seed remove a dead peer.
        h.Net.Crash(h.SeedIndex[0]);
        int victim = h.PeerIndex[4];
        var dead = h.Net.AddressOf(victim);
        h.Net.Crash(victim);
        h.Run(70);
        Assert.That(SeedAt(h, fresh).Peers.IsLive(dead), Is.False);
        Assert.That(SeedAt(h, h.SeedIndex[2]).Peers.IsLive(dead), Is.False);
    }

    [Test]
    public void ASeedRestartedAfterAChange_StartsAtTheSetInForce_FromItsStore()
    {
        var h = new SimHarness(3, seed: 15);
        h.AddPeers(8, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        AddJoiningSeed(h, NewSeed(4), 8);
        var answers = new List<string?>();
        Change(h, h.SeedIndex[0], 10, SeedSetChange.Add(NewSeed(4)), answers);
        h.Run(25);
        Assert.That(SeedAt(h, h.SeedIndex[1]).SeedSet.Version, Is.EqualTo(2L));

        h.Net.Crash(h.SeedIndex[1]);
        h.Run(26);
        h.Net.Restart(h.SeedIndex[1]);
        h.Run(26.001); // its start, before any other seed could have told it anything
        Assert.That(SeedAt(h, h.SeedIndex[1]).SeedSet.SameAs(new SeedSet(2, [.. h.SeedAddresses, NewSeed(4)])),
            SeedAt(h, h.SeedIndex[1]).SeedSet.ToString());
    }

    /// <summary>
    /// The namespace bed under a loaded CI (2026-12-01): seed 0 proposed an add and crashed before the votes came back, so the
    /// promises the others gave it were never released, and every later change was voted down ("promised version 1 ... to seed
    /// 0's proposal"). Now the seed given the next change, voted down by that promise, proposes the promised set itself once it
    /// gives up: the add commits (the operator asked for it), the seeds go on, and the change given again after it passes.
    /// </summary>
    [Test]
    public void AProposerThatCrashedBeforeTheVotesCameBack_LeavesNoPromiseThatBlocksTheSet_TheOthersCommitItsSet()
    {
        var h = new SimHarness(3, seed: 19);
        h.AddPeers(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        AddJoiningSeed(h, NewSeed(8), 8);
        AddJoiningSeed(h, NewSeed(9), 8);
        var answers = new List<string?>();
        Change(h, h.SeedIndex[0], 10, SeedSetChange.Add(NewSeed(8)), answers);
        // Its proposal is on the wire (10-50 ms a message): it crashes before any vote is back.
        h.Net.Schedule(TimeSpan.FromSeconds(10.005), () => h.Net.Crash(h.SeedIndex[0]));
        Change(h, h.SeedIndex[1], 15, SeedSetChange.Add(NewSeed(9)), answers);
        h.Run(30);

        Assert.That(answers, Is.EqualTo(new string?[] { null, null }), "both changes were proposed");
        var one = SeedAt(h, h.SeedIndex[1]);
        var two = SeedAt(h, h.SeedIndex[2]);
        var withEight = new SeedSet(2, [.. h.SeedAddresses, NewSeed(8)]);
        Assert.That(one.SeedSet.SameAs(withEight), $"seed 1 holds {one.SeedSet}: the crashed proposer's add, which seeds 1 and 2 promised");
        Assert.That(two.SeedSet.SameAs(withEight), $"seed 2 holds {two.SeedSet}");

        // The operator gives the add of seed 9 again (its first proposal was given up for the promised set): it passes.
        Change(h, h.SeedIndex[1], 31, SeedSetChange.Add(NewSeed(9)), answers);
        h.Run(50);
        var withBoth = new SeedSet(4, [.. h.SeedAddresses, NewSeed(8), NewSeed(9)]);
        Assert.That(one.SeedSet.SameAs(withBoth), $"seed 1 holds {one.SeedSet}");
        var sets = h.Trace.Of(TraceKind.SeedSetChanged).GroupBy(e => e.A)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Detail?.Replace(SeedSetStanding.Counted, "").Replace(SeedSetStanding.LeftOut, "")).Distinct().ToArray());
        Assert.That(sets.Values, Has.All.Length.EqualTo(1), "no version holds two sets anywhere");
    }

    [Test]
    public void TwoOperatorsAtOnce_OneChangeWins_AndEverySeedHoldsTheSameSetAtEachVersion()
    {
        var h = new SimHarness(3, seed: 14);
        h.AddPeers(6, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        AddJoiningSeed(h, NewSeed(8), 8);
        AddJoiningSeed(h, NewSeed(9), 8);
        var answers = new List<string?>();
        Change(h, h.SeedIndex[0], 10, SeedSetChange.Add(NewSeed(8)), answers);
        Change(h, h.SeedIndex[2], 10, SeedSetChange.Add(NewSeed(9)), answers);
        h.Run(40);

        // The set and its change, without what a seed's own line says of itself (SeedSetStanding): peers' lines do not say it.
        static string? SetOf(string? detail) =>
            detail?.Replace(SeedSetStanding.Counted, "").Replace(SeedSetStanding.LeftOut, "");
        var sets = h.Trace.Of(TraceKind.SeedSetChanged).GroupBy(e => e.A)
            .ToDictionary(g => g.Key, g => g.Select(e => SetOf(e.Detail)).Distinct().ToArray());
        Assert.That(sets.Keys, Does.Contain(2L), "one change went through both steps");
        Assert.That(sets.Values, Has.All.Length.EqualTo(1), "no version holds two sets anywhere");
        var first = h.LiveSeeds.First(s => h.SeedAddresses.Contains(s.Name)).SeedSet;
        Assert.That(h.LiveSeeds.Where(s => h.SeedAddresses.Contains(s.Name)).Select(s => s.SeedSet.ToString()), Has.All.EqualTo(first.ToString()));
    }
}

/// <summary>Issue 56, 2: what one insider seed can do to the seed set by real messages in the simulator: nothing alone.</summary>
public class SeedSetInsiderTests
{
    /// <summary>A seed of the list that lies: it sends every node a step bringing in a seed of its own, with its vote alone.</summary>
    private sealed class LyingSeed(NodeAddress[] seeds, NodeAddress[] peers, NodeAddress accomplice) : Node
    {
        public int YesVotes, NoVotes;

        public override NodeRole Role => NodeRole.Seed;

        protected override void OnStart() => Ctx.SetTimer(TimeSpan.FromSeconds(15), new TimerTag(TimerKind.AntiEntropyTick));

        public override void OnMessage(NodeAddress from, Message message)
        {
            if (message is Ping p) Ctx.Send(from, new Pong(p.Nonce, 1, Array.Empty<NodeAddress>()));
            if (message is SeedSetVote v && v.Yes) YesVotes++;
            if (message is SeedSetVote { Yes: false }) NoVotes++;
        }

        public override void OnTimer(TimerTag tag)
        {
            var start = new SeedSet(0, seeds);
            var joint = SeedSetRules.Begin(start, SeedSetChange.Add(accomplice)).Next!;
            var forged = new SeedSetStep(joint, SeedSetChange.Add(accomplice), [new SignedVote(Ctx.Self, [])]);
            foreach (var s in seeds.Concat(peers)) if (s != Ctx.Self) Ctx.Send(s, forged);
            // And a proposal of the same set, which the honest seeds judge as any other.
            foreach (var s in seeds) if (s != Ctx.Self) Ctx.Send(s, new ProposeSeedSet(1, joint, SeedSetChange.Add(accomplice), []));
        }
    }

    [Test]
    public void ALyingSeed_ForgingAStepWithItsVoteAlone_MovesNoNode_AndItsProposalWithoutTheOperatorsApprovalGetsNoYes()
    {
        var accomplice = new NodeAddress((10u << 24) | 66u, 5000);
        var peers = Enumerable.Range(0, 10).Select(SimHarness.PeerAddress).ToArray();
        LyingSeed? liar = null;
        var h = new SimHarness(3, seed: 21, seedNodeOf: (i, seeds) => i == 2 ? liar = new LyingSeed(seeds, peers, accomplice) : null);
        h.AddPeers(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        h.Run(40);

        Assert.That(h.LivePeers.All(p => p.IsRegistered), "the honest two seeds admit every peer");
        Assert.That(h.LiveSeeds.Select(s => s.SeedSet.Version), Has.All.EqualTo(0L), "no seed took the forged step");
        Assert.That(h.LivePeers.Select(p => p.SeedSetVersion), Has.All.EqualTo(0L), "no peer took it");
        Assert.That(h.Trace.Of(TraceKind.SeedSetChanged), Is.Empty);
        Assert.That((liar!.YesVotes, liar.NoVotes), Is.EqualTo((0, 2)), "both honest seeds voted no: the change carries no approval");
    }

    /// <summary>A seed of the list that votes no to every proposal, naming a set of its own as promised (bringing in its
    /// accomplice), with a forged approval or the real change's approval over another change.</summary>
    private sealed class PromiseLiar(NodeAddress[] seeds, NodeAddress accomplice, byte[] approval) : Node
    {
        public int Proposals;

        public override NodeRole Role => NodeRole.Seed;

        protected override void OnStart() { }

        public override void OnTimer(TimerTag tag) { }

        public override void OnMessage(NodeAddress from, Message message)
        {
            if (message is Ping p) Ctx.Send(from, new Pong(p.Nonce, 1, Array.Empty<NodeAddress>()));
            if (message is not ProposeSeedSet m) return;
            Proposals++;
            var change = SeedSetChange.Add(accomplice);
            var set = SeedSetRules.Begin(new SeedSet(0, seeds), change).Next!;
            Ctx.Send(from, new SeedSetVote(m.ProposalId, false, "promised another set", 0, null, new PromisedSet(set, change, approval)));
        }
    }

    /// <summary>
    /// The no that names a promised set is what makes a proposer propose that set in its own name: an insider seed naming a set of
    /// its own, with no operator's approval for it, moves the proposer to nothing. Seed 1 is down, so the honest proposal gives up.
    /// </summary>
    [TestCase(new byte[0], TestName = "ALyingSeedsNo_NamingASetOfItsOwnWithoutApproval_IsNotProposedByTheSeedItVotedDown")]
    [TestCase(new byte[] { 0x0B }, TestName = "ALyingSeedsNo_NamingASetOfItsOwnWithAForgedApproval_IsNotProposedByTheSeedItVotedDown")]
    public void ALyingSeedsNo_NamingASetOfItsOwn_IsNotProposed(byte[] approval)
    {
        var accomplice = new NodeAddress((10u << 24) | 66u, 5000);
        PromiseLiar? liar = null;
        var h = new SimHarness(3, seed: 23, seedNodeOf: (i, seeds) => i == 2 ? liar = new PromiseLiar(seeds, accomplice, approval) : null);
        h.AddPeers(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        var eight = new NodeAddress((10u << 24) | 8u, 5000);
        h.Net.AddNode(eight, inc => new SeedNode(h.SeedConfig, h.SeedAddresses, inc, store: new MemoryCommitStore(), joining: true),
            TimeSpan.FromSeconds(8));
        h.Net.Schedule(TimeSpan.FromSeconds(9), () => h.Net.Crash(h.SeedIndex[1]));
        var answers = new List<string?>();
        h.Net.Schedule(TimeSpan.FromSeconds(10), () => h.Net.Command(h.SeedIndex[0],
            n => answers.Add(((SeedNode)n).ChangeSeedSet(SeedSetChange.Add(eight), StructuralIdentity.OperatorApproval))));
        h.Run(30);

        Assert.That(answers, Is.EqualTo(new string?[] { null }), "the honest change was proposed");
        Assert.That(liar!.Proposals, Is.EqualTo(1), "seed 0 proposed once: it did not propose the liar's set after giving up");
        Assert.That(h.Trace.Of(TraceKind.SeedSetChanged), Is.Empty, "no set changed");
        Assert.That(SeedSetVoteTests.SeedAt(h, h.SeedIndex[0]).SeedSet.Version, Is.EqualTo(0L));
    }

}
