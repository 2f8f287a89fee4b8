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

    /// <summary>An honest seed until <paramref name="turnAt"/>; then, with <paramref name="accomplice"/>'s vote (which it would sign
    /// with its own key: in the simulator a vote's signature is structural), it commits a removal of <paramref name="victim"/>
    /// proven at version 0 to <paramref name="targets"/>, as a commit and as an anti-entropy reply.</summary>
    private sealed class TurnedSeed(SeedNode inner, NodeAddress accomplice, Func<NodeAddress> victim, NodeAddress[] targets, TimeSpan turnAt)
        : Node
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
            var dead = victim();
            if (!inner.Peers.TryGet(dead, out var member, out _)) return;
            var proof = new CommitProof(null, [new SignedVote(Ctx.Self, []), new SignedVote(accomplice, [])], 0);
            var forged = new CommittedOp(Ctx.Self, 1, 1_000_000, new MembershipOp(MembershipChange.Remove, member), proof);
            var forgedToo = forged with { Sequence = 1_000_001 };
            foreach (var t in targets)
            {
                Ctx.Send(t, new Commit(forged, 2, 3));
                Ctx.Send(t, new SyncReply([forgedToo], false));
            }
        }
    }

    private static SeedNode SeedAt(SimHarness h, int index) => h.Net.NodeAt(index) switch
    {
        SeedNode s => s,
        var n => throw new InvalidOperationException($"{n} is not a seed"),
    };

    [Test]
    public void TwoSeedsVotedOut_ThatWereAMajorityOfTheFirstSet_CannotRemoveAPeerWithAProofAtThatVersion()
    {
        SimHarness? net = null;
        var newSet = new[] { NewSeed(2 + 1), NewSeed(4), NewSeed(5) };
        var firstVictim = new NodeAddress[1];
        var inners = new SeedNode?[2];
        var h = net = new SimHarness(3, seed: 58, seedNodeOf: (i, seeds) =>
        {
            if (i > 1) return null;
            var inner = inners[i] = new SeedNode(net!.SeedConfig, seeds, 1, store: new MemoryCommitStore());
            return new TurnedSeed(inner, seeds[1 - i], () => firstVictim[0], newSet, i == 0 ? TimeSpan.FromSeconds(60) : TimeSpan.FromDays(1));
        });
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
}
