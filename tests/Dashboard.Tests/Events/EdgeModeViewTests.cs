using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Dashboard.Frames;
using GossipSim.Dashboard.Model;
using static GossipSim.Dashboard.Tests.Support.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Dashboard.Tests.Events;

/// <summary>From edge-mode events to what the page is sent: each link's mode (Plumtree's tree or lazy), the passive entries
/// (HyParView's, not links), their counts, and frames that carry only what changed.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)] // each test its own view and frames
public class EdgeModeViewTests
{
    private readonly NetworkView _view = new();
    private readonly FrameBuilder _builder = new();

    private Frame Apply(params IEnumerable<TraceEvent>[] batches)
    {
        foreach (var e in batches.SelectMany(b => b)) _view.Apply(e);
        return _builder.Build(_view, summary: null, animateCrossings: false, eventsPerSecond: 0);
    }

    private static IEnumerable<TraceEvent> Mode(double t, NodeAddress holder, NodeAddress other, EdgeMode mode)
    {
        yield return E(t, TraceKind.EdgeModeChanged, holder, other, a: (long)mode);
    }

    private static IEnumerable<TraceEvent> One(TraceEvent e) { yield return e; }

    private FrameLink LinkOf(NodeAddress a, NodeAddress b) => new(KeyOf(a), KeyOf(b));
    private int KeyOf(NodeAddress a) => _builder.Picture.Nodes.Values.Single(n => n.Id == a.ToString()).K;
    private EdgeMode ModeOf(NodeAddress a, NodeAddress b) => _builder.Picture.Modes.GetValueOrDefault(LinkOf(a, b));

    [Test]
    public void Links_ArePlain_UntilAPeerTracesAMode_ThenUntracedLinksAreOnTheTree_AndALinkIsLazyOnlyWhenBothSidesAre()
    {
        var f = Apply(Start(0, 1, 3), Link(1, Peer(0), Peer(1)), Link(1, Peer(1), Peer(2)));
        Assert.That(_builder.Picture.Modes, Is.Empty, "no mode traced: plain links (a flood run)");
        Assert.That(f.Graph.Modes, Is.Null, "a flood run's frames carry no modes");
        Assert.That((f.Counters.TreeLinks, f.Counters.LazyLinks), Is.EqualTo((0, 0)));

        f = Apply(Mode(2, Peer(1), Peer(0), EdgeMode.Lazy));
        Assert.That(ModeOf(Peer(0), Peer(1)), Is.EqualTo(EdgeMode.Tree), "peer 0 still pushes the payload on it");
        Assert.That(ModeOf(Peer(1), Peer(2)), Is.EqualTo(EdgeMode.Tree), "a Plumtree link starts on the tree");
        Assert.That(f.Graph.Modes, Is.EquivalentTo(new[] { Moded(Peer(0), Peer(1), EdgeMode.Tree), Moded(Peer(1), Peer(2), EdgeMode.Tree) }));

        f = Apply(Mode(2.1, Peer(0), Peer(1), EdgeMode.Lazy));
        Assert.That(ModeOf(Peer(0), Peer(1)), Is.EqualTo(EdgeMode.Lazy), "both sides only announce");
        Assert.That(f.Graph.Modes, Is.EqualTo(new[] { Moded(Peer(0), Peer(1), EdgeMode.Lazy) }), "only the change is sent");
        Assert.That((f.Counters.TreeLinks, f.Counters.LazyLinks, f.Counters.Links), Is.EqualTo((1, 1, 2)));

        f = Apply(Mode(3, Peer(0), Peer(1), EdgeMode.Tree));
        Assert.That(ModeOf(Peer(0), Peer(1)), Is.EqualTo(EdgeMode.Tree), "a graft puts it back on the tree");

        var whole = _builder.Picture.Whole();
        Assert.That(whole.Modes, Is.EquivalentTo(new[] { Moded(Peer(0), Peer(1), EdgeMode.Tree), Moded(Peer(1), Peer(2), EdgeMode.Tree) }));
    }

    [Test]
    public void AFirstReceipt_PutsItsLinkOnTheTree_AtThePeerThatTookIt_WhereLinksHaveModes()
    {
        // Plumtree traces no edge-mode line for a first receipt's link (its gossip-delivered line implies it).
        var m = new MessageId(Peer(2), 1);
        Apply(Start(0, 1, 3), Link(1, Peer(0), Peer(1)), Link(1, Peer(1), Peer(2)), Mode(2, Peer(1), Peer(0), EdgeMode.Lazy),
            Mode(2, Peer(0), Peer(1), EdgeMode.Lazy));
        Assert.That(ModeOf(Peer(0), Peer(1)), Is.EqualTo(EdgeMode.Lazy));

        Apply(One(Delivered(3, Peer(1), Peer(0), m, 2, 1)));
        Assert.That(ModeOf(Peer(0), Peer(1)), Is.EqualTo(EdgeMode.Tree), "peer 1 pushes the payload on the link it got the message by");

        // HyParView under a flood: passive entries, no tree; a delivery makes no link a mode.
        Apply(Mode(4, Peer(2), Peer(0), EdgeMode.Passive), One(Delivered(4.1, Peer(2), Peer(1), m, 2, 1)));
        Assert.That(_view.Find(Peer(2))!.State.EdgeModes!.OfLink(Peer(1)), Is.Null, "no Tree or Lazy traced at peer 2: its links keep no mode");
    }

    [Test]
    public void ALinkMadeAgain_StartsOnTheTree_ForgettingTheModeOfItsLastLife()
    {
        Apply(Start(0, 1, 2), Link(1, Peer(0), Peer(1)), Mode(2, Peer(0), Peer(1), EdgeMode.Lazy), Mode(2, Peer(1), Peer(0), EdgeMode.Lazy));
        Assert.That(ModeOf(Peer(0), Peer(1)), Is.EqualTo(EdgeMode.Lazy));

        var f = Apply(One(E(3, TraceKind.LinkDown, Peer(0), Peer(1))), One(E(3, TraceKind.LinkDown, Peer(1), Peer(0))));
        Assert.That(_builder.Picture.Links, Is.Empty);
        Assert.That(f.Graph.Modes, Is.Null, "a closed link's mode goes with it");

        f = Apply(Link(4, Peer(0), Peer(1)));
        Assert.That(ModeOf(Peer(0), Peer(1)), Is.EqualTo(EdgeMode.Tree));
        Assert.That(f.Graph.Modes, Is.EqualTo(new[] { Moded(Peer(0), Peer(1), EdgeMode.Tree) }), "sent with the link made");
    }

    [Test]
    public void APassiveEntry_IsShownUntilDropped_OrUntilItBecomesALink_AndMakesNoLinkAMode()
    {
        var f = Apply(Start(0, 1, 3), Link(1, Peer(0), Peer(1)), Mode(2, Peer(0), Peer(2), EdgeMode.Passive),
            Mode(2, Peer(1), Peer(2), EdgeMode.Passive));
        Assert.That(_builder.Picture.Passive, Is.EquivalentTo(new[] { Entry(Peer(0), Peer(2)), Entry(Peer(1), Peer(2)) }));
        Assert.That(f.Graph.Passive, Is.EquivalentTo(new[] { Entry(Peer(0), Peer(2)).Pair, Entry(Peer(1), Peer(2)).Pair }));
        Assert.That(_builder.Picture.Links, Has.Count.EqualTo(1), "a passive entry is no link");
        Assert.That(_builder.Picture.Modes, Is.Empty, "passive entries say nothing of the links: HyParView's active links are plain");
        Assert.That(f.Counters.PassiveEntries, Is.EqualTo(2));

        f = Apply(Mode(3, Peer(0), Peer(2), EdgeMode.None));
        Assert.That(_builder.Picture.Passive, Is.EqualTo(new[] { Entry(Peer(1), Peer(2)) }));
        Assert.That(f.Graph.PassiveGone, Is.EqualTo(new[] { Entry(Peer(0), Peer(2)).Pair }));
        Assert.That(f.Graph.Passive, Is.Null);

        f = Apply(One(E(4, TraceKind.LinkUp, Peer(1), Peer(2))));
        Assert.That(_builder.Picture.Passive, Is.Empty, "the entry became a link");
        Assert.That(_builder.Picture.Links, Does.Contain(LinkOf(Peer(1), Peer(2))));
        Assert.That(f.Graph.PassiveGone, Is.EqualTo(new[] { Entry(Peer(1), Peer(2)).Pair }));

        f = Apply(One(E(5, TraceKind.LinkDown, Peer(1), Peer(2))));
        Assert.That(_builder.Picture.Passive, Is.Empty, "not passive again unless traced so");
    }

    [Test]
    public void ACrashedOrRestartedPeer_KeepsNoModesOrPassiveEntriesFromItsLife()
    {
        Apply(Start(0, 1, 3), Link(1, Peer(0), Peer(1)), Mode(2, Peer(0), Peer(1), EdgeMode.Lazy), Mode(2, Peer(0), Peer(2), EdgeMode.Passive));
        Assert.That(_builder.Picture.Passive, Has.Count.EqualTo(1));

        Apply(One(E(3, TraceKind.CrashInjected, Peer(0), a: 1, detail: "peer")));
        Assert.That(_builder.Picture.Passive, Is.Empty);
        Assert.That(ModeOf(Peer(0), Peer(1)), Is.EqualTo(EdgeMode.Tree), "only peer 1's side holds the link now, and it is on the tree");
        Assert.That(_view.Find(Peer(0))!.State.EdgeModes, Is.Null);
    }

    [TestCase(EdgeMode.Tree, 1)]
    [TestCase(EdgeMode.Lazy, 0)]
    public void ADuplicateIsInferred_OnlyWhereTheNeighbourThatHeldTheMessagePushesThePayload(EdgeMode neighboursSide, int duplicates)
    {
        // Peer 0 gossips to 1 and 2; 1 held it before 2 did, and 1's side of its link to 2 pushes the payload or only announces.
        var m = new MessageId(Peer(0), 1);
        Apply(Start(0, 1, 3), Link(1, Peer(0), Peer(1)), Link(1, Peer(0), Peer(2)), Link(1, Peer(1), Peer(2)),
            Mode(1.5, Peer(1), Peer(2), neighboursSide), Mode(1.5, Peer(0), Peer(1), EdgeMode.Tree),
            One(E(2, TraceKind.GossipCreated, Peer(0), msg: m)), One(Delivered(2.01, Peer(1), Peer(0), m, 2, 1)),
            One(Delivered(2.02, Peer(2), Peer(0), m, 2, 1)));
        Assert.That(_view.DuplicateLinks, Is.EqualTo(duplicates));
    }

    private int[] Moded(NodeAddress a, NodeAddress b, EdgeMode mode) => new[] { LinkOf(a, b).A, LinkOf(a, b).B, (int)mode };
    private FramePassive Entry(NodeAddress holder, NodeAddress entry) => new(KeyOf(holder), KeyOf(entry));
}
