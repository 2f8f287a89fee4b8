using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

/// <summary>
/// On the simulator: every registered peer holds the certificate a seed handed it, and a peer
/// links only with a node that shows one for its own address.
/// </summary>
public class CertificateLinkTests
{
    /// <summary>Registers with every seed, then asks a peer for a link showing what the test says (or, <paramref name="gossips"/>, sends
    /// it a gossip message of its own showing it, as if it were a neighbour).</summary>
    private sealed class Requester(NodeAddress target, NodeAddress[] seeds, Func<MembershipCertificate, MembershipCertificate> shown,
        bool gossips = false) : Node
    {
        private int _accepted;
        public LinkReply? Reply { get; private set; }
        public override NodeRole Role => NodeRole.Peer;
        protected override void OnStart()
        {
            foreach (var s in seeds) Ctx.Send(s, new RegisterRequest(1));
        }
        public override void OnMessage(NodeAddress from, Message message)
        {
            if (message is DialBackChallenge c) Ctx.Send(c.Seed, new DialBackAnswer(c.Nonce));
            if (message is RegisterReply { Accepted: true } reply && ++_accepted == seeds.Length)
                Ctx.Send(target, gossips ? new Messages.Gossip(new MessageId(Ctx.Self, 1), Ctx.Now, 1, false, [], shown(reply.Certificate))
                    : new LinkRequest(1, shown(reply.Certificate)));
            if (message is LinkReply r && from == target) Reply = r;
            if (message is Ping p) Ctx.Send(from, new Pong(p.Nonce, 1, []));
        }
        public override void OnTimer(TimerTag tag) { }
    }

    public enum Shown { ItsOwn, None, OneVoteOfIt }

    /// <summary>Its own certificate, counted at a seed-set version nobody voted (99).</summary>
    private static MembershipCertificate Version99(MembershipCertificate own) =>
        own with { Proof = new CommitProof(own.Proof!.PeerKey, own.Proof.Votes, 99) };

    /// <remarks>The simulator's identity checks a certificate's structure only (see StructuralIdentity): another member's would pass here; real nodes refuse it (RealNet.Tests MemberCertificateTests).</remarks>
    [TestCase(Shown.ItsOwn, true)]
    [TestCase(Shown.None, false)]
    [TestCase(Shown.OneVoteOfIt, false)]
    public void APeer_LinksWithANodeOnlyWhenItShowsItsCertificate(Shown shown, bool accepted)
    {
        var h = new SimHarness(3, seed: 41);
        h.AddPeers(3, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        var target = SimHarness.PeerAddress(0);
        var address = new NodeAddress((10u << 24) + (3u << 16) + 1, 7000);
        Requester? requester = null;
        h.Net.AddNode(address, _ => requester = new Requester(target, h.SeedAddresses, own => shown switch
        {
            Shown.ItsOwn => own,
            Shown.None => MembershipCertificate.None,
            _ => own with { Proof = new CommitProof(null, own.Proof!.Votes[..1]) }, // a minority of the votes
        }), TimeSpan.FromSeconds(3));
        h.Run(10);

        Assert.That(h.LivePeers.All(p => !p.Certificate.IsNone), Is.True, "every registered peer holds its certificate");
        Assert.That(requester!.Reply, Is.Not.Null, "the peer answered");
        Assert.That(requester.Reply!.Accepted, Is.EqualTo(accepted));
        Assert.That(h.Peer(0).Neighbours.Any(n => n.Address == address), Is.EqualTo(accepted));
        Assert.That(h.Peer(0).LinksRefused, Is.EqualTo(accepted ? 0 : 1));
    }

    /// <summary>
    /// Strangers showing their own certificates with a seed-set version nobody voted (99): the peer holds their asks for the version
    /// (<see cref="Peer.AsksAwaitingSet"/>), at most its capacity of them, and refuses the rest at once; the version never comes, so
    /// the held ones are dropped unanswered after their wait, and none is linked.
    /// </summary>
    [Test]
    public void AsksShowingAnUnvotedSetVersion_HoldAFewPlacesForAWhile_AndAreNeverLinked()
    {
        var h = new SimHarness(3, seed: 43);
        h.AddPeers(3, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        var target = SimHarness.PeerAddress(0);
        const int strangers = Peer.AsksAwaitingSet.Capacity + 4;
        var requesters = new List<Requester>();
        for (int i = 0; i < strangers; i++)
            h.Net.AddNode(new NodeAddress((10u << 24) + (3u << 16) + 1 + (uint)i, 7000), _ =>
            {
                var r = new Requester(target, h.SeedAddresses, Version99);
                requesters.Add(r);
                return r;
            }, TimeSpan.FromSeconds(3));
        h.Run(3 + Peer.AsksAwaitingSet.MaxWait.TotalSeconds + 5);

        Assert.That(requesters.Count(r => r.Reply is { Accepted: false }), Is.EqualTo(4), "those past the capacity refused at once");
        Assert.That(requesters.Count(r => r.Reply == null), Is.EqualTo(Peer.AsksAwaitingSet.Capacity), "the held ones never answered");
        Assert.That(h.Peer(0).Neighbours.Count(n => n.Address.Ip >> 16 == (10u << 8) + 3), Is.Zero, "none linked");
        Assert.That(h.Peer(0).SeedSetVersion, Is.Zero);
    }

    /// <summary>
    /// Gossip from nodes that are not neighbours, showing a seed-set version nobody voted, is refused as strangers' and takes none of
    /// the places held for a version (<see cref="Peer.AsksAwaitingSet"/>): a link ask that comes after as many such copies as there
    /// are places is still held, not refused for want of one. Before, gossip was held before it was admitted, and the copies of
    /// eight strangers filled the places.
    /// </summary>
    [Test]
    public void GossipFromStrangersShowingAnUnvotedSetVersion_TakesNoPlaceHeldForAVersion()
    {
        var h = new SimHarness(3, seed: 43);
        h.AddPeers(3, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        var target = SimHarness.PeerAddress(0);
        for (int i = 0; i < Peer.AsksAwaitingSet.Capacity; i++)
            h.Net.AddNode(new NodeAddress((10u << 24) + (3u << 16) + 1 + (uint)i, 7000),
                _ => new Requester(target, h.SeedAddresses, Version99, gossips: true), TimeSpan.FromSeconds(3));
        Requester? asker = null;
        var address = new NodeAddress((10u << 24) + (4u << 16) + 1, 7000);
        h.Net.AddNode(address, _ => asker = new Requester(target, h.SeedAddresses, Version99), TimeSpan.FromSeconds(4));
        h.Run(4 + Peer.AsksAwaitingSet.MaxWait.TotalSeconds + 5);

        Assert.That(asker!.Reply, Is.Null, "its link ask was held (and dropped unanswered when the version never came), not refused");
        Assert.That(h.Peer(0).Neighbours.Any(n => n.Address == address), Is.False, "not linked");
        Assert.That(h.Peer(0).SeedSetVersion, Is.Zero);
    }
}
