using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.Swim;

/// <summary>
/// On the simulator: a registered member linked to a peer answers every suspicion query about it
/// "reachable" after the peer has crashed. The other neighbours ask it each period (it is in the crashed peer's last
/// neighbour sample) and, before the fix, took its word: the crashed peer's suspicion was cleared every time, nobody
/// reported it, and only the seeds' certificate-silence sweep removed it, a certificate lifetime after its last refresh.
/// Now a "reachable" counts only with the suspect's signed ack of the asker's challenge, which a crashed peer cannot make.
/// </summary>
public class LyingWitnessTests
{
    /// <summary>
    /// Registers with every seed, links to <paramref name="target"/> (so it is in the target's neighbour sample), answers
    /// pings, and answers every suspicion query "reachable" (<paramref name="lie"/>) or, as an honest witness that cannot
    /// reach the suspect would, "unreachable" — never with an ack from the suspect.
    /// </summary>
    private sealed class Witness(NodeAddress target, NodeAddress[] seeds, bool lie) : Node
    {
        private int _accepted;
        public int Lies;
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
                case RegisterReply { Accepted: true } reply when ++_accepted == seeds.Length:
                    Ctx.Send(target, new LinkRequest(1, reply.Certificate));
                    break;
                case Ping p: Ctx.Send(from, new Pong(p.Nonce, 1, [target])); break;
                case SuspectQuery q:
                    if (lie) Lies++;
                    Ctx.Send(from, new SuspectReply(q.Suspect, q.QueryId, lie));
                    break;
            }
        }
        public override void OnTimer(TimerTag tag) { }
    }

    private static readonly TimeSpan CrashAt = TimeSpan.FromSeconds(20);

    /// <summary>The crashed peer's removal after its crash, whether a neighbour reported it first, and the witness.</summary>
    private static (TimeSpan RemovedAfter, bool Reported, Witness Witness) CrashWithAWitness(bool lie)
    {
        // Every other neighbour of a suspect is asked (at most 8): the witness is asked in every round, as in the finding.
        var peer = SimHarness.FastPeer() with { FailureDetector = FailureDetector.Swim, SwimIndirectProbes = 8 };
        var h = new SimHarness(3, seed: 50, peer: peer);
        h.AddPeers(8, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2));
        var victim = SimHarness.PeerAddress(0);
        var witnessAt = new NodeAddress((10u << 24) + (9u << 16) + 1, 7000);
        Witness? witness = null;
        h.Net.AddNode(witnessAt, _ => witness = new Witness(victim, h.SeedAddresses, lie), TimeSpan.FromSeconds(4));
        h.Net.Schedule(CrashAt, () => h.Net.Crash(h.PeerIndex[0]));
        h.Run(CrashAt.TotalSeconds + 240);

        var removed = h.Trace.Of(TraceKind.MemberRemoved).Where(e => e.Peer == victim).Select(e => e.Time).DefaultIfEmpty(TimeSpan.MaxValue).Min();
        Assert.That(removed, Is.LessThan(TimeSpan.MaxValue), "the crashed peer is removed in the end");
        bool reported = h.Trace.Of(TraceKind.DeadReported).Any(e => e.Peer == victim && e.Time >= CrashAt && e.Time < removed);
        Assert.That(h.Trace.Of(TraceKind.LinkUp).Any(e => e.Node == victim && e.Peer == witnessAt), "the witness linked to the victim");
        return (removed - CrashAt, reported, witness!);
    }

    [Test]
    public void OneLyingWitness_CannotHoldACrashedPeersRemoval_ItIsReportedAndRemovedAsWithoutTheLie()
    {
        var honest = CrashWithAWitness(lie: false);
        var lying = CrashWithAWitness(lie: true);
        TestContext.Out.WriteLine($"removed {honest.RemovedAfter.TotalSeconds:0.0} s after the crash with an honest witness, "
            + $"{lying.RemovedAfter.TotalSeconds:0.0} s with one that lied {lying.Witness.Lies} times");

        Assert.That(lying.Witness.Lies, Is.GreaterThan(0), "the liar was asked and lied");
        Assert.That(lying.Reported, Is.True, "a neighbour reported the crashed peer despite the lie (the seeds did not have to find it alone)");
        Assert.That(honest.Reported, Is.True);
        // The certificate-silence backstop probes a member only once its renewal has run out: a lifetime after its last refresh,
        // which came at most one refresh period before the crash.
        var backstop = new SeedConfig().CertificateLifetime - new PeerConfig().MembershipRefresh;
        Assert.That(lying.RemovedAfter, Is.LessThan(backstop), "removed on a neighbour's report, before the backstop could fire");
        Assert.That(lying.RemovedAfter, Is.LessThanOrEqualTo(honest.RemovedAfter + new PeerConfig().SwimSuspicionMax),
            "the lie costs at most one suspicion time");
    }
}
