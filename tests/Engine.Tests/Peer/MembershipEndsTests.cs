using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

/// <summary>
/// On the simulator: a member that said goodbye (and stopped answering the
/// seeds' probes, so it is removed) keeps gossiping new numbers to its neighbours and asking for
/// links. Within one refresh period of the removal no peer takes its gossip or links with it,
/// and its neighbours dropped it; a member that stops refreshing is refused once its renewal runs
/// out; a number beyond the bound is never taken.
/// </summary>
public class MembershipEndsTests
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(12);
    private const int Numbers = 40;
    private static readonly NodeAddress Attacker = new((10u << 24) + (3u << 16) + 1, 7000);

    /// <summary>
    /// A member that speaks only as scripted: registers with every seed, links to <paramref name="linkTo"/>,
    /// answers its neighbours' pings; from <paramref name="leaveAt"/> on it has said goodbye and leaves
    /// the seeds' probes unanswered, yet sends a new message number every half second (and one beyond
    /// the bound); at <paramref name="askAt"/> it asks <paramref name="askLink"/> for a link.
    /// </summary>
    private sealed class Leaver(NodeAddress[] seeds, NodeAddress[] linkTo, TimeSpan? leaveAt, TimeSpan askAt, NodeAddress askLink) : Node
    {
        private int _accepted, _next = 1;
        private bool _left;
        public MembershipCertificate Certificate { get; private set; }
        public LinkReply? LateReply { get; private set; }
        public int Sent { get; private set; }
        public override NodeRole Role => NodeRole.Peer;

        protected override void OnStart()
        {
            foreach (var s in seeds) Ctx.Send(s, new RegisterRequest(1));
            if (leaveAt is { } at) Ctx.SetTimer(at - Ctx.Now, new TimerTag(TimerKind.MembershipRefresh));
            Ctx.SetTimer(askAt - Ctx.Now, new TimerTag(TimerKind.LinkTimeout));
        }

        public override void OnMessage(NodeAddress from, Message message)
        {
            switch (message)
            {
                case DialBackChallenge c: Ctx.Send(c.Seed, new DialBackAnswer(c.Nonce)); break;
                case RegisterReply { Accepted: true } r:
                    Certificate = r.Certificate;
                    if (++_accepted == seeds.Length)
                        foreach (var p in linkTo) Ctx.Send(p, new LinkRequest(1, Certificate));
                    break;
                case LinkReply r when from == askLink: LateReply = r; break;
                case LinkReply { Accepted: true } when _next == 1: Gossip(); break; // one message while a member
                case Ping p when !(_left && Array.IndexOf(seeds, from) >= 0): Ctx.Send(from, new Pong(p.Nonce, 1, [])); break;
            }
        }

        public override void OnTimer(TimerTag tag)
        {
            switch (tag.Kind)
            {
                case TimerKind.MembershipRefresh:
                    _left = true;
                    foreach (var s in seeds) Ctx.Send(s, new Goodbye(1));
                    Ctx.SetTimer(TimeSpan.FromSeconds(0.5), new TimerTag(TimerKind.GossipTick));
                    break;
                case TimerKind.GossipTick:
                    Gossip();
                    if (_next <= Numbers + 1) Ctx.SetTimer(TimeSpan.FromSeconds(0.5), tag);
                    break;
                case TimerKind.LinkTimeout: Ctx.Send(askLink, new LinkRequest(1, Certificate)); break;
            }
        }

        private void Gossip()
        {
            var m = new Messages.Gossip(new MessageId(Address, _next++), Ctx.Now, 1, false, [], Certificate);
            foreach (var p in linkTo) Ctx.Send(p, m);
            Sent++;
        }
    }

    private static SimHarness Network(ulong seed)
    {
        var peer = SimHarness.FastPeer() with { MembershipRefresh = Refresh, MessagesPerPeer = Numbers };
        var h = new SimHarness(3, seed, peer, SimHarness.FastSeed() with { CertificateLifetime = Lifetime });
        h.AddPeers(20, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(3));
        return h;
    }

    [TestCase(7ul)]
    [TestCase(8ul)]
    public void ARemovedMember_GossipingOn_IsRefusedEverywhereWithinOneRefreshPeriod_AndItsNeighboursDropIt(ulong seed)
    {
        var h = Network(seed);
        var neighbours = new[] { SimHarness.PeerAddress(0), SimHarness.PeerAddress(1), SimHarness.PeerAddress(2) };
        var askAt = TimeSpan.FromSeconds(40);
        Leaver leaver = null!;
        h.Net.AddNode(Attacker, _ => leaver = new Leaver(h.SeedAddresses, neighbours, TimeSpan.FromSeconds(15), askAt, SimHarness.PeerAddress(10)), TimeSpan.FromSeconds(5));
        h.Run(45);

        var removed = h.Trace.Of(TraceKind.MemberRemoved).Where(e => e.Peer == Attacker).Select(e => e.Time).DefaultIfEmpty(TimeSpan.MaxValue).Min();
        Assert.That(removed, Is.LessThan(TimeSpan.FromSeconds(20)), "its goodbye removed it");
        var delivered = h.Trace.Of(TraceKind.GossipDelivered).Where(e => e.Message.Origin == Attacker).ToList();
        var lastTaken = delivered.Max(e => e.Time);
        var dropped = h.Trace.Of(TraceKind.LinkDown).Where(e => e.Peer == Attacker).ToList();
        TestContext.Out.WriteLine($"seed {seed}: removed at {removed.TotalSeconds:0.000} s; it sent {leaver.Sent} messages; " +
            $"{delivered.Count} deliveries, the last {(lastTaken - removed).TotalSeconds:0.000} s after the removal; " +
            $"its neighbours dropped it {string.Join(", ", dropped.Select(e => $"{(e.Time - removed).TotalSeconds:0.000} s ({e.Detail})"))} after; the last refusal of its gossip at a peer holding the removal {h.LivePeers.Max(p => p.GossipRejected)} rejected");

        Assert.That(delivered.Count(e => e.Time < removed), Is.GreaterThan(0), "a member's gossip is taken");
        Assert.That(lastTaken - removed, Is.LessThanOrEqualTo(Refresh + TimeSpan.FromSeconds(0.5)), "no peer takes its gossip a refresh period after the removal");
        Assert.That(dropped.Select(e => e.Node).Distinct(), Is.EquivalentTo(neighbours), "each neighbour dropped its link");
        Assert.That(dropped.Max(e => e.Time) - removed, Is.LessThanOrEqualTo(Refresh + TimeSpan.FromSeconds(0.5)));
        Assert.That(delivered.Any(e => e.Message.Number > Numbers), Is.False, "a number beyond the bound is never taken");
        Assert.That(leaver.LateReply, Is.Not.Null.And.Property(nameof(LinkReply.Accepted)).False, "a link request after the removal is refused");
        Assert.That(h.LivePeers.Where(p => p.Neighbours.Any(n => n.Address == Attacker)), Is.Empty);
    }

    [Test]
    public void AMemberThatStopsRefreshing_IsRefused_OnceItsRenewalRunsOut()
    {
        var h = Network(9);
        var askAt = TimeSpan.FromSeconds(5) + Lifetime + TimeSpan.FromSeconds(5);
        Leaver leaver = null!;
        // Never leaves: it answers every probe, so the seeds keep listing it; it only never refreshes.
        h.Net.AddNode(Attacker, _ => leaver = new Leaver(h.SeedAddresses, [SimHarness.PeerAddress(0)], null, askAt, SimHarness.PeerAddress(10)), TimeSpan.FromSeconds(5));
        h.Run(askAt.TotalSeconds + 2);

        Assert.That(h.LiveSeeds.All(s => s.Peers.IsLive(Attacker)), Is.True, "still listed: only its renewal ran out");
        Assert.That(leaver.Certificate.Renewal!.ValidUntil, Is.LessThan(askAt));
        Assert.That(leaver.LateReply, Is.Not.Null.And.Property(nameof(LinkReply.Accepted)).False, "its expired certificate gets no link");
        Assert.That(h.Peer(10).LinksRefused, Is.EqualTo(1));
        Assert.That(h.LivePeers.All(p => p.Certificate.Renewal!.ValidUntil > h.Net.Now), Is.True, "every refreshing peer's certificate is current");
    }
}
