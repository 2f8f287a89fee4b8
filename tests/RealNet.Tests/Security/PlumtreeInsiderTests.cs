using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Plumtree;
using GossipSim.Engine.Trace;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Transport;
using GossipSim.RealNet.Tests.Support;
using GossipSim.TestSupport;
using static GossipSim.RealNet.Tests.Support.InsiderStage;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Security;

/// <summary>
/// Plumtree under an insider, on real TCP on loopback (3 seeds and peers A and B running Plumtree in this process): registered
/// members linked to A (probes speaking the project's codec over their own connections) send it IHAVE, GRAFT and PRUNE as no
/// honest member would, and A holds to the protocol's bounds while A and B still get every message the other creates.
/// docs/security.md (Plumtree, under an insider) has the figures these print.
/// </summary>
[NonParallelizable]
public class PlumtreeInsiderTests
{
    private static readonly PeerConfig Plumtree = FastTimings.Peer with { Broadcast = BroadcastProtocol.Plumtree };
    private InProcessNetwork _net = null!;
    private readonly List<ProbePeer> _members = new();

    [TearDown]
    public async Task Stop()
    {
        foreach (var m in _members) await m.DisposeAsync();
        await _net.DisposeAsync();
    }

    private async Task<(NodeHost a, NodeHost b)> StartAsync(string name, PeerConfig? config = null)
    {
        _net = InsiderStage.Seeds(name);
        return await _net.TwoLinkedPeers(config ?? Plumtree);
    }

    private async Task<ProbePeer> MemberLinkedTo(NodeHost victim)
    {
        var member = await _net.LinkedMember(victim);
        _members.Add(member);
        return member;
    }

    [Test]
    public async Task AMemberAnnouncingMessagesThatDoNotExist_IsAskedOnceEachTimeOneIsAwaited_AndWhatTheVictimAwaitsDrains()
    {
        var (a, b) = await StartAsync("ihave-flood");
        var liar = await MemberLinkedTo(a);
        // A burst of 1,000 made-up messages (50 made-up origins, every number a peer may use), then 20 of them announced again and
        // again for 3 s, faster than the retry: each announcement after the GRAFT would be the victim's cue to ask again.
        var madeUp = Enumerable.Range(0, 50).SelectMany(o => Enumerable.Range(1, Plumtree.MessagesPerPeer)
            .Select(n => new MessageId(new NodeAddress(liar.Address.Ip, (ushort)(40_000 + o)), n))).ToArray();
        foreach (var id in madeUp) liar.Send(a.Address, new Ihave(id, 1, 1));
        int awaitedMost = 0;
        var repeated = madeUp[..20];
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        while (DateTime.UtcNow < until)
        {
            foreach (var id in repeated) liar.Send(a.Address, new Ihave(id, 1, 1));
            awaitedMost = Math.Max(awaitedMost, await On(a, p => p.AwaitedAnnouncements ?? 0));
            await Task.Delay(25);
        }
        await liar.IncarnationOfAsync(a.Address, Patience); // A answers a ping sent after them (one connection, in order): all read
        await Eventually.HoldsAsync(async () => await On(a, p => p.AwaitedAnnouncements) == 0, "A gives up every made-up message",
            Patience);
        // A's last GRAFTs went out a retry (50 ms) before it gave up, and the liar may not have read them yet: A answers a ping sent
        // after it gave up on the connection those GRAFTs took (in order), so every GRAFT is in the liar's inbox before the pong.
        await liar.IncarnationOfAsync(a.Address, Patience);
        await EveryMessageCrosses(a, b);
        var grafts = GraftsFrom(liar, a.Address);
        long givenUp = await On(a, p => p.AnnouncementsGivenUp ?? 0);
        int mostForOne = grafts.Values.Max();
        int graftsInAll = grafts.Values.Sum();
        TestContext.Out.WriteLine($"probe: {madeUp.Length} made-up messages announced to A, {repeated.Length} of them again every 25 ms for 3 s: "
            + $"at most {awaitedMost} awaited at once, {graftsInAll} GRAFTs to the liar (at most {mostForOne} for one message), "
            + $"{givenUp} given up, none awaited after; A and B got each other's {Plumtree.MessagesPerPeer} messages");
        Assert.That(awaitedMost, Is.LessThanOrEqualTo(madeUp.Length), "one entry (and one timer) a message, never more");
        Assert.That(grafts.Keys, Is.SubsetOf(madeUp));
        Assert.That(grafts.Keys, Is.EquivalentTo(madeUp), "each made-up message is asked for");
        // Announced again while awaited, a message is still asked of its announcer once and then given up: one GRAFT a wait. (Announced
        // again after it was given up, it is awaited anew, so the liar buys a GRAFT with each wait's worth of announcements.)
        Assert.That(graftsInAll, Is.EqualTo(givenUp), "each wait asks the one announcer once, then gives up");
    }

    [Test]
    public async Task AMemberGraftingMessagesOverAndOver_OrNeverSentOrLongGone_GetsEachPayloadOnce_AndOnlyItsOwnLinkChanges()
    {
        var config = Plumtree with { PayloadRetention = TimeSpan.FromSeconds(4) };
        var (a, b) = await StartAsync("graft-flood", config);
        var grafter = await MemberLinkedTo(a);
        long bLife = await On(b, p => p.Certificate.Incarnation);
        MessageId Of(int n) => new(b.Address, n);
        // The member's link is on A's tree: it gets B's messages as A forwards them from when it linked. Once it has nine more after
        // its first, B made the first over 4.5 s (nine gossip intervals) ago: past A's retention; the last five are well within it.
        await Eventually.HoldsAsync(() => PayloadsFrom(grafter, a.Address).Any(g => g.Id.Origin == b.Address), "the member gets B's gossip", Patience);
        int first = PayloadsFrom(grafter, a.Address).Where(g => g.Id.Origin == b.Address).Min(g => g.Id.Number);
        Assert.That(first + 9, Is.LessThanOrEqualTo(Plumtree.MessagesPerPeer), "the member linked while B still had 10 messages to make");
        await Eventually.HoldsAsync(() => PayloadsOf(grafter, Of(first + 9)) > 0, "the member has 9 more of B's", Patience);
        var stamp = _net.Trace.Snapshot().Length;
        const int Repeats = 100;
        var kept = Enumerable.Range(first + 5, 5).ToArray();
        for (int r = 0; r < Repeats; r++)
            foreach (int n in kept) grafter.Send(a.Address, new Graft(Of(n), bLife));
        var neverSent = Enumerable.Range(1, Plumtree.MessagesPerPeer).Select(n => new MessageId(new NodeAddress(grafter.Address.Ip, 40_000), n)).ToArray();
        foreach (var id in neverSent) for (int r = 0; r < 10; r++) grafter.Send(a.Address, new Graft(id, 1));
        for (int r = 0; r < 10; r++) grafter.Send(a.Address, new Graft(Of(first), bLife));
        // The member learns it was all read: A answers a ping sent after the GRAFTs (one connection, in order).
        await grafter.IncarnationOfAsync(a.Address, Patience);
        await EveryMessageCrosses(a, b);
        int[] answered = kept.Select(n => PayloadsOf(grafter, Of(n))).ToArray();
        int neverSentAnswered = neverSent.Sum(id => PayloadsOf(grafter, id));
        int longGoneAnswered = PayloadsOf(grafter, Of(first));
        var modeChanges = _net.Trace.Snapshot()[stamp..].Where(e => e.Node == a.Address && e.Kind == TraceKind.EdgeModeChanged).ToArray();
        TestContext.Out.WriteLine($"probe: {Repeats} GRAFTs for each of 5 messages the member had, 10 for each of {neverSent.Length} never sent and "
            + $"10 for one past A's retention (4 s): A sent {string.Join(", ", answered)} copies of the five (the forward included), "
            + $"{neverSentAnswered} of the never sent, {longGoneAnswered} of the one long gone (its forward); A's links changed mode "
            + $"{modeChanges.Length} times, {modeChanges.Count(e => e.Peer != grafter.Address)} of them another link than the member's");
        Assert.That(answered, Has.All.EqualTo(2), "the forward, and one answer to the GRAFTs");
        Assert.That(neverSentAnswered, Is.EqualTo(0));
        Assert.That(longGoneAnswered, Is.EqualTo(1), "past its retention a message is not sent again");
        Assert.That(modeChanges.Where(e => e.Peer != grafter.Address), Is.Empty, "a GRAFT puts only its sender's link on the tree");
    }

    [Test]
    public async Task AMemberPruningAndGraftingOverAndOver_FlipsOnlyItsOwnLink_AndTheVictimStillGetsAndGivesEveryMessage()
    {
        var (a, b) = await StartAsync("prune-flood");
        var pruner = await MemberLinkedTo(a);
        var stamp = _net.Trace.Snapshot().Length;
        var never = new MessageId(new NodeAddress(pruner.Address.Ip, 40_000), 1);
        for (int i = 0; i < 500; i++)
        {
            pruner.Send(a.Address, new Prune());
            pruner.Send(a.Address, new Graft(never, 1));
        }
        pruner.Send(a.Address, new Prune());
        // A answers a ping sent after them (one connection, in order): every PRUNE and GRAFT was read.
        await pruner.IncarnationOfAsync(a.Address, Patience);
        var pruned = _net.Trace.Snapshot().Length;
        await EveryMessageCrosses(a, b);
        var modeChanges = _net.Trace.Snapshot()[stamp..].Where(e => e.Node == a.Address && e.Kind == TraceKind.EdgeModeChanged).ToArray();
        // Pruned last: what A creates after goes to the member as announcements, and to B as payloads.
        var afterPrune = _net.Trace.Snapshot()[pruned..]
            .Where(e => e.Node == a.Address && e.Kind == TraceKind.GossipCreated).Select(e => e.Message).ToHashSet();
        Announcement[] AnnouncedAfter() => pruner.Inbox.Snapshot().Where(r => r.From == a.Address).Select(r => r.Message).OfType<Ihave>()
            .SelectMany(m => m.Announcements).Where(m => afterPrune.Contains(m.Id)).ToArray();
        // The last announcements wait in A's lazy queue for its next dispatch (ihaveDispatchSeconds) after B has the messages.
        await Eventually.HoldsAsync(() => AnnouncedAfter().Length >= afterPrune.Count, "A's dispatch announces its last messages", Patience);
        var announced = AnnouncedAfter();
        int payloadsAfter = PayloadsFrom(pruner, a.Address).Count(g => afterPrune.Contains(g.Id));
        TestContext.Out.WriteLine($"probe: 501 PRUNEs and 500 GRAFTs from one member: A's links changed mode {modeChanges.Length} times, "
            + $"{modeChanges.Count(e => e.Peer != pruner.Address)} of them another link than the member's; of the {afterPrune.Count} "
            + $"messages A created after, the member got {announced.Length} IHAVEs and {payloadsAfter} payloads; A and B got each "
            + $"other's {Plumtree.MessagesPerPeer} messages");
        Assert.That(modeChanges.Where(e => e.Peer != pruner.Address), Is.Empty, "a PRUNE takes only its sender's link off the tree");
        Assert.That(await On(a, p => p.Neighbours.Count), Is.EqualTo(2));
        Assert.That(afterPrune, Is.Not.Empty, "A still had messages to make after the flood");
        Assert.That(announced, Has.Length.EqualTo(afterPrune.Count), "the member, pruned, is still told of every message");
        Assert.That(payloadsAfter, Is.EqualTo(0));
    }

    [Test]
    public async Task AMemberAnnouncingRealMessagesItNeverSends_IsAskedOnce_AndTheVictimFetchesEachFromTheNextAnnouncer()
    {
        var (a, b) = await StartAsync("lying-announcer");
        var liar = await MemberLinkedTo(a);
        var origin = await MemberLinkedTo(a);
        // The origin's link goes off A's tree, as on a graph with more paths than the tree: a copy A had already makes A prune it.
        Send(origin, a, 1);
        Send(origin, a, 1);
        await origin.Inbox.WaitForAsync(m => m is Prune, Patience, "A prunes the origin's link");
        const int Messages = 5;
        int liarAskedWhileAnnouncing = 0;
        for (int n = 2; n < 2 + Messages; n++)
        {
            var id = new MessageId(origin.Address, n);
            // The liar announces first, on a tree link (A asks such an announcer first), and again and again after it is asked.
            liar.Send(a.Address, new Ihave(id, origin.Certificate.Incarnation, 1));
            origin.Send(a.Address, new Ihave(id, origin.Certificate.Incarnation, 1));
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            bool answered = false;
            while (!Delivered(a, id) && DateTime.UtcNow < until)
            {
                liar.Send(a.Address, new Ihave(id, origin.Certificate.Incarnation, 1));
                if (!answered && origin.Inbox.Snapshot().Any(r => r.Message is Graft g && g.Id == id))
                {
                    Send(origin, a, n);
                    Send(origin, a, n); // the link off the tree again, as another path's copy would take it
                    answered = true;
                }
                await Task.Delay(10);
            }
            Assert.That(Delivered(a, id), $"A got {id} from its other announcer while the liar went on announcing it");
        }
        await EveryMessageCrosses(a, b);
        // The GRAFTs to the liar travel on its own connection, not the origin's: A answers a ping the liar sends now on that
        // connection after them (in order), so every GRAFT A sent the liar is in its inbox before they are counted.
        await liar.IncarnationOfAsync(a.Address, Patience);
        for (int n = 2; n < 2 + Messages; n++)
            liarAskedWhileAnnouncing = Math.Max(liarAskedWhileAnnouncing, GraftsFrom(liar, a.Address).GetValueOrDefault(new MessageId(origin.Address, n)));
        await Eventually.HoldsAsync(() => Enumerable.Range(2, Messages).All(n => Delivered(b, new MessageId(origin.Address, n))),
            "A passes the fetched messages on to B", Patience);
        var grafts = GraftsFrom(liar, a.Address);
        TestContext.Out.WriteLine($"probe: a liar on A's tree announced each of {Messages} messages first and every 10 ms after; the origin, "
            + $"off the tree, announced each once: A fetched all {Messages} from the origin while the liar announced on, asking the liar "
            + $"at most {liarAskedWhileAnnouncing} times for one ({grafts.Values.Sum()} GRAFTs in all); B got them from A");
        Assert.That(liarAskedWhileAnnouncing, Is.EqualTo(1), "an announcer is asked once");
    }

    [Test]
    public async Task AMemberBatchingAnnouncements_IsHeldToTheBatchsBounds_AndToTheNumbersAnOriginCouldMake()
    {
        var (a, b) = await StartAsync("ihave-batch");
        var liar = await MemberLinkedTo(a);
        MessageId MadeUp(int origin, int number) => new(new NodeAddress(liar.Address.Ip, (ushort)(41_000 + origin)), number);
        // One IHAVE of three: two numbers an origin could make and one past messagesPerPeer. The two are awaited, the third refused.
        liar.Send(a.Address, new Ihave([new Announcement(MadeUp(0, 1), 1, 1), new Announcement(MadeUp(0, Plumtree.MessagesPerPeer + 1), 1, 1),
            new Announcement(MadeUp(1, 1), 1, 1)]));
        await liar.IncarnationOfAsync(a.Address, Patience); // read in order on the one connection: the IHAVE was taken
        await Eventually.HoldsAsync(async () => GraftsFrom(liar, a.Address).Count == 2, "A asks for the two it could await", Patience);
        var asked = GraftsFrom(liar, a.Address).Keys.ToArray();
        // One IHAVE past the batch's bound: the frame is refused whole, and the connection it came on closed.
        long badBefore = ((TcpTransport)a.Transport).BadInputCount;
        var tooMany = Enumerable.Range(0, Ihave.MaxAnnouncements + 1).Select(i => new Announcement(MadeUp(2 + i / 10, 1 + i % 10), 1, 1)).ToArray();
        liar.Send(a.Address, new Ihave(tooMany));
        await Eventually.HoldsAsync(() => ((TcpTransport)a.Transport).BadInputCount > badBefore,
            "A closes the connection of the oversized IHAVE", Patience);
        int awaitedAfter = await On(a, p => p.AwaitedAnnouncements ?? 0);
        await EveryMessageCrosses(a, b);
        var grafts = GraftsFrom(liar, a.Address);
        TestContext.Out.WriteLine($"probe: an IHAVE of 3 (one past messagesPerPeer): A asked for {asked.Length}; an IHAVE of "
            + $"{tooMany.Length}: refused, the connection closed, {awaitedAfter} awaited after it, {grafts.Count} messages asked in all; "
            + $"A and B got each other's {Plumtree.MessagesPerPeer} messages");
        Assert.That(asked, Is.EquivalentTo(new[] { MadeUp(0, 1), MadeUp(1, 1) }), "the two in range are asked for, the one past it is not");
        Assert.That(grafts.Keys, Is.EquivalentTo(asked), "nothing of the oversized IHAVE is asked for");
        Assert.That(awaitedAfter, Is.LessThanOrEqualTo(2), "nothing of the oversized IHAVE is awaited");
    }

    /// <summary>A and B each get all the messages the other creates (they gossip from the moment they link).</summary>
    private async Task EveryMessageCrosses(NodeHost a, NodeHost b)
    {
        int count = Plumtree.MessagesPerPeer;
        await Eventually.HoldsAsync(() => Enumerable.Range(1, count).All(n => Delivered(a, new MessageId(b.Address, n)) && Delivered(b, new MessageId(a.Address, n))),
            $"A and B get each other's {count} messages", Patience);
    }

    private bool Delivered(NodeHost at, MessageId id) =>
        _net.Trace.Snapshot().Any(e => e.Kind == TraceKind.GossipDelivered && e.Node == at.Address && e.Message == id);

    /// <summary>The origin sends its message <paramref name="number"/>, signed, to <paramref name="to"/>.</summary>
    private static void Send(ProbePeer origin, NodeHost to, int number)
    {
        var id = new MessageId(origin.Address, number);
        var now = TimeSpan.FromTicks((DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks);
        origin.Send(to.Address, new Gossip(id, now, 1, true, origin.SignGossip(id, now), origin.Certificate));
    }

    private static Dictionary<MessageId, int> GraftsFrom(ProbePeer member, NodeAddress victim) =>
        member.Inbox.Snapshot().Where(r => r.From == victim).Select(r => r.Message).OfType<Graft>()
            .GroupBy(g => g.Id).ToDictionary(g => g.Key, g => g.Count());

    private static Gossip[] PayloadsFrom(ProbePeer member, NodeAddress victim) =>
        member.Inbox.Snapshot().Where(r => r.From == victim).Select(r => r.Message).OfType<Gossip>().ToArray();

    private static int PayloadsOf(ProbePeer member, MessageId id) =>
        member.Inbox.Snapshot().Select(r => r.Message).OfType<Gossip>().Count(g => g.Id == id);
}
