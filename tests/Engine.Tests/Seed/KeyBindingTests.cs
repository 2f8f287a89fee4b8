using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

/// <summary>
/// A seed keeps a member's bound key in one place, its identity (a real seed's KeyBook, which
/// the transport checks connections against): a committed add binds the key it proved, a
/// committed removal frees the address, and <see cref="Seed.SeedNode.KeyOf"/> reads it there.
/// </summary>
public class KeyBindingTests
{
    /// <summary>Registers with a key, proves it at the dial-back, answers pings until it leaves with a goodbye.</summary>
    private sealed class KeyedPeer(NodeAddress[] seeds, NodeKey key, TimeSpan leaveAfter) : Node
    {
        private bool _left;

        public override NodeRole Role => NodeRole.Peer;

        protected override void OnStart()
        {
            foreach (var s in seeds) Ctx.Send(s, new RegisterRequest(1) { SenderKey = key });
            Ctx.SetTimer(leaveAfter, new TimerTag(TimerKind.GossipTick));
        }

        public override void OnMessage(NodeAddress from, Message message)
        {
            switch (message)
            {
                case DialBackChallenge c: Ctx.Send(c.Seed, new DialBackAnswer(c.Nonce) { SenderKey = key }); break;
                case Ping p when !_left: Ctx.Send(from, new Pong(p.Nonce, 1, Array.Empty<NodeAddress>())); break;
            }
        }

        public override void OnTimer(TimerTag tag)
        {
            _left = true;
            foreach (var s in seeds) Ctx.Send(s, new Goodbye(1));
        }
    }

    [Test]
    public void ACommittedAdd_BindsTheProvenKey_AtEverySeed_AndTheRemovalFreesIt()
    {
        var h = new SimHarness(3, seed: 71, seedConfig: SimHarness.FastSeed());
        var peer = new NodeAddress((10u << 24) + 77, 9000);
        var key = new NodeKey([4, 7, 7]);
        h.Net.AddNode(peer, _ => new KeyedPeer(h.SeedAddresses, key, leaveAfter: TimeSpan.FromSeconds(4)), TimeSpan.FromSeconds(1));
        h.Run(3.5);
        foreach (var seed in h.LiveSeeds)
        {
            Assert.That(seed.Peers.IsLive(peer), Is.True, $"seed {seed.Address} lists it");
            Assert.That(seed.KeyOf(peer), Is.EqualTo(key), $"seed {seed.Address} bound its key");
        }
        h.Run(10);
        foreach (var seed in h.LiveSeeds)
        {
            Assert.That(seed.Peers.IsLive(peer), Is.False, $"seed {seed.Address} removed it after its goodbye");
            Assert.That(seed.KeyOf(peer), Is.Null, $"seed {seed.Address} freed its address");
        }
    }
}
