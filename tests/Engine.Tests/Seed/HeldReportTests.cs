using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

/// <summary>
/// A dead-node report that comes in the cooldown after the seeds voted a removal of that peer down: it is newer than their probes,
/// and its reporter may be the only one to know (HyParView's peer reports a neighbour it dropped at a failed send, which nobody
/// watches then). It is held and decided by one vote when the cooldown ends, not turned away ("found alive moments ago"), which
/// left a crash right after a false report to the seeds' sweep (swarm seed 7, runs 2308, 2679, 3732: 30 s late or never).
/// </summary>
public class HeldReportTests
{
    /// <summary>A registered member no link watches: it answers the seeds' probes until it crashes.</summary>
    private sealed class UnwatchedMember(NodeAddress[] seeds) : Node
    {
        public override NodeRole Role => NodeRole.Peer;
        protected override void OnStart()
        {
            foreach (var s in seeds) Ctx.Send(s, new RegisterRequest(1));
        }
        public override void OnMessage(NodeAddress from, Message message)
        {
            if (message is DialBackChallenge c) Ctx.Send(c.Seed, new DialBackAnswer(c.Nonce));
            if (message is Ping p) Ctx.Send(from, new Pong(p.Nonce, 1, Array.Empty<NodeAddress>()));
        }
        public override void OnTimer(TimerTag tag) { }
    }

    /// <summary>A registered peer that reports <paramref name="member"/> dead to every seed at each of <paramref name="at"/>, and keeps
    /// the seeds' answers.</summary>
    private sealed class Reporter(NodeAddress[] seeds, NodeAddress member, TimeSpan[] at) : Node
    {
        public readonly List<(TimeSpan Time, Message Answer)> Answers = new();
        public override NodeRole Role => NodeRole.Peer;
        protected override void OnStart()
        {
            foreach (var s in seeds) Ctx.Send(s, new RegisterRequest(1));
            foreach (var t in at) Ctx.SetTimer(t - Ctx.Now, new TimerTag(TimerKind.GossipTick));
        }
        public override void OnMessage(NodeAddress from, Message message)
        {
            if (message is DialBackChallenge c) Ctx.Send(c.Seed, new DialBackAnswer(c.Nonce));
            if (message is Ping p) Ctx.Send(from, new Pong(p.Nonce, 1, Array.Empty<NodeAddress>()));
            if (message is ReportRejected or RemovalNotice) Answers.Add((Ctx.Now, message));
        }
        public override void OnTimer(TimerTag tag)
        {
            foreach (var s in seeds) Ctx.Send(s, new DeadNodeReport(member, (long)Ctx.Now.TotalSeconds, Address));
        }
    }

    [Test]
    public void AReportInTheCooldown_AboutAMemberThatCrashedSince_RemovesItWhenTheCooldownEnds()
    {
        var h = new SimHarness(3, seed: 31);
        var member = new NodeAddress((10u << 24) + (2u << 16) + 1, 7000);
        var reporterAddress = new NodeAddress((10u << 24) + (2u << 16) + 2, 7000);
        int memberIndex = h.Net.AddNode(member, _ => new UnwatchedMember(h.SeedAddresses), TimeSpan.FromSeconds(1));
        Reporter? reporter = null;
        // The first report is false (the member answers the probes: voted down, a cooldown begins); the member crashes; the
        // second report comes within the cooldown (2 proposal timeouts, 2 s here).
        h.Net.AddNode(reporterAddress, _ => reporter = new Reporter(h.SeedAddresses, member,
            [TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(9.5)]), TimeSpan.FromSeconds(1));
        h.Net.Schedule(TimeSpan.FromSeconds(9), () => h.Net.Crash(memberIndex, unwatched: true));
        h.Run(20);

        var votedDown = h.Trace.Of(TraceKind.ProposalRejected).Where(e => e.Peer == member).ToList();
        Assert.That(votedDown, Is.Not.Empty, "the first report was voted down: the member answered");
        Assert.That(votedDown.Max(e => e.Time), Is.LessThan(TimeSpan.FromSeconds(9.5)), "before the second report came");
        var removed = h.Trace.Of(TraceKind.MemberRemoved).Where(e => e.Peer == member).ToList();
        // The seeds' sweep of unlinked members needs two passes 30 s apart: only the held report removes it this soon.
        Assert.That(removed, Is.Not.Empty, "the member that crashed after the false report is removed");
        var cooldownEnd = votedDown.Min(e => e.Time) + h.SeedConfig.ProposalTimeout * 2;
        Assert.That(removed.Min(e => e.Time), Is.GreaterThan(cooldownEnd - TimeSpan.FromSeconds(0.5)).And.LessThan(cooldownEnd + TimeSpan.FromSeconds(4)),
            "decided when the cooldown ended, by a vote after the seeds' own probes");
        var later = reporter!.Answers.Where(a => a.Time > TimeSpan.FromSeconds(9.5)).ToList();
        Assert.That(later.Select(a => a.Answer), Has.Some.InstanceOf<RemovalNotice>(), "the second report's reporter hears of the removal");
        Assert.That(later.Select(a => a.Answer).OfType<ReportRejected>(), Is.Empty, "and is not turned away");
    }

    /// <summary>A member that leaves (and answers no probe from then on), registers again under a new incarnation at
    /// <paramref name="rejoinAt"/> and answers the seeds' dial-backs, nothing else: it crashed right after its rejoin, before the seeds
    /// applied it.</summary>
    private sealed class CrashingRejoiner(NodeAddress[] seeds, TimeSpan leaveAt, TimeSpan rejoinAt) : Node
    {
        private bool _left;
        public override NodeRole Role => NodeRole.Peer;
        protected override void OnStart()
        {
            foreach (var s in seeds) Ctx.Send(s, new RegisterRequest(1));
            Ctx.SetTimer(leaveAt - Ctx.Now, new TimerTag(TimerKind.GossipTick, 1));
            Ctx.SetTimer(rejoinAt - Ctx.Now, new TimerTag(TimerKind.GossipTick, 2));
        }
        public override void OnMessage(NodeAddress from, Message message)
        {
            if (message is DialBackChallenge c) Ctx.Send(c.Seed, new DialBackAnswer(c.Nonce));
            if (message is Ping p && !_left) Ctx.Send(from, new Pong(p.Nonce, 1, Array.Empty<NodeAddress>()));
        }
        public override void OnTimer(TimerTag tag)
        {
            _left = true;
            foreach (var s in seeds) Ctx.Send(s, tag.Arg == 1 ? new Goodbye(1) : new RegisterRequest(2));
        }
    }

    [Test]
    public void AReportAboutARemovedAddress_WhileItsRejoinIsUnderWay_IsJudgedOnceTheAddIsApplied_AndRemovesTheCrashedRejoiner()
    {
        // Swarm seed 1, run 1289: a rejoined peer crashed 0.4 s after its rejoin; its one registered watcher's report reached a
        // seed that still held the address as removed and applied the add later. Answered with the old removal's notice, the
        // watcher never reported it again, and the peer waited for the seeds' sweep (50 s late).
        var h = new SimHarness(3, seed: 31);
        var member = new NodeAddress((10u << 24) + (2u << 16) + 1, 7000);
        var reporterAddress = new NodeAddress((10u << 24) + (2u << 16) + 2, 7000);
        var rejoinAt = TimeSpan.FromSeconds(8);
        h.Net.AddNode(member, _ => new CrashingRejoiner(h.SeedAddresses, TimeSpan.FromSeconds(4), rejoinAt), TimeSpan.FromSeconds(1));
        Reporter? reporter = null;
        // The report leaves a millisecond after the rejoin's registrations: it meets seeds dialling the rejoiner back.
        h.Net.AddNode(reporterAddress, _ => reporter = new Reporter(h.SeedAddresses, member, [rejoinAt + TimeSpan.FromMilliseconds(1)]),
            TimeSpan.FromSeconds(1));
        h.Run(16);

        var removals = h.Trace.Of(TraceKind.MemberRemoved).Where(e => e.Peer == member).ToList();
        Assert.That(removals.Where(e => e.A == 1 && e.Time < rejoinAt), Is.Not.Empty, "its first incarnation left before the rejoin");
        var added = h.Trace.Of(TraceKind.MemberAdded).Where(e => e.Peer == member && e.A == 2).ToList();
        Assert.That(added, Is.Not.Empty, "the rejoin was added: it answered the dial-backs");
        var second = removals.Where(e => e.A == 2).ToList();
        // Without the hold, only the sweep of silent members (two passes 30 s apart) would remove it, long after this run ends.
        Assert.That(second, Is.Not.Empty, "the crashed rejoiner is removed on the report that came while its add was under way");
        Assert.That(second.Min(e => e.Time), Is.LessThan(rejoinAt + h.SeedConfig.ProposalTimeout * 2 + TimeSpan.FromSeconds(4)),
            "within the cooldown and the seeds' probes of the rejoin");
        Assert.That(h.Trace.Of(TraceKind.Proposed).Where(e => e.Peer == member && e.Detail == "remove" && e.Time > rejoinAt)
            .Min(e => e.Time), Is.GreaterThanOrEqualTo(added.Min(e => e.Time)), "its removal was proposed only once its add was applied");
        Assert.That(reporter!.Answers.Select(a => a.Answer).OfType<ReportRejected>(), Is.Empty, "the reporter was not turned away");
    }
}
