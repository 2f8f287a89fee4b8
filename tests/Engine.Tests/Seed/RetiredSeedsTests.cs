using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Seed;
using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

/// <summary>
/// Seeds the operator replaced lose their voice: two of three seeds voted out (say, their hosts were taken) were a majority of the
/// first set, so they can still sign a removal "at version 0" that proves a majority of that set. Sent after the change, as a
/// commit or in an anti-entropy reply, the seeds of the new set refuse it: a seed a change left out is a seed for a grace after
/// the change, for what it sent while it voted, and then no longer.
/// </summary>
public class RetiredSeedsTests
{
    private static NodeAddress NewSeed(int n) => new((10u << 24) | (uint)n, 5000);

    /// <summary>An honest seed until <paramref name="turnAt"/>; then it runs <paramref name="forge"/> once (with its context and its
    /// own seed node's state).</summary>
    private sealed class TurnedSeed(SeedNode inner, Action<NodeContext, SeedNode> forge, TimeSpan turnAt) : Node
    {
        private const long Turn = 0x7E7E7E;
        public override NodeRole Role => NodeRole.Seed;
        protected override void OnStart()
        {
            inner.Start(Ctx);
            Ctx.SetTimer(turnAt - Ctx.Now, new TimerTag(TimerKind.GossipTick, Turn));
        }
        public override void OnMessage(NodeAddress from, Message message) => inner.OnMessage(from, message);
        public override void OnTimer(TimerTag tag)
        {
            if (tag.Kind != TimerKind.GossipTick || tag.Arg != Turn)
            {
                inner.OnTimer(tag);
                return;
            }
            forge(Ctx, inner);
        }
    }

    /// <summary>A removal of <paramref name="victim"/> proven at version 0 by this seed's and <paramref name="accomplice"/>'s votes
    /// (which it would sign with its own key: in the simulator a vote's signature is structural); null if it does not list it.</summary>
    private static CommittedOp? ForgedRemoval(NodeContext ctx, SeedNode inner, NodeAddress accomplice, NodeAddress victim)
    {
        if (!inner.Peers.TryGet(victim, out var member, out _)) return null;
        var proof = new CommitProof(null, [new SignedVote(ctx.Self, []), new SignedVote(accomplice, [])], 0);
        return new CommittedOp(ctx.Self, 1, 1_000_000, new MembershipOp(MembershipChange.Remove, member), proof);
    }

    /// <summary>Three seeds; at 12 s and 25 s seeds 0 and 1 are replaced by seeds 4 and 5 (by seed 2's command). Seeds 0 and 1 are
    /// <paramref name="turned"/> into what the test makes them.</summary>
    private static (SimHarness H, int Four, int Five, List<string?> Answers) TwoReplacements(ulong seed,
        Func<int, NodeAddress[], SeedNode, Node> turned)
    {
        SimHarness? net = null;
        var h = net = new SimHarness(3, seed: seed, seedNodeOf: (i, seeds) =>
            i > 1 ? null : turned(i, seeds, new SeedNode(net!.SeedConfig, seeds, 1, store: new MemoryCommitStore())));
        h.AddPeers(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        int four = h.Net.AddNode(NewSeed(4), inc => new SeedNode(h.SeedConfig, h.SeedAddresses, inc, store: new MemoryCommitStore(), joining: true),
            TimeSpan.FromSeconds(11));
        int five = h.Net.AddNode(NewSeed(5), inc => new SeedNode(h.SeedConfig, h.SeedAddresses, inc, store: new MemoryCommitStore(), joining: true),
            TimeSpan.FromSeconds(11));
        var answers = new List<string?>();
        h.Net.Schedule(TimeSpan.FromSeconds(12), () => h.Net.Command(h.SeedIndex[2],
            n => answers.Add(((SeedNode)n).ChangeSeedSet(SeedSetChange.Replace(h.SeedAddresses[0], NewSeed(4)), StructuralIdentity.OperatorApproval))));
        h.Net.Schedule(TimeSpan.FromSeconds(25), () => h.Net.Command(h.SeedIndex[2],
            n => answers.Add(((SeedNode)n).ChangeSeedSet(SeedSetChange.Replace(h.SeedAddresses[1], NewSeed(5)), StructuralIdentity.OperatorApproval))));
        return (h, four, five, answers);
    }

    private static SeedNode SeedAt(SimHarness h, int index) => h.Net.NodeAt(index) switch
    {
        SeedNode s => s,
        var n => throw new InvalidOperationException($"{n} is not a seed"),
    };

    [Test]
    public void TwoSeedsVotedOut_ThatWereAMajorityOfTheFirstSet_CannotRemoveAPeerWithAProofAtThatVersion()
    {
        var newSet = new[] { NewSeed(2 + 1), NewSeed(4), NewSeed(5) };
        var firstVictim = new NodeAddress[1];
        var (h, four, five, answers) = TwoReplacements(58, (i, seeds, inner) => new TurnedSeed(inner, (ctx, me) =>
        {
            if (ForgedRemoval(ctx, me, seeds[1 - i], firstVictim[0]) is not { } forged) return;
            foreach (var t in newSet)
            {
                ctx.Send(t, new Commit(forged, 2, 3));
                ctx.Send(t, new SyncReply([forged with { Sequence = 1_000_001 }], false));
            }
        }, i == 0 ? TimeSpan.FromSeconds(60) : TimeSpan.FromDays(1)));
        h.Run(50);
        Assert.That(answers, Is.EqualTo(new string?[] { null, null }), "both replacements were proposed");
        var current = new[] { SeedAt(h, h.SeedIndex[2]), SeedAt(h, four), SeedAt(h, five) };
        Assert.That(current.Select(s => s.SeedSet.Seeds), Has.All.EquivalentTo(newSet), "the set is seeds 2, 4 and 5");
        firstVictim[0] = h.LivePeers.First().Address;
        Assert.That(current.All(s => s.Peers.IsLive(firstVictim[0])));

        var ended = h.Trace.Of(TraceKind.SeedSetChanged).Max(e => e.Time);
        h.Run(80);
        TestContext.Out.WriteLine($"the second replacement ended at {ended.TotalSeconds:0.00} s; the forgeries went at 60 s");
        var removed = h.Trace.Of(TraceKind.MemberRemoved).Where(e => e.Peer == firstVictim[0]).Select(e => e.Node).ToList();
        Assert.That(removed, Is.Empty, $"the forged removal at version 0 was applied by {string.Join(", ", removed)}");
        Assert.That(current.All(s => s.Peers.IsLive(firstVictim[0])), "every seed of the set still lists the peer");
    }

    /// <summary>
    /// The peers' side: a peer takes a removal notice only from a seed of the set it holds, and it used to learn a change at its
    /// next refresh (30 s by default). Seeds voted out that were a majority of the first set sent every peer a notice that a live
    /// peer was removed, proven at version 0, a moment after the change ended and before any peer's refresh: the peers cut their
    /// links to it and it registered again. The seeds left in the set now send the change's steps to the members they list when
    /// the change ends, so the notices come from seeds the peers no longer count.
    /// </summary>
    [Test]
    public void TwoSeedsVotedOut_CannotCutAPeersLinks_WithANoticeSentBeforeThePeersNextRefresh()
    {
        var victim = new NodeAddress[1];
        var peers = new List<NodeAddress>();
        double turnAt = 29;
        var (h, _, _, answers) = TwoReplacements(58, (i, seeds, inner) => new TurnedSeed(inner, (ctx, me) =>
        {
            if (ForgedRemoval(ctx, me, seeds[1 - i], victim[0]) is not { } forged) return;
            foreach (var p in peers) ctx.Send(p, new RemovalNotice(forged.Op.Peer, forged.Proof));
        }, i == 0 ? TimeSpan.FromSeconds(turnAt) : TimeSpan.FromDays(1)));
        h.Run(turnAt - 0.1);
        Assert.That(answers, Is.EqualTo(new string?[] { null, null }), "both replacements were proposed");
        var seedsTook = h.Trace.Of(TraceKind.SeedSetChanged).Where(e => e.Node == h.SeedAddresses[2] && e.A == 4).Select(e => e.Time).ToList();
        Assert.That(seedsTook, Has.Count.EqualTo(1), "seed 2 took the second replacement's end (version 4) before the forgeries");
        victim[0] = h.Peer(0).Address;
        peers.AddRange(h.LivePeers.Select(p => p.Address));
        var linked = h.LivePeers.Where(p => p.Neighbours.Any(n => n.Address == victim[0])).Select(p => p.Address).ToList();
        Assert.That(linked, Is.Not.Empty, "some peers hold links to the victim");
        var learned = h.Trace.Of(TraceKind.SeedSetChanged).Where(e => peers.Contains(e.Node) && e.A == 4).ToList();
        TestContext.Out.WriteLine($"the change ended at seed 2 at {seedsTook[0].TotalSeconds:0.000} s; peers that held version 4 at {turnAt} s: "
            + $"{learned.Count} of {peers.Count} (last at {(learned.Count > 0 ? learned.Max(e => e.Time.TotalSeconds) : double.NaN):0.000} s); "
            + $"{linked.Count} peers linked to the victim {victim[0]}");

        h.Run(turnAt + 1);
        var cut = linked.Where(a => h.LivePeers.Single(p => p.Address == a).Neighbours.All(n => n.Address != victim[0])).ToList();
        var rejoined = h.Trace.Of(TraceKind.LinkDown).Where(e => e.Time.TotalSeconds >= turnAt && e.Detail == "removed by the seeds").ToList();
        Assert.That(rejoined.Select(e => $"{e.Node} cut its link to {e.Peer}"), Is.Empty, "no peer cut a link on the forged notice");
        Assert.That(cut, Is.Empty, $"peers that dropped the victim within a second of the forgeries: {string.Join(", ", cut)}");
        Assert.That(learned.Select(e => e.Node).Distinct().Count(), Is.EqualTo(peers.Count), "every peer held the new set before the forgeries");
    }
}
