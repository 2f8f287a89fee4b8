using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Dashboard.Events;
using GossipSim.Dashboard.Frames;
using GossipSim.Dashboard.Model;
using static GossipSim.Dashboard.Tests.Support.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Dashboard.Tests.Events;

/// <summary>From trace events to what the page is sent: nodes, links, crossings, counters, failures.</summary>
public class NetworkViewTests
{
    private static (NetworkView view, FrameBuilder builder) Build(IEnumerable<TraceEvent> events)
    {
        var view = new NetworkView();
        foreach (var e in events) view.Apply(e);
        return (view, new FrameBuilder());
    }

    private static Frame Frame(NetworkView view, FrameBuilder builder)
    {
        var summary = new GossipSim.Analysis.Summary.RunSummary();
        view.Statistics.FillSummary(summary);
        return builder.Build(view, summary, animateCrossings: true, eventsPerSecond: 0);
    }

    /// <summary>The picture a page holds once it has applied every frame built so far.</summary>
    private static FramePicture Picture(NetworkView view, FrameBuilder builder)
    {
        Frame(view, builder);
        return builder.Picture;
    }

    private static FrameNode? NodeOf(FramePicture p, NodeAddress a) => p.Nodes.Values.SingleOrDefault(n => n.Id == a.ToString());

    private static bool Linked(FramePicture p, NodeAddress a, NodeAddress b) =>
        NodeOf(p, a) is { } x && NodeOf(p, b) is { } y && p.Links.Contains(new FrameLink(x.K, y.K));

    [Test]
    public void ACrashedPeer_TurnsGrey_IsSuspected_AndDisappearsOnceTheSeedsRemoveIt()
    {
        var events = Start(0, 3, 4)
            .Concat(Link(1, Peer(0), Peer(1))).Concat(Link(1, Peer(0), Peer(2))).Concat(Link(1, Peer(0), Peer(3))).Concat(Link(1, Peer(1), Peer(2)));
        var (view, builder) = Build(events);
        var f = Frame(view, builder);
        Assert.That(builder.Picture.Nodes.Values.Count(n => n.Seed), Is.EqualTo(3));
        Assert.That(NodeOf(builder.Picture, Peer(0))!.Deg, Is.EqualTo(3));
        Assert.That(f.Counters.Links, Is.EqualTo(4));

        view.Apply(E(5, TraceKind.CrashInjected, Peer(0), a: 3, detail: "peer"));
        f = Frame(view, builder);
        Assert.That(NodeOf(builder.Picture, Peer(0)), Is.Not.Null);
        Assert.That(NodeOf(builder.Picture, Peer(0))!.St, Is.EqualTo("crashed"));
        Assert.That(NodeOf(builder.Picture, Peer(0))!.Tc, Is.EqualTo(5));
        Assert.That(NodeOf(builder.Picture, Peer(0))!.Deg, Is.EqualTo(3), "drawn at its degree when it crashed");
        Assert.That(Linked(builder.Picture, Peer(0), Peer(1)), Is.True, "its neighbours have not closed their sides yet");

        view.Apply(E(6, TraceKind.Suspected, Peer(1), Peer(0), a: 2));
        view.Apply(E(6.5, TraceKind.LinkDown, Peer(1), Peer(0), detail: "suspected"));
        f = Frame(view, builder);
        Assert.That(NodeOf(builder.Picture, Peer(0))!.Sus, Is.True);
        Assert.That(NodeOf(builder.Picture, Peer(0))!.Ts, Is.EqualTo(6));
        Assert.That(Linked(builder.Picture, Peer(0), Peer(1)), Is.False, "the link vanishes when the last side closes");
        Assert.That(Linked(builder.Picture, Peer(0), Peer(2)), Is.True);

        view.Apply(E(7, TraceKind.DeadReported, Peer(1), Peer(0), a: 2, b: 2, detail: "Dead Node:..."));
        view.Apply(E(7.5, TraceKind.MemberRemoved, Seed(0), Peer(0), a: 1, b: 3));
        f = Frame(view, builder);
        Assert.That(NodeOf(builder.Picture, Peer(0)), Is.Null, "a removed peer is not drawn");
        Assert.That(builder.Picture.Links.All(l => builder.Picture.Nodes.ContainsKey(l.A) && builder.Picture.Nodes.ContainsKey(l.B)), "no link to a node not drawn");
        Assert.That(f.Counters.Removed, Is.EqualTo(1));
        Assert.That(f.Counters.Peers, Is.EqualTo(3));
        Assert.That(NodeOf(builder.Picture, Seed(0))!.M, Is.EqualTo(3));
        var row = f.Failures.Single();
        Assert.That((row.Node, row.At, row.SuspectedAt, row.ReportedAt, row.RemovedAt), Is.EqualTo((Peer(0).ToString(), 5.0, (double?)6.0, (double?)7.0, (double?)7.5)));
        Assert.That(f.Log.Select(l => l.Kind), Is.EqualTo(new[] { "crash", "suspect", "report", "remove" }));
    }

    [Test]
    public void ALink_IsDrawnWhileEitherSideHoldsIt()
    {
        var (view, builder) = Build(Start(0, 1, 2).Append(E(1, TraceKind.LinkUp, Peer(0), Peer(1))));
        Assert.That(Linked(Picture(view, builder), Peer(0), Peer(1)), Is.True, "one side up is a link being made");
        view.Apply(E(2, TraceKind.LinkUp, Peer(1), Peer(0)));
        Assert.That(Frame(view, builder).Counters.Links, Is.EqualTo(1), "both sides are still one link");
        view.Apply(E(3, TraceKind.LinkDown, Peer(0), Peer(1)));
        Assert.That(Linked(Picture(view, builder), Peer(0), Peer(1)), Is.True);
        view.Apply(E(4, TraceKind.LinkDown, Peer(1), Peer(0)));
        var f = Frame(view, builder);
        Assert.That(Linked(builder.Picture, Peer(0), Peer(1)), Is.False);
        Assert.That(f.Counters.Links, Is.Zero);
    }

    [Test]
    public void GossipCrossings_ComeInOrder_AndLinksThatCarriedAMessageTwiceAreShownApart()
    {
        // A-B, A-C, B-C, B-D; A creates m; B and C get it from A, so B-C carried it twice; D gets it from B.
        var a = Peer(0); var b = Peer(1); var c = Peer(2); var d = Peer(3);
        var m = new MessageId(a, 1);
        var events = Start(0, 1, 4).Concat(Link(1, a, b)).Concat(Link(1, a, c)).Concat(Link(1, b, c)).Concat(Link(1, b, d))
            .Append(E(2.0, TraceKind.GossipCreated, a, msg: m))
            .Append(Delivered(2.01, b, a, m, 2.0, 1))
            .Append(Delivered(2.02, c, a, m, 2.0, 1))
            .Append(Delivered(2.03, d, b, m, 2.0, 2));
        var (view, builder) = Build(events);
        var f = Frame(view, builder);
        string Id(int k) => builder.Picture.Nodes[k].Id;
        var crossings = f.Flashes.Select(x => (Id((int)x[0]), Id((int)x[1]), x[2], x[4] == 1)).ToList();
        Assert.That(crossings, Is.EqualTo(new[]
        {
            (a.ToString(), b.ToString(), 2.01, false),
            (a.ToString(), c.ToString(), 2.02, false),
            (b.ToString(), c.ToString(), 2.02, true),
            (b.ToString(), d.ToString(), 2.03, false),
        }));
        Assert.That(f.Counters.Messages, Is.EqualTo(1));
        Assert.That(f.Counters.Deliveries, Is.EqualTo(3));
        Assert.That(f.Counters.DuplicateLinks, Is.EqualTo(1));
        Assert.That(f.Counters.DeliveryRatio, Is.EqualTo(1.0));
        Assert.That(f.Messages.Single().Reached, Is.EqualTo(3));
        Assert.That(Frame(view, builder).Flashes, Is.Empty, "crossings are sent once");
        var spread = view.MessageAt(0)!;
        Assert.That(spread.MaxHops, Is.EqualTo(2));
        Assert.That(spread.Receipts![d].From, Is.EqualTo(b));
    }

    [Test]
    public void EveryVisiblePeerAndLink_IsSent_HoweverManyThereAre()
    {
        // peer i links to peers 0..(i % 10): low indices collect high degrees
        var events = Start(0, 3, 2000).ToList();
        for (int i = 1; i < 2000; i++)
            for (int j = 0; j <= i % 10 && j < i; j++) events.AddRange(Link(1, Peer(i), Peer(j)));
        events.Add(E(2, TraceKind.CrashInjected, Peer(1999), a: 1, detail: "peer"));
        var (view, builder) = Build(events);
        var f = Frame(view, builder);
        var peers = f.Graph.Nodes.Where(n => !n.Seed).ToList();
        Assert.That(peers, Has.Count.EqualTo(2000));
        Assert.That(f.Counters.VisiblePeers, Is.EqualTo(2000));
        Assert.That(f.Graph.Made, Has.Count.EqualTo(f.Counters.Links), "each link once");
        Assert.That(f.Graph.Made.All(e => e[0] < e[1]), Is.True, "from its lower key");
        Assert.That(NodeOf(builder.Picture, Peer(1999))!.St, Is.EqualTo("crashed"));
    }

    [Test]
    public void AStartAgain_BringsACrashedPeerBack()
    {
        var (view, builder) = Build(Start(0, 1, 2).Append(E(1, TraceKind.CrashInjected, Peer(0), detail: "peer")));
        Assert.That(NodeOf(Picture(view, builder), Peer(0))!.St, Is.EqualTo("crashed"));
        view.Apply(E(2, TraceKind.NodeStarted, Peer(0), a: 2, detail: "peer"));
        Assert.That(NodeOf(Picture(view, builder), Peer(0))!.St, Is.EqualTo("joining"));
        view.Apply(E(2.5, TraceKind.Registered, Peer(0), a: 2));
        var n = NodeOf(Picture(view, builder), Peer(0))!;
        Assert.That((n.St, n.Tc), Is.EqualTo(("up", (double?)null)));
    }

    [Test]
    public void EachNodeDrawn_IsTheStatisticsFoldState_SoTheFrameAndTheSummaryAgree()
    {
        var (view, builder) = Build(Start(0, 1, 3).Concat(Link(1, Peer(0), Peer(1))).Concat(Link(1, Peer(1), Peer(2))));
        view.Apply(E(2, TraceKind.NodeStopped, Peer(2)));
        view.Apply(E(3, TraceKind.RunEnded, default));
        view.Apply(E(3, TraceKind.LinkDown, Peer(0), Peer(1), detail: "goodbye"));
        foreach (var p in new[] { Peer(0), Peer(1), Peer(2) })
            Assert.That(view.Find(p)!.State, Is.SameAs(view.Statistics.Nodes.Find(p)));
        var f = Frame(view, builder);
        Assert.That(NodeOf(builder.Picture, Peer(2)), Is.Null, "peer 2 left before the end");
        Assert.That(f.Counters.Peers, Is.EqualTo(view.Statistics.FinalDegrees().Length));
        Assert.That(NodeOf(builder.Picture, Peer(0))!.Deg, Is.EqualTo(0), "the picture follows the shutdown");
        Assert.That(view.Statistics.FinalDegrees(), Is.EqualTo(new[] { 1, 2 }), "the summary keeps the overlay as the run ended");
    }
}
