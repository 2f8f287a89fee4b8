using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class SuspicionTests
{
    /// <summary>
    /// Registers with every seed (so it is a member the pinger's seed knows), links to one peer,
    /// then leaves its pings unanswered for a while; its pongs name a witness nobody runs.
    /// </summary>
    private sealed class FlakyNeighbour(NodeAddress target, NodeAddress[] seeds, TimeSpan silentFrom, TimeSpan silentUntil, NodeAddress ghostWitness) : Node
    {
        private int _accepted;
        public override NodeRole Role => NodeRole.Peer;
        protected override void OnStart()
        {
            foreach (var s in seeds) Ctx.Send(s, new RegisterRequest(1));
        }
        public override void OnMessage(NodeAddress from, Message message)
        {
            if (message is DialBackChallenge c) Ctx.Send(c.Seed, new DialBackAnswer(c.Nonce)); // it listens where it registers
            if (message is RegisterReply { Accepted: true } reply && ++_accepted == seeds.Length)
                Ctx.Send(target, new LinkRequest(1, reply.Certificate)); // a member shows its certificate
            if (message is Ping p && (Ctx.Now < silentFrom || Ctx.Now >= silentUntil))
                Ctx.Send(from, new Pong(p.Nonce, 1, [ghostWitness]));
        }
        public override void OnTimer(TimerTag tag) { }
    }

    [Test]
    public void ANeighbourThatAnswersAgain_WhileItsWitnessesAreAsked_IsNotReported()
    {
        var peer = SimHarness.FastPeer() with { SuspicionQueryTimeout = TimeSpan.FromSeconds(3), WitnessProbeTimeout = TimeSpan.FromSeconds(2) };
        var h = new SimHarness(3, seed: 35, peer: peer);
        h.AddPeers(3, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        var pinger = SimHarness.PeerAddress(0);
        var flaky = new NodeAddress((10u << 24) + (3u << 16) + 1, 7000);
        var ghost = new NodeAddress((10u << 24) + (4u << 16) + 1, 7000);
        h.Net.AddNode(flaky, _ => new FlakyNeighbour(pinger, h.SeedAddresses, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(8.5), ghost), TimeSpan.FromSeconds(2));
        h.Run(20);

        var about = h.Trace.Events.Where(e => e.Node == pinger && e.Peer == flaky).ToList();
        var suspected = about.First(e => e.Kind == TraceKind.Suspected);
        var cleared = about.First(e => e.Kind == TraceKind.SuspicionCleared);
        Assert.That(cleared.Time - suspected.Time, Is.LessThan(peer.SuspicionQueryTimeout), "it answered while the witnesses were asked");
        Assert.That(about.Where(e => e.Kind == TraceKind.DeadReported), Is.Empty);
    }
}
