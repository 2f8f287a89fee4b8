using GossipSim.Engine.Core;
using GossipSim.Dashboard.Runs;
using GossipSim.Engine.Trace;
using GossipSim.Dashboard.Events;
using GossipSim.Dashboard.Model;
using GossipSim.Dashboard.Tests.Support;
using static GossipSim.Dashboard.Tests.Support.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Dashboard.Tests.Events;

/// <summary>Where the event stream comes from: node trace files being written, a replayed timeline, the manager.</summary>
public class StreamSourceTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDir() => _dir = Directory.CreateTempSubdirectory("gossipsim-dash-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    private string NodeFile(string node)
    {
        Directory.CreateDirectory(Path.Combine(_dir, node));
        return Path.Combine(_dir, node, "trace.jsonl");
    }

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Test]
    public void TheTailer_MergesNodeFilesInTimeOrder_AndWaitsForWholeLines()
    {
        string a = NodeFile("peer-0"), b = NodeFile("seed-0");
        File.WriteAllText(a, Line(E(1, TraceKind.NodeStarted, Peer(0), detail: "peer")) + "\n" + Line(E(3, TraceKind.Registered, Peer(0))) + "\n");
        string half = Line(E(2.5, TraceKind.MemberAdded, Seed(0), Peer(0), a: 1, b: 1));
        File.WriteAllText(b, Line(E(2, TraceKind.NodeStarted, Seed(0), detail: "seed")) + "\n" + half[..20]);
        var tailer = new NodeTraceTailer(_dir, TimeSpan.Zero);

        var first = tailer.Poll(S(10));
        Assert.That(first.Select(e => e.Time.TotalSeconds), Is.EqualTo(new[] { 1.0, 2.0, 3.0 }));
        Assert.That(tailer.BadLines, Is.Zero, "a half-written line is kept, not misread");

        File.AppendAllText(b, half[20..] + "\n");
        var second = tailer.Poll(S(10));
        Assert.That(second.Single().Kind, Is.EqualTo(TraceKind.MemberAdded));
        Assert.That(tailer.Poll(S(10)), Is.Empty);
    }

    [Test]
    public void TheTailer_HoldsBackYoungEvents_SoALateLineFromAnotherFileKeepsItsPlace()
    {
        string a = NodeFile("peer-0"), b = NodeFile("peer-1");
        var tailer = new NodeTraceTailer(_dir, TimeSpan.FromMilliseconds(300));
        File.WriteAllText(a, Line(E(9.9, TraceKind.LinkUp, Peer(0), Peer(1))) + "\n");
        Assert.That(tailer.Poll(S(10)), Is.Empty, "0.1 s old: held back");
        File.WriteAllText(b, Line(E(9.8, TraceKind.LinkUp, Peer(1), Peer(0))) + "\n"); // written late, stamped earlier
        var out1 = tailer.Poll(S(10.25));
        Assert.That(out1.Select(e => e.Time.TotalSeconds), Is.EqualTo(new[] { 9.8, 9.9 }));
    }

    [Test]
    public void TheTailer_ReadsAReplacedFileFromItsStart()
    {
        string a = NodeFile("peer-0");
        var tailer = new NodeTraceTailer(_dir, TimeSpan.Zero);
        File.WriteAllText(a, Line(E(1, TraceKind.NodeStarted, Peer(0), detail: "peer")) + "\n" + Line(E(2, TraceKind.Registered, Peer(0))) + "\n");
        Assert.That(tailer.Poll(S(10)), Has.Count.EqualTo(2));
        File.WriteAllText(a, Line(E(5, TraceKind.NodeStarted, Peer(0), a: 2, detail: "peer")) + "\n");
        Assert.That(tailer.Poll(S(10)).Single().Time, Is.EqualTo(S(5)));
    }

    [Test]
    public void TheTailer_OfATraceThatReachedItsCap_ReadsTheEndOfTheRotatedPart_ThenTheNewFile()
    {
        string a = NodeFile("peer-0");
        var tailer = new NodeTraceTailer(_dir, TimeSpan.Zero);
        File.WriteAllText(a, Line(E(1, TraceKind.NodeStarted, Peer(0), detail: "peer")) + "\n" + Line(E(2, TraceKind.Registered, Peer(0))) + "\n");
        Assert.That(tailer.Poll(S(10)), Has.Count.EqualTo(2));
        // Between two polls the node writes one line more, reaches its cap (TraceFileSink), and writes on in a new file.
        File.AppendAllText(a, Line(E(3, TraceKind.LinkUp, Peer(0), Peer(1))) + "\n");
        File.Move(a, a + ".1");
        File.WriteAllText(a, Line(E(4, TraceKind.LinkDown, Peer(0), Peer(1))) + "\n");
        Assert.That(tailer.Poll(S(10)).Select(e => e.Time.TotalSeconds), Is.EqualTo(new[] { 3.0, 4.0 }), "nothing lost at the rotation");
    }

    private static ReplayTimeline Timeline(params double[] times) =>
        new(times.Select(t => E(t, TraceKind.LinkUp, Peer(0), Peer(1))));

    private static double[] Times(ReplayStep step) => step.Events.Select(e => e.Time.TotalSeconds).ToArray();

    [Test]
    public void TheReplay_PlaysAtItsSpeed_Pauses_SeeksBothWays_AndStopsAtTheEnd()
    {
        var player = new ReplayPlayer(Timeline(0.5, 1, 1.5, 2, 2.5, 4, 10), TimeSpan.Zero, playing: true, speed: 2);
        Assert.That(Times(player.Advance(S(1))), Is.EqualTo(new[] { 0.5, 1, 1.5, 2 }));
        player.Pause();
        Assert.That(player.Advance(S(5)).Events, Is.Empty);
        Assert.That(player.Position, Is.EqualTo(2));

        player.Seek(1);
        var back = player.Advance(S(0.2));
        Assert.That(back.Reset, Is.True, "going back rebuilds the picture from the start");
        Assert.That(Times(back), Is.EqualTo(new[] { 0.5, 1 }));

        player.Seek(4);
        var ahead = player.Advance(S(0.2));
        Assert.That((ahead.Reset, ahead.Jumped), Is.EqualTo((false, true)));
        Assert.That(Times(ahead), Is.EqualTo(new[] { 1.5, 2, 2.5, 4 }));

        player.SetSpeed(100);
        player.Play();
        Assert.That(Times(player.Advance(S(1))), Is.EqualTo(new[] { 10.0 }));
        Assert.That((player.Playing, player.AtEnd, player.Position), Is.EqualTo((false, true, 10.0)));
        player.Play();
        Assert.That(player.Advance(S(0.1)).Reset, Is.True, "play at the end starts again");
    }

    [Test]
    public void ATimelineStillBeingRecorded_IsPlayedUpToItsLastEvent()
    {
        var timeline = new ReplayTimeline();
        var player = new ReplayPlayer(timeline, TimeSpan.Zero, playing: true, speed: 1);
        timeline.Write(E(0.5, TraceKind.LinkUp, Peer(0), Peer(1)));
        Assert.That(Times(player.Advance(S(3))), Is.EqualTo(new[] { 0.5 }));
        Assert.That((player.Position, player.Playing), Is.EqualTo((0.5, true)), "it waits at the frontier, still playing");
        timeline.Write(E(2, TraceKind.LinkUp, Peer(1), Peer(0)));
        timeline.MarkComplete();
        timeline.Write(E(3, TraceKind.LinkUp, Peer(1), Peer(2)));
        Assert.That(Times(player.Advance(S(3))), Is.EqualTo(new[] { 2.0 }), "nothing is added after completion");
        Assert.That(player.Playing, Is.False);
    }

    [Test]
    public void ASimulationRunLive_IsShownUpToTheSimulatorsPresent_NeverBack()
    {
        var timeline = new ReplayTimeline();
        var player = new ReplayPlayer(timeline, TimeSpan.Zero, playing: true, speed: 1);
        timeline.Write(E(0.5, TraceKind.LinkUp, Peer(0), Peer(1)));
        timeline.Write(E(1.5, TraceKind.LinkUp, Peer(1), Peer(2)));
        Assert.That(Times(player.Follow(1)), Is.EqualTo(new[] { 0.5 }), "only what happened by the simulator's present");
        Assert.That(player.Position, Is.EqualTo(1));
        timeline.Write(E(2.5, TraceKind.LinkUp, Peer(2), Peer(3)));
        Assert.That(Times(player.Follow(3)), Is.EqualTo(new[] { 1.5, 2.5 }));
        Assert.That((Times(player.Follow(2)), player.Position), Is.EqualTo((Array.Empty<double>(), 3.0)), "an older present moves nothing");
    }

    [Test]
    public void ALiveRun_TakesCrashesFromTheManager_OncePerLife()
    {
        File.WriteAllText(NodeFile("peer-0"), string.Join("\n", new[]
        {
            Line(E(1, TraceKind.NodeStarted, Peer(0), detail: "peer")), Line(E(1.2, TraceKind.Registered, Peer(0))),
            Line(E(1, TraceKind.NodeStarted, Peer(1), detail: "peer")),
        }) + "\n");
        var run = new FakeLiveRun(_dir) { TimeOrigin = TimeSpan.Zero };
        var listed = new[]
        {
            new ListedNode(Peer(0), "peer", Up: false), new ListedNode(Peer(1), "peer", Up: true),
            new ListedNode(new NodeAddress((127u << 24) | 1, 0), "peer", Up: false),
        };
        run.Answer = line => line == "list" ? new ManagerAnswer("list", true, listed.Select(n => n.ToString()).ToList(), listed) : ManagerAnswer.Refused(line, "?");
        var source = new LiveRunSource(run);
        var view = new NetworkView();
        var crashes = new List<TraceEvent>();
        for (int i = 0; i < 3; i++)
        {
            foreach (var e in source.Poll(view)) { view.Apply(e); if (e.Kind == TraceKind.CrashInjected) crashes.Add(e); }
            Thread.Sleep(LiveRunSource.ListInterval + TimeSpan.FromMilliseconds(50));
        }
        Assert.That(run.Lines, Has.Some.EqualTo("list"));
        Assert.That(crashes.Select(c => (c.Node, c.Detail)), Is.EqualTo(new[] { (Peer(0), "peer") }));
        Assert.That(view.Find(Peer(0))!.Condition, Is.EqualTo(NodeCondition.Crashed));

        // A kill through the manager is a crash at once, and only once.
        var killed = new ManagerAnswer($"kill {Peer(1)}", true, new[] { $"killed peer {Peer(1)} (degree 0)" }, new[] { new ListedNode(Peer(1), "peer", Up: false) });
        source.OnAnswer(killed, view);
        source.OnAnswer(killed, view);
        run.Answer = line => new ManagerAnswer(line, true, Array.Empty<string>(), Array.Empty<ListedNode>());
        var next = source.Poll(view).Where(e => e.Kind == TraceKind.CrashInjected).ToList();
        Assert.That(next.Select(e => e.Node), Is.EqualTo(new[] { Peer(1) }));
    }

    [Test]
    public void ALiveRun_EndsWhenItsSeedsStop()
    {
        File.WriteAllText(NodeFile("seed-0"), Line(E(1, TraceKind.NodeStarted, Seed(0), detail: "seed")) + "\n" + Line(E(20, TraceKind.NodeStopped, Seed(0))) + "\n");
        File.WriteAllText(NodeFile("peer-0"), Line(E(1, TraceKind.NodeStarted, Peer(0), detail: "peer")) + "\n" + Line(E(20.5, TraceKind.NodeStopped, Peer(0))) + "\n");
        var run = new FakeLiveRun(_dir) { Finished = true };
        var view = new NetworkView();
        var events = new LiveRunSource(run).Poll(view);
        Assert.That(events.Select(e => e.Kind), Is.EqualTo(new[] { TraceKind.NodeStarted, TraceKind.NodeStarted, TraceKind.RunEnded, TraceKind.NodeStopped, TraceKind.NodeStopped }));
        foreach (var e in events) view.Apply(e);
        Assert.That(view.RunEnded, Is.True);
        Assert.That(view.Find(Peer(0))!.Condition, Is.EqualTo(NodeCondition.Up), "stopping at the end of the run is not leaving");
    }
}
