using GossipSim.Engine.Roles;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.HyParView;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.HyParView;

/// <summary>
/// Peers linked only to each other, with nobody in their passive views who would take them (swarm run 5490 of seed 1 on 10a9521: two peers
/// rejoined after a one-way partition and ended linked only to each other, their only passive peer refusing their low-priority
/// NEIGHBORs at every shuffle tick, from 22 s to the run's end at 80 s). A thinly linked peer goes back to the seeds and JOINs
/// through a contact, which takes it whatever its view holds.
/// </summary>
public class ThinIslandTests
{
    /// <summary>A registered member whose active view is full: it takes a JOIN, a FORWARDJOIN's end and a high-priority NEIGHBOR
    /// (room is made for those), refuses a low-priority one, and asks nobody itself.</summary>
    private sealed class FullPeer(NodeAddress[] seeds) : Node
    {
        private int _accepted;
        public MembershipCertificate Certificate { get; private set; }
        public readonly HashSet<NodeAddress> Linked = new();
        public readonly List<NeighbourAsk> Asked = new();
        public override NodeRole Role => NodeRole.Peer;

        protected override void OnStart()
        {
            foreach (var s in seeds) Ctx.Send(s, new RegisterRequest(1));
        }

        public override void OnMessage(NodeAddress from, Message message)
        {
            switch (message)
            {
                case DialBackChallenge c: Ctx.Send(c.Seed, new DialBackAnswer(c.Nonce)); break;
                case RegisterReply { Accepted: true } reply:
                    Certificate = reply.Certificate;
                    _accepted++;
                    break;
                case Ping p: Ctx.Send(from, new Pong(p.Nonce, 1, [])); break;
                case NeighbourRequest { Ask: NeighbourAsk.Low } r:
                    Asked.Add(r.Ask);
                    Ctx.Send(from, new LinkReply(false, 1));
                    break;
                case NeighbourRequest r:
                    Asked.Add(r.Ask);
                    Linked.Add(from);
                    Ctx.Send(from, new LinkReply(true, 1, Certificate));
                    break;
                case LinkClose: Linked.Remove(from); break;
            }
        }

        public override void OnTimer(TimerTag tag) { }
    }

    private static NodeAddress FullAddress(int i) => new((10u << 24) + ((uint)(30 + i) << 16) + 1, 7000);

    [Test]
    public void TwoPeersLinkedOnlyToEachOther_JoinTheRestThroughAContact()
    {
        var h = new SimHarness(3, seed: 60, SimHarness.FastPeer() with { Overlay = Overlay.Hyparview });
        h.AddPeers(2, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(0.5));
        var full = new FullPeer[6];
        for (int i = 0; i < full.Length; i++)
        {
            int k = i;
            h.Net.AddNode(FullAddress(i), _ => full[k] = new FullPeer(h.SeedAddresses), TimeSpan.FromSeconds(2));
        }
        h.Run(4);
        var island = new[] { h.Peer(0), h.Peer(1) };
        Assert.That(island.Select(p => p.Neighbours.Select(n => n.Address).ToArray()),
            Is.EqualTo(new[] { new[] { island[1].Address }, new[] { island[0].Address } }), "the two peers are linked only to each other");
        Assert.That(full.All(f => !f.Certificate.IsNone), Is.True, "the others are registered members the seeds list");

        h.Run(60);
        var others = full.Select(f => f.Address).ToHashSet();
        foreach (var p in island)
        {
            var outside = p.Neighbours.Where(n => others.Contains(n.Address)).Select(n => n.Address).ToList();
            TestContext.Out.WriteLine($"{p.Address}: links {string.Join(", ", p.Neighbours.Select(n => n.Address))}");
            Assert.That(outside, Is.Not.Empty, $"{p.Address} linked beyond the island");
            Assert.That(full.Where(f => f.Linked.Contains(p.Address)).SelectMany(f => f.Asked), Does.Contain(NeighbourAsk.Join),
                $"{p.Address} came in by a JOIN");
        }
    }
}
