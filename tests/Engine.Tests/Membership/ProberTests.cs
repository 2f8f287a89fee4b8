using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;

namespace GossipSim.Engine.Tests;

public class ProberTests
{
    /// <summary>Records what the prober sends and which timers it arms: the node context built on a recording transport and clock.</summary>
    private sealed class RecordingContext : ITransport, IClock
    {
        public readonly List<(NodeAddress To, Message Message)> Sent = new();
        public readonly List<(TimeSpan After, TimerTag Tag)> Timers = new();
        public NodeContext Context { get; }
        public RecordingContext() => Context = new NodeContext(new NodeAddress(1, 1), this, this, new Rng(3), NullTraceSink.Instance, null);
        public NodeAddress LocalAddress => new(1, 1);
        public TimeSpan Now => TimeSpan.Zero;
        public void Start(MessageHandler onMessage) { }
        public void Send(NodeAddress to, Message message) => Sent.Add((to, message));
        public void Abort() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        public TimerId SetTimer(TimeSpan after, TimerTag tag) { Timers.Add((after, tag)); return new TimerId(Timers.Count); }
        public void CancelTimer(TimerId id) { }
    }

    private static readonly NodeAddress Target = new(2, 2);

    [Test]
    public void AProbe_PingsTheTarget_ThenResendsSpreadOverTheTimeout_ThenTimesOut()
    {
        var ctx = new RecordingContext();
        var prober = new Prober<string>(3, TimeSpan.FromSeconds(3));
        prober.Start(ctx.Context, Target, "vote");
        long nonce = ((Ping)ctx.Sent.Single().Message).Nonce;
        Assert.That(nonce, Is.GreaterThan(0));
        Assert.That(ctx.Timers, Is.EqualTo(new[]
        {
            (TimeSpan.FromSeconds(1), new TimerTag(TimerKind.ProbeResend, nonce)),
            (TimeSpan.FromSeconds(2), new TimerTag(TimerKind.ProbeResend, nonce)),
            (TimeSpan.FromSeconds(3), new TimerTag(TimerKind.ProbeTimeout, nonce)),
        }));
        prober.Resend(ctx.Context, nonce);
        Assert.That(ctx.Sent.Select(s => s.To), Is.EqualTo(new[] { Target, Target }));
        Assert.That(ctx.Sent.Select(s => ((Ping)s.Message).Nonce), Is.All.EqualTo(nonce));
        Assert.That(prober.TryTimedOut(nonce, out var context), Is.True);
        Assert.That(context, Is.EqualTo("vote"));
        Assert.That(prober.TryTimedOut(nonce, out _), Is.False, "a probe ends once");
        prober.Resend(ctx.Context, nonce);
        Assert.That(ctx.Sent, Has.Count.EqualTo(2), "no ping after the end");
    }

    [Test]
    public void APongFromTheTarget_EndsTheProbeAsAnswered_AndItsTimeoutThenFindsNothing()
    {
        var ctx = new RecordingContext();
        var prober = new Prober<int>(1, TimeSpan.FromSeconds(3));
        prober.Start(ctx.Context, Target, 7);
        long nonce = ((Ping)ctx.Sent.Single().Message).Nonce;
        Assert.That(prober.TryAnswered(new NodeAddress(9, 9), nonce, out _), Is.False, "only the target's pong counts");
        Assert.That(prober.TryAnswered(Target, nonce + 2, out _), Is.False, "only its nonce counts");
        Assert.That(prober.TryAnswered(Target, nonce, out int context), Is.True);
        Assert.That(context, Is.EqualTo(7));
        Assert.That(prober.TryTimedOut(nonce, out _), Is.False);
        Assert.That(prober.Open, Is.Zero);
    }
}
