using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class ProberTests
{
    /// <summary>Records what the prober sends and which timers it arms: the node context built on a recording transport and clock.</summary>
    private sealed class RecordingContext : ITransport, IClock
    {
        public readonly List<(NodeAddress To, Message Message)> Sent = new();
        public readonly List<(TimeSpan After, TimerTag Tag)> Timers = new();
        public NodeContext Context { get; }
        public RecordingContext() => Context = new SeamContext(new NodeAddress(1, 1), this, this, new Rng(3), NullTraceSink.Instance, null);
        public NodeAddress LocalAddress => new(1, 1);
        public TimeSpan Now { get; set; }
        public void Start(MessageHandler onMessage) { }
        public void Send(NodeAddress to, Message message) => Sent.Add((to, message));
        public void Abort() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        public TimerId SetTimer(TimeSpan after, TimerTag tag) { Timers.Add((after, tag)); return new TimerId(Timers.Count); }
        public void CancelTimer(TimerId id) { }
    }

    private static readonly NodeAddress Target = new(2, 2);

    [Test]
    public void AProbe_PingsTheTarget_ThenResendsSpreadOverTheTimeout_ThenTimesOut_HoldingOneTimerAtATime()
    {
        var ctx = new RecordingContext();
        var prober = new Prober<string>(TimerKind.RemovalProbe, 3, TimeSpan.FromSeconds(3));
        prober.Start(ctx.Context, Target, "vote");
        long nonce = ((Ping)ctx.Sent.Single().Message).Nonce;
        Assert.That(nonce, Is.GreaterThan(0));
        var step = new TimerTag(TimerKind.RemovalProbe, nonce);
        Assert.That(ctx.Timers, Is.EqualTo(new[] { (TimeSpan.FromSeconds(1), step) }), "one timer, for the next step");
        Assert.That(prober.TryTimedOut(ctx.Context, nonce, out _), Is.False, "attempts remain: it asks again");
        Assert.That(prober.TryTimedOut(ctx.Context, nonce, out _), Is.False);
        Assert.That(ctx.Sent.Select(s => s.To), Is.EqualTo(new[] { Target, Target, Target }));
        Assert.That(ctx.Sent.Select(s => ((Ping)s.Message).Nonce), Is.All.EqualTo(nonce));
        Assert.That(ctx.Timers, Is.EqualTo(new[] { (TimeSpan.FromSeconds(1), step), (TimeSpan.FromSeconds(1), step), (TimeSpan.FromSeconds(1), step) }),
            "each step arms the next: asks at 0, 1 and 2 s, the end at 3 s");
        Assert.That(prober.TryTimedOut(ctx.Context, nonce, out var context), Is.True);
        Assert.That(context, Is.EqualTo("vote"));
        Assert.That(prober.TryTimedOut(ctx.Context, nonce, out _), Is.False, "a probe ends once");
        Assert.That(ctx.Sent, Has.Count.EqualTo(3), "no ping after the end");
        Assert.That(ctx.Timers, Has.Count.EqualTo(3), "no timer after the end");
    }

    [Test]
    public void APongFromTheTarget_EndsTheProbeAsAnswered_AndItsPendingStepThenArmsNothing()
    {
        var ctx = new RecordingContext();
        var prober = new Prober<int>(TimerKind.DialBack, 3, TimeSpan.FromSeconds(3));
        prober.Start(ctx.Context, Target, 7);
        long nonce = ((Ping)ctx.Sent.Single().Message).Nonce;
        Assert.That(prober.TryAnswered(new NodeAddress(9, 9), nonce, out _), Is.False, "only the target's pong counts");
        Assert.That(prober.TryAnswered(Target, nonce + 2, out _), Is.False, "only its nonce counts");
        Assert.That(prober.TryAnswered(Target, nonce, out int context), Is.True);
        Assert.That(context, Is.EqualTo(7));
        Assert.That(prober.TryTimedOut(ctx.Context, nonce, out _), Is.False);
        Assert.That(prober.Open, Is.Zero);
        Assert.That(ctx.Timers, Is.EqualTo(new[] { (TimeSpan.FromSeconds(1), new TimerTag(TimerKind.DialBack, nonce)) }),
            "the answered probe left its one pending step, which armed nothing more");
        Assert.That(ctx.Sent, Has.Count.EqualTo(1));
    }

    [TestCase(0, false, true)]
    [TestCase(99, false, true)]
    [TestCase(100, false, false)]
    [TestCase(2500, false, false)]
    [TestCase(2500, true, true)]
    public void TheLastStep_EndsTheProbeSilent_UnlessItWasHeldUp_AndThenOnlyOnce(int lateMs, bool extended, bool endsSilent) =>
        Assert.That(Prober.EndsSilent(TimeSpan.FromMilliseconds(lateMs), extended), Is.EqualTo(endsSilent));

    /// <summary>A seed held up past its probe's end (its machine did not run it): a pong may wait unread, so the probe asks once more
    /// and waits one more step; that step held up too ends it silent. A step taken on time is as before.</summary>
    [Test]
    public void ALastStepTakenLate_AsksOnceMore_AndWaitsOneMoreStep_ThenEndsSilent()
    {
        var ctx = new RecordingContext();
        var prober = new Prober<string>(TimerKind.RemovalProbe, 3, TimeSpan.FromSeconds(3));
        prober.Start(ctx.Context, Target, "vote");
        long nonce = ((Ping)ctx.Sent.Single().Message).Nonce;
        ctx.Now = TimeSpan.FromSeconds(1);
        Assert.That(prober.TryTimedOut(ctx.Context, nonce, out _), Is.False);
        ctx.Now = TimeSpan.FromSeconds(2);
        Assert.That(prober.TryTimedOut(ctx.Context, nonce, out _), Is.False);
        ctx.Now = TimeSpan.FromSeconds(5.5); // due at 3 s
        Assert.That(prober.TryTimedOut(ctx.Context, nonce, out _), Is.False, "held up 2.5 s: not silent yet");
        Assert.That(ctx.Sent, Has.Count.EqualTo(4), "a fourth ask");
        Assert.That(ctx.Timers[^1].After, Is.EqualTo(TimeSpan.FromSeconds(1)), "one more step");
        Assert.That(prober.TryAnswered(Target, nonce, out var answered), Is.True, "a pong now still answers it");
        Assert.That(answered, Is.EqualTo("vote"));

        prober.Start(ctx.Context, Target, "again");
        long second = ((Ping)ctx.Sent[^1].Message).Nonce;
        foreach (var at in new[] { 10, 15, 20 }) // every step late
        {
            ctx.Now = TimeSpan.FromSeconds(at);
            Assert.That(prober.TryTimedOut(ctx.Context, second, out _), Is.False);
        }
        ctx.Now = TimeSpan.FromSeconds(30);
        Assert.That(prober.TryTimedOut(ctx.Context, second, out var silent), Is.True, "the extra step held up too: silent");
        Assert.That(silent, Is.EqualTo("again"));
    }

    [TestCase(3, 3000, new long[] { 10_000_000, 10_000_000, 10_000_000 })]
    [TestCase(2, 2000, new long[] { 10_000_000, 10_000_000 })]
    [TestCase(1, 3000, new long[] { 30_000_000 })]
    [TestCase(3, 1000, new long[] { 3_333_333, 3_333_334, 3_333_333 })]
    public void Steps_SpreadTheAttempts_AndEndExactlyAtTheTimeout(int attempts, int timeoutMs, long[] stepTicks)
    {
        var timeout = TimeSpan.FromMilliseconds(timeoutMs);
        var steps = Enumerable.Range(1, attempts).Select(k => Prober.StepAfter(timeout, attempts, k)).ToArray();
        Assert.That(steps.Select(s => s.Ticks), Is.EqualTo(stepTicks));
        Assert.That(steps.Aggregate(TimeSpan.Zero, (a, b) => a + b), Is.EqualTo(timeout));
    }
}
