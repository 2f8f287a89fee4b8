using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Tests.Support;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Host;

public class NodeHostTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly NodeAddress Self = NodeAddress.Parse("127.0.0.1:7001");
    private static readonly NodeAddress Other = NodeAddress.Parse("127.0.0.1:7002");
    private string _dir = "";

    [SetUp]
    public void MakeDir()
    {
        _dir = Path.Combine(Path.GetTempPath(), "realnet-host-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void RemoveDir()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static (NodeHost Host, RecordingNode Node, ManualTransport Transport) Create(NodeLog? log = null, string? statusPath = null)
    {
        var node = new RecordingNode();
        var transport = new ManualTransport(Self);
        var host = new NodeHost(node, transport, new NodeHostOptions
        {
            Random = new Rng(1),
            Log = log,
            StatusPath = statusPath,
            StatusInterval = TimeSpan.FromMilliseconds(50),
        });
        return (host, node, transport);
    }

    [Test]
    public async Task Timers_FireOnTheLoop_AndACancelledTimerNever()
    {
        var (host, node, _) = Create();
        host.Start();
        await host.InvokeAsync(n =>
        {
            var r = (RecordingNode)n;
            r.SetTimer(TimeSpan.FromMilliseconds(50), 1);
            r.CancelTimer(r.SetTimer(TimeSpan.FromMilliseconds(100), 2));
            r.SetTimer(TimeSpan.FromMilliseconds(300), 3);
            r.SetTimer(TimeSpan.Zero, 0);
            return 0;
        });
        await Eventually.HoldsAsync(() => node.Calls.Contains("timer GossipTick 3"), "the last timer fires", Patience);
        var timers = node.Calls.Where(c => c.StartsWith("timer")).ToArray();
        // Timer 2 was due long before timer 3 fired: its absence means the cancel worked.
        Assert.That(timers, Is.EquivalentTo(new[] { "timer GossipTick 0", "timer GossipTick 1", "timer GossipTick 3" }));
        await host.CrashAsync();
    }

    [Test]
    public async Task NodeCallbacks_NeverRunConcurrently_WhateverThreadsDeliver()
    {
        var (host, node, transport) = Create();
        host.Start();
        // A sender per thread, as TCP delivers (one connection, one reader, per sender); fewer than a sender may have waiting.
        const int perThread = 4000, threads = 4;
        var senders = Enumerable.Range(0, threads).Select(t => Task.Run(() =>
        {
            var from = Other with { Port = (ushort)(Other.Port + t) };
            for (int i = 0; i < perThread; i++) transport.Inject(from, new Ping(i + 1));
        })).ToArray();
        var timers = host.InvokeAsync(n =>
        {
            for (int i = 0; i < 200; i++) ((RecordingNode)n).SetTimer(TimeSpan.FromMilliseconds(i % 20), i);
            return 0;
        });
        await Task.WhenAll(senders);
        await timers;
        await Eventually.HoldsAsync(async () => await host.InvokeAsync(n => ((RecordingNode)n).MessagesHandled) == perThread * threads,
            "every injected message is handled", Patience);
        await Eventually.HoldsAsync(() => node.Calls.Count(c => c.StartsWith("timer")) == 200, "every timer fires", Patience);
        Assert.That(node.MaxConcurrency, Is.EqualTo(1));
        await host.CrashAsync();
    }

    [Test]
    public async Task Stop_CallsOnStopWithGoodbye_OnTheLoop_ThenClosesTheTransport()
    {
        var (host, node, transport) = Create();
        host.Start();
        await host.StopAsync(sayGoodbye: true);
        Assert.That(host.Completion.IsCompletedSuccessfully);
        Assert.That(node.Calls.Last(), Is.EqualTo("stop goodbye=True"));
        Assert.That(transport.Sent.Select(s => s.Message), Has.Some.InstanceOf<Goodbye>());
        Assert.That(transport.Disposed);
        Assert.That(node.MaxConcurrency, Is.EqualTo(1));
    }

    [Test]
    public async Task Crash_SkipsOnStop_AbortsTheTransport_AndDeliversNothingMore()
    {
        var (host, node, transport) = Create();
        host.Start();
        await host.InvokeAsync(n => 0);
        await host.CrashAsync();
        transport.Inject(Other, new Ping(1));
        Assert.That(node.Calls, Has.None.StartsWith("stop"));
        Assert.That(transport.Aborted);
        Assert.That(host.Completion.IsCompleted);
        Assert.That(node.MessagesHandled, Is.Zero);
        Assert.ThrowsAsync<InvalidOperationException>(() => host.InvokeAsync(n => 0));
    }

    [Test]
    public async Task ExceptionInTheNode_IsCountedAndLogged_AndTheLoopGoesOn()
    {
        string logPath = Path.Combine(_dir, "node.txt");
        using var log = new NodeLog(logPath, null, "[test]");
        var (host, node, transport) = Create(log);
        host.Start();
        transport.Inject(Other, new Ping(-1));
        transport.Inject(Other, new Ping(2));
        await Eventually.HoldsAsync(() => node.MessagesHandled == 2, "both messages handled", Patience);
        Assert.That(host.Faults, Is.EqualTo(1));
        await host.CrashAsync();
        Assert.That(File.ReadAllText(logPath), Does.Contain("INTERNAL ERROR handling Ping from 127.0.0.1:7002").And.Contain("boom"));
    }

    [Test]
    public async Task ARoleThatFailed_StopsTheNode_WithItsOneLine()
    {
        var (host, _, transport) = Create();
        host.Start();
        transport.Inject(Other, new Ping(-3));
        var halt = Assert.ThrowsAsync<NodeHaltException>(async () => await host.Completion.WaitAsync(Patience));
        Assert.That(halt!.Message, Is.EqualTo("the broadcast \"test\" of peer 127.0.0.1:7001 failed at t=1.500s (a test): the role gave up"));
    }

    [Test]
    public async Task StatusFile_IsRewrittenEveryInterval()
    {
        string statusPath = Path.Combine(_dir, "status.json");
        var (host, _, _) = Create(statusPath: statusPath);
        host.Start();
        await Eventually.HoldsAsync(() => File.Exists(statusPath), "the status file appears", Patience);
        double first = ReadTime(statusPath);
        await Eventually.HoldsAsync(() => ReadTime(statusPath) > first, "the status file is rewritten", Patience);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(statusPath));
        Assert.That(doc.RootElement.GetProperty("address").GetString(), Is.EqualTo("127.0.0.1:7001"));
        Assert.That(doc.RootElement.GetProperty("role").GetString(), Is.EqualTo("peer"));
        await host.CrashAsync();
    }

    private static double ReadTime(string path)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("t").GetDouble();
    }

    [Test]
    public async Task Now_IsTimeSinceTheUnixEpoch()
    {
        var (host, _, _) = Create();
        host.Start();
        var now = await host.InvokeAsync(n => ((RecordingNode)n).Now);
        Assert.That(now.TotalMilliseconds, Is.EqualTo(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()).Within(60_000));
        await host.CrashAsync();
    }

    [Test]
    public void RealClock_NeverGoesBack_WhenTheWallClockIsSteppedBack()
    {
        var time = new ManualTime(DateTimeOffset.UnixEpoch.AddSeconds(1000));
        var clock = new RealClock(time, (_, _) => { });
        Assert.That(clock.Now, Is.EqualTo(TimeSpan.FromSeconds(1000)));
        time.UtcNow = DateTimeOffset.UnixEpoch.AddSeconds(900);
        Assert.That(clock.Now, Is.EqualTo(TimeSpan.FromSeconds(1000)));
        time.UtcNow = DateTimeOffset.UnixEpoch.AddSeconds(1001);
        Assert.That(clock.Now, Is.EqualTo(TimeSpan.FromSeconds(1001)));
    }

    [Test]
    public async Task RealClock_ATimerCancelledAfterItFired_IsNotTaken()
    {
        var fired = new TaskCompletionSource<(long Id, TimerTag Tag)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = new RealClock(TimeProvider.System, (id, tag) => fired.TrySetResult((id, tag)));
        var timer = clock.SetTimer(TimeSpan.Zero, new TimerTag(TimerKind.DetectorTimer, 5));
        var (id, tag) = await fired.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That((id, tag), Is.EqualTo((timer.Value, new TimerTag(TimerKind.DetectorTimer, 5))), "the fired timer names itself and its tag");
        clock.CancelTimer(timer);
        Assert.That(clock.TryTake(id, out _), Is.False, "a timer cancelled while its firing waited in the loop does not reach the node");
        var second = clock.SetTimer(TimeSpan.FromHours(1), new TimerTag(TimerKind.GossipTick));
        Assert.That(clock.TryTake(second.Value, out _), Is.True, "a standing timer is taken once");
        Assert.That(clock.TryTake(second.Value, out _), Is.False);
    }

    [Test]
    public void RealClock_ATimerTaken_SaysHowLongAfterItsDueTime()
    {
        var time = new ManualTime(DateTimeOffset.UnixEpoch.AddSeconds(1000));
        var clock = new RealClock(time, (_, _) => { });
        var timer = clock.SetTimer(TimeSpan.FromHours(1), new TimerTag(TimerKind.GossipTick));
        time.UtcNow = DateTimeOffset.UnixEpoch.AddSeconds(1000 + 3600 + 2.5); // the machine ran the node 2.5 s after the timer was due
        Assert.That(clock.TryTake(timer.Value, out var late), Is.True);
        Assert.That(late, Is.EqualTo(TimeSpan.FromSeconds(2.5)));
    }

    // A stall of 2 s makes every timer due in it late at once: one line says it, another only when it adds 100 ms of its own.
    [TestCase(new[] { 100.0 }, new[] { 10.0 }, new[] { false }, TestName = "late 0.1 s: the ordinary wait, not traced")]
    [TestCase(new[] { 300.0 }, new[] { 10.0 }, new[] { true }, TestName = "late 0.3 s: traced")]
    [TestCase(new[] { 2000.0, 1950.0, 2000.0 }, new[] { 10.0, 10.0, 10.05 }, new[] { true, false, false },
        TestName = "timers late in one stall: the first line says it")]
    [TestCase(new[] { 2000.0, 500.0 }, new[] { 10.0, 10.5 }, new[] { true, true }, TestName = "a stall after the first adds its own: traced")]
    [TestCase(new[] { 2000.0, 2000.0 }, new[] { 10.0, 13.0 }, new[] { true, true }, TestName = "a second stall apart from the first: traced")]
    public void HeldUpTimers_TraceAStallOnce_AndWhatAddsToIt(double[] lateMs, double[] atSeconds, bool[] traced)
    {
        var heldUp = new HeldUpTimers();
        var said = lateMs.Select((l, i) => heldUp.Trace(TimeSpan.FromSeconds(atSeconds[i]), TimeSpan.FromMilliseconds(l))).ToArray();
        Assert.That(said, Is.EqualTo(traced));
    }

    [Test]
    public void NodeLog_WritesEachLineAtOnce_WithTheLocalTime()
    {
        string path = Path.Combine(_dir, "peer.txt");
        var console = new StringWriter();
        using var log = new NodeLog(path, console, "[peer 127.0.0.1:7001]");
        log.Line("received 1.000:127.0.0.1:7002:1 from 127.0.0.1:7002");
        // Read while the log is still open: a killed node's file must already hold the line.
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        string line = reader.ReadToEnd().TrimEnd('\n');
        Assert.That(line, Does.Match(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} received 1\.000:127\.0\.0\.1:7002:1 from 127\.0\.0\.1:7002$"));
        Assert.That(console.ToString(), Does.Contain("[peer 127.0.0.1:7001] received"));
    }

    [Test]
    public void NodeLog_AtItsCap_MovesItsContentToDot1_AndGoesOnWritingTheSameFile()
    {
        string path = Path.Combine(_dir, "seed.txt");
        const long cap = 4096;
        using (var log = new NodeLog(path, null, "", maxFileBytes: cap))
            for (int i = 0; i < 1000; i++) log.Line($"rejected dead-node report number {i}");
        Assert.That(new FileInfo(path).Length, Is.LessThanOrEqualTo(cap));
        Assert.That(new FileInfo(path + ".1").Length, Is.InRange(cap / 2, cap));
        Assert.That(File.ReadAllLines(path)[^1], Does.EndWith("rejected dead-node report number 999"), "the newest line is in the current file");
        Assert.That(File.Exists(path + ".2"), Is.False, "one old file, replaced at each rotation");
        string last = File.ReadAllLines(path + ".1")[^1];
        string first = File.ReadAllLines(path)[0];
        Assert.That(int.Parse(first.Split(' ')[^1]), Is.EqualTo(int.Parse(last.Split(' ')[^1]) + 1), "no line lost at the rotation");
    }
}
