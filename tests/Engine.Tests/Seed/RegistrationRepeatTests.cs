using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

/// <summary>
/// A registrant that repeats its request while the seed's vote on its add is open (a slow vote on a loaded machine; a client that
/// floods requests) is answered by that vote: the repeat starts no second dial-back and no second "new peer" line (the RealNet
/// seed-flood test saw two under a loaded CI, one for each dial-back). A repeat with a new incarnation is a new registration.
/// </summary>
public class RegistrationRepeatTests
{
    /// <summary>Registers at one seed; with its dial-back answer it sends the request again, <paramref name="repeats"/> times, with
    /// incarnation <paramref name="repeatIncarnation"/>: they reach the seed after the answer, while the add is under vote.</summary>
    private sealed class RepeatingRegistrant(NodeAddress seed, int repeats, long repeatIncarnation) : Node
    {
        public readonly List<RegisterReply> Replies = new();
        public int Challenges;

        public override NodeRole Role => NodeRole.Peer;

        protected override void OnStart() => Ctx.Send(seed, new RegisterRequest(1));

        public override void OnMessage(NodeAddress from, Message message)
        {
            switch (message)
            {
                case DialBackChallenge c:
                    Challenges++;
                    Ctx.Send(c.Seed, new DialBackAnswer(c.Nonce));
                    if (Challenges == 1)
                        for (int i = 0; i < repeats; i++) Ctx.Send(seed, new RegisterRequest(repeatIncarnation));
                    break;
                case RegisterReply r: Replies.Add(r); break;
                case Ping p: Ctx.Send(from, new Pong(p.Nonce, 1, Array.Empty<NodeAddress>())); break;
            }
        }

        public override void OnTimer(TimerTag tag) { }
    }

    private static (SimHarness h, RepeatingRegistrant peer, NodeAddress address) Run(int repeats, long repeatIncarnation)
    {
        var h = new SimHarness(3, seed: 29);
        var address = new NodeAddress((10u << 24) + 99, 9000);
        RepeatingRegistrant? peer = null;
        h.Net.AddNode(address, _ => peer = new RepeatingRegistrant(h.SeedAddresses[0], repeats, repeatIncarnation), TimeSpan.FromSeconds(1));
        h.Run(3);
        return (h, peer!, address);
    }

    [Test]
    public void RepeatsWhileItsAddIsUnderVote_StartNoSecondDialBack_AndTheVoteAnswersOnce()
    {
        var (h, peer, address) = Run(repeats: 5, repeatIncarnation: 1);
        var seed = h.LiveSeeds.First();
        Assert.That(seed.DialBacks, Is.EqualTo(1), "one dial-back for the one registration");
        Assert.That(peer.Challenges, Is.EqualTo(1));
        Assert.That(peer.Replies.Count(r => r.Accepted), Is.EqualTo(1), "the vote's answer, once");
        Assert.That(h.Trace.Of(TraceKind.Proposed).Count(e => e.Peer == address), Is.EqualTo(1), "one add proposed");
        Assert.That(h.LiveSeeds.All(s => s.Peers.IsLive(address)), "every seed lists it");
    }

    [Test]
    public void ARepeatWithANewIncarnation_WhileTheOldAddIsUnderVote_IsCheckedAsANewRegistration()
    {
        var (h, peer, address) = Run(repeats: 1, repeatIncarnation: 2);
        Assert.That(h.LiveSeeds.First().DialBacks, Is.EqualTo(2), "the new incarnation is dialled back too");
        Assert.That(peer.Challenges, Is.EqualTo(2));
        Assert.That(h.LiveSeeds.All(s => s.Peers.IsLive(address)), "every seed lists it");
    }
}
