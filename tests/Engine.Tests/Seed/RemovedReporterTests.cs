using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

/// <summary>
/// A dead-node report from a member the seeds removed (behind a cut it did not see) is answered with the reporter's own removal
/// notice, so it registers again, and its report's retries wait for that; a refusal about the reported peer ended the report at its reporter, and a crash
/// seen only by neighbours removed behind a cut stayed listed (swarm seed 2, run 2021).
/// </summary>
public class RemovedReporterTests
{
    /// <summary>A registered peer, silent to pings within <paramref name="silentFrom"/>..<paramref name="silentUntil"/> (so the seeds
    /// remove it when it is reported), that reports <paramref name="dead"/> at <paramref name="reportAt"/> and keeps the seeds'
    /// answers.</summary>
    private sealed class Member(NodeAddress[] seeds, NodeAddress? dead, TimeSpan reportAt, TimeSpan silentFrom, TimeSpan silentUntil) : Node
    {
        public readonly List<(TimeSpan Time, Message Answer)> Answers = new();
        public override NodeRole Role => NodeRole.Peer;
        protected override void OnStart()
        {
            foreach (var s in seeds) Ctx.Send(s, new RegisterRequest(1));
            if (dead != null) Ctx.SetTimer(reportAt - Ctx.Now, new TimerTag(TimerKind.GossipTick));
        }
        public override void OnMessage(NodeAddress from, Message message)
        {
            if (message is DialBackChallenge c) Ctx.Send(c.Seed, new DialBackAnswer(c.Nonce));
            if (message is Ping p && (Ctx.Now < silentFrom || Ctx.Now >= silentUntil)) Ctx.Send(from, new Pong(p.Nonce, 1, Array.Empty<NodeAddress>()));
            if (message is ReportRejected or RemovalNotice) Answers.Add((Ctx.Now, message));
        }
        public override void OnTimer(TimerTag tag)
        {
            foreach (var s in seeds) Ctx.Send(s, new DeadNodeReport(dead!.Value, (long)Ctx.Now.TotalSeconds, Address));
        }
    }

    [Test]
    public void AReportFromAMemberTheSeedsRemoved_IsAnsweredWithItsOwnRemoval_NotARefusalAboutThePeerItReported()
    {
        var h = new SimHarness(3, seed: 33);
        var crashed = new NodeAddress((10u << 24) + (2u << 16) + 1, 7000);
        var reporterAddress = new NodeAddress((10u << 24) + (2u << 16) + 2, 7000);
        var accuserAddress = new NodeAddress((10u << 24) + (2u << 16) + 3, 7000);
        var never = TimeSpan.FromSeconds(1000);
        h.Net.AddNode(crashed, _ => new Member(h.SeedAddresses, null, never, never, never), TimeSpan.FromSeconds(1));
        Member? reporter = null;
        // Silent 4-7 s: removed on the accuser's report at 4.5 s; answering again, it reports the crashed member at 8 s.
        h.Net.AddNode(reporterAddress, _ => reporter = new Member(h.SeedAddresses, crashed, TimeSpan.FromSeconds(8),
            TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(7)), TimeSpan.FromSeconds(1));
        h.Net.AddNode(accuserAddress, _ => new Member(h.SeedAddresses, reporterAddress, TimeSpan.FromSeconds(4.5), never, never),
            TimeSpan.FromSeconds(1));
        h.Run(10);

        var reporterRemoved = h.Trace.Of(TraceKind.MemberRemoved).Where(e => e.Peer == reporterAddress).ToList();
        Assert.That(reporterRemoved, Is.Not.Empty, "the seeds removed the reporter while it was silent");
        Assert.That(reporterRemoved.Max(e => e.Time), Is.LessThan(TimeSpan.FromSeconds(8)), "before its report");
        var answers = reporter!.Answers.Where(a => a.Time >= TimeSpan.FromSeconds(8)).Select(a => a.Answer).ToList();
        Assert.That(answers, Is.Not.Empty, "the seeds answered the report");
        Assert.That(answers.OfType<ReportRejected>(), Is.Empty, "no refusal about the reported peer, which would end the report");
        Assert.That(answers.OfType<RemovalNotice>().Select(n => n.Removed.Address), Is.All.EqualTo(reporterAddress),
            "each seed told the reporter of its own removal, so it registers again");
        Assert.That(h.Trace.Of(TraceKind.ReportRejected).Where(e => e.Peer == crashed).Select(e => e.Detail),
            Is.All.EqualTo("the reporter is not a registered peer (told it was removed)"), "the seeds still trace the report they did not take");
    }
}
