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
/// A seed voted out hands over what it alone knew: a leaver's goodbye that reached only the seed being removed, while the joint
/// set could decide nothing (a seed of the new set down), is proposed by the seeds of the new set once the change ends, though
/// the operator stops the old seed at once; before, it went with that seed and the leaver waited for the seeds' sweep of silent
/// members (the swarm's seed 1, run 1126).
/// </summary>
public class SeedHandOverTests
{
    /// <summary>A registered member that answers pings until <paramref name="leaveAt"/>, then says goodbye to <paramref name="told"/>
    /// alone and falls silent.</summary>
    private sealed class Leaver(NodeAddress[] seeds, NodeAddress told, TimeSpan leaveAt) : Node
    {
        public override NodeRole Role => NodeRole.Peer;
        private bool _gone;
        protected override void OnStart()
        {
            foreach (var s in seeds) Ctx.Send(s, new RegisterRequest(1));
            Ctx.SetTimer(leaveAt - Ctx.Now, new TimerTag(TimerKind.GossipTick));
        }
        public override void OnMessage(NodeAddress from, Message message)
        {
            if (_gone) return;
            if (message is DialBackChallenge c) Ctx.Send(c.Seed, new DialBackAnswer(c.Nonce));
            if (message is Ping p) Ctx.Send(from, new Pong(p.Nonce, 1, Array.Empty<NodeAddress>()));
        }
        public override void OnTimer(TimerTag tag)
        {
            Ctx.Send(told, new Goodbye(1));
            _gone = true;
        }
    }

    private static SeedNode SeedAt(SimHarness h, int index) => (SeedNode)h.Net.NodeAt(index)!;

    [Test]
    public void ALeaversGoodbye_ThatReachedOnlyTheSeedVotedOut_IsDecidedByTheSeedsOfTheNewSet_ThoughThatSeedIsStoppedAtOnce()
    {
        var h = new SimHarness(3, seed: 56);
        h.AddPeers(6, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        var leaver = new NodeAddress((10u << 24) + (2u << 16) + 1, 7000);
        int[] seeds = h.SeedIndex;
        h.Net.AddNode(leaver, _ => new Leaver(h.SeedAddresses, h.SeedAddresses[2], TimeSpan.FromSeconds(12)), TimeSpan.FromSeconds(1));
        h.Run(8);
        Assert.That(seeds.All(i => SeedAt(h, i).Peers.IsLive(leaver)), "every seed listed the leaver");

        // Seed 0 down: the joint set (the new set {0, 1} and the old {0, 1, 2}) decides nothing until it is back.
        h.Net.Crash(seeds[0]);
        var answers = new List<string?>();
        h.Net.Schedule(TimeSpan.FromSeconds(9), () => h.Net.Command(seeds[1],
            n => answers.Add(((SeedNode)n).ChangeSeedSet(SeedSetChange.Remove(h.SeedAddresses[2]), StructuralIdentity.OperatorApproval))));
        h.Net.Schedule(TimeSpan.FromSeconds(16), () => h.Net.Restart(seeds[0]));
        // The operator stops seed 2 as soon as it is out of the set.
        TimeSpan? stopped = null;
        for (int k = 0; k < 800; k++)
            h.Net.Schedule(TimeSpan.FromSeconds(10 + k * 0.05), () =>
            {
                if (stopped == null && !SeedAt(h, seeds[2]).SeedSet.Counts(h.SeedAddresses[2]))
                {
                    stopped = h.Net.Now;
                    h.Net.Crash(seeds[2]);
                }
            });
        h.Run(60);

        Assert.That(answers, Is.EqualTo(new string?[] { null }), "the change was proposed");
        Assert.That(stopped, Is.Not.Null, "the change ended and seed 2 was stopped");
        var removed = h.Trace.Of(TraceKind.MemberRemoved).Where(e => e.Peer == leaver && e.Node != h.SeedAddresses[2]).ToList();
        TestContext.Out.WriteLine($"seed 2 out and stopped at {stopped!.Value.TotalSeconds:0.00} s; leaver removed at seeds 0 and 1 at " +
                                  string.Join(", ", removed.Select(e => $"{e.Time.TotalSeconds:0.00} s")));
        Assert.That(removed.Select(e => e.Node).Distinct().Count(), Is.EqualTo(2), "both seeds of the new set removed the leaver");
        // A removal's bound: a probe and a proposal after the change ended, well before a sweep (30 s a pass, two silent passes).
        Assert.That(removed.Max(e => e.Time) - stopped.Value, Is.LessThan(TimeSpan.FromSeconds(5)),
            "decided on seed 2's evidence, not found by the sweep");
        Assert.That(h.Trace.Of(TraceKind.Proposed).Where(e => e.Peer == leaver).Select(e => e.Node), Does.Contain(h.SeedAddresses[2]),
            "seed 2 proposed it while it voted");
        Assert.That(h.Trace.Of(TraceKind.MemberRemoved).Select(e => e.Peer).Distinct(), Is.EqualTo(new[] { leaver }), "no one else removed");
    }

    /// <summary>A seed that lies: from <paramref name="at"/> it hands over the removal of every live peer, <paramref name="times"/>
    /// times each, to the other seeds.</summary>
    private sealed class LyingSeed(NodeAddress[] seeds, Func<IEnumerable<NodeAddress>> victims, TimeSpan at, int times) : Node
    {
        public override NodeRole Role => NodeRole.Seed;
        protected override void OnStart() => Ctx.SetTimer(at - Ctx.Now, new TimerTag(TimerKind.GossipTick));
        public override void OnMessage(NodeAddress from, Message message)
        {
            if (message is Ping p) Ctx.Send(from, new Pong(p.Nonce, 1, Array.Empty<NodeAddress>()));
        }
        public override void OnTimer(TimerTag tag)
        {
            for (int k = 0; k < times; k++)
                foreach (var v in victims())
                    foreach (var s in seeds)
                        if (s != Ctx.Self) Ctx.Send(s, new DeadNodeReport(v, (long)Ctx.Now.TotalSeconds, Ctx.Self));
        }
    }

    [Test]
    public void ASeedHandingOverTheRemovalOfLivePeers_RemovesNone_AndPastItsRateIsDropped()
    {
        SimHarness? net = null;
        var h = net = new SimHarness(3, seed: 57, seedNodeOf: (i, seeds) => i == 2
            ? new LyingSeed(seeds, () => net!.LivePeers.Select(p => p.Address).ToList(), TimeSpan.FromSeconds(10), 4)
            : null);
        h.AddPeers(12, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        h.Run(30);

        var honest = new[] { SeedAt(h, h.SeedIndex[0]), SeedAt(h, h.SeedIndex[1]) };
        Assert.That(h.LivePeers.Count(), Is.EqualTo(12));
        Assert.That(h.Trace.Of(TraceKind.MemberRemoved), Is.Empty, "each seed probed before it proposed, and every peer answered");
        Assert.That(h.Trace.Of(TraceKind.Proposed).Any(e => e.Detail == "remove"), Is.True, "the hand-overs were taken and proposed");
        Assert.That(honest.Select(s => s.ReportsDropped), Has.All.GreaterThan(0L),
            "48 hand-overs at once: past the sender's burst they are dropped unread");
        Assert.That(honest.All(s => h.LivePeers.All(p => s.Peers.IsLive(p.Address))), "every peer is still listed");
    }
}
