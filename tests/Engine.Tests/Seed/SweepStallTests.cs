using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Trust;
using NUnit.Framework;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

/// <summary>
/// A live member held off the CPU for a moment (a loaded machine) is not removed by the seeds' own sweep: one silent probe and
/// the votes' probes right after it span about a second, shorter than the pings a peer's neighbours miss before they suspect it.
/// The sweep proposes only a member silent at two passes in a row.
/// </summary>
public class SweepStallTests
{
    /// <summary>A member no link backs (the sweep probes it at every pass) that answers pings, except for
    /// <paramref name="stall"/> from the first ping after <paramref name="stallAfter"/>.</summary>
    private sealed class Staller(NodeAddress[] seeds, TimeSpan stallAfter, TimeSpan stall) : Node
    {
        private TimeSpan? _stalledAt;
        public override NodeRole Role => NodeRole.Peer;
        public int PingsUnanswered { get; private set; }

        protected override void OnStart()
        {
            foreach (var s in seeds) Ctx.Send(s, new RegisterRequest(1));
        }

        public override void OnMessage(NodeAddress from, Message message)
        {
            switch (message)
            {
                case DialBackChallenge c: Ctx.Send(c.Seed, new DialBackAnswer(c.Nonce)); break;
                case Ping p:
                    if (_stalledAt == null && Ctx.Now >= stallAfter) _stalledAt = Ctx.Now;
                    if (_stalledAt is { } at && Ctx.Now < at + stall)
                    {
                        PingsUnanswered++;
                        break;
                    }
                    Ctx.Send(from, new Pong(p.Nonce, 1, Array.Empty<NodeAddress>()));
                    break;
            }
        }

        public override void OnTimer(TimerTag tag) { }
    }

    [Test]
    public void AMemberThatStallsForASecondAndAHalf_AtTheSweepsProbe_StaysListed()
    {
        var seedConfig = SimHarness.FastSeed() with { MemberSweepInterval = TimeSpan.FromSeconds(4) };
        var h = new SimHarness(3, seed: 66, seedConfig: seedConfig);
        h.AddPeers(8, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        var staller = new NodeAddress((10u << 24) + (9u << 16) + 1, 8000);
        int index = h.Net.AddNode(staller, _ => new Staller(h.SeedAddresses, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1.5)),
            TimeSpan.FromSeconds(3));
        h.Run(30);

        Assert.That(((Staller)h.Net.NodeAt(index)!).PingsUnanswered, Is.GreaterThan(0), "it stalled at a sweep's probe");
        Assert.That(h.Trace.Of(TraceKind.MemberRemoved).Where(e => e.Peer == staller), Is.Empty,
            "one stall of a second and a half removes nobody");
        Assert.That(h.LiveSeeds.All(s => s.Peers.IsLive(staller)), Is.True, "listed at every seed");
    }
}
