using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Membership;

/// <summary>Ping nonces, for probes and for a peer's pings of its neighbours.</summary>
public static class Prober
{
    /// <summary>A ping nonce: positive and never 0, which marks "no ping outstanding".</summary>
    public static long NewNonce(Rng rng) => (long)(rng.NextUInt64() >> 1) | 1;

    /// <summary>
    /// The delay from attempt <paramref name="sent"/> (1-based) to the next step: attempts are
    /// spread evenly, attempt k at <c>timeout · (k − 1) / attempts</c>, and the probe ends at the timeout.
    /// </summary>
    public static TimeSpan StepAfter(TimeSpan timeout, int attempts, int sent) =>
        timeout * sent / attempts - timeout * (sent - 1) / attempts;

    /// <summary>A step taken at least this long after it was due was held up: its node did not run meanwhile (a real machine's
    /// load or pause; the simulator takes every timer on time), so the target's answer may be waiting unread.</summary>
    public static readonly TimeSpan HeldUp = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Whether the last step, taken <paramref name="late"/> after it was due, ends the probe as silent. Taken on time, yes. Held up,
    /// not yet: the prober asks once more and waits one more step (<paramref name="extended"/> then), because a pong that came
    /// while the node did not run is still unread and silence judged then would be its own stall's (a seed voting a live peer
    /// out: CI, a loaded machine). Once only, so a node held up again and again still ends its probes.
    /// </summary>
    public static bool EndsSilent(TimeSpan late, bool extended) => extended || late < HeldUp;
}

/// <summary>
/// One liveness probe (a seed before a removal vote, a witness asked about a suspect, a seed's
/// dial-back with <paramref name="ask"/> sent instead of a ping): ping with a fresh nonce, again
/// <c>attempts - 1</c> times over the timeout (one lost ping is no death), ending exactly once, with the
/// caller's context, at the target's pong (<see cref="TryAnswered"/>) or the timeout (<see cref="TryTimedOut"/>).
/// One timer of kind <paramref name="timer"/> per probe, armed for its next step and left to lapse
/// when answered (cancelling would still keep it in the simulator's queue). Empty until first used.
/// </summary>
public sealed class Prober<TContext>(TimerKind timer, int attempts, TimeSpan timeout, Func<long, Message>? ask = null)
{
    private struct Probe(NodeAddress target, TContext context, long challenge, TimeSpan due)
    {
        public readonly NodeAddress Target = target;
        public readonly TContext Context = context;
        public readonly long Challenge = challenge;
        public int Sent = 1; // asks sent so far
        public TimeSpan Due = due; // when the armed step is due
        public bool Extended; // the last step came late and was given one more (Prober.EndsSilent)
    }

    private Dictionary<long, Probe>? _open;

    public int Open => _open?.Count ?? 0;

    /// <summary>Starts a probe: asks once and arms one timer of the prober's kind, whose argument is the nonce. Its pings carry
    /// <paramref name="challenge"/> for the target to sign (0: none).</summary>
    public void Start(NodeContext ctx, NodeAddress target, TContext context, long challenge = 0)
    {
        long nonce = Prober.NewNonce(ctx.Random);
        var step = Prober.StepAfter(timeout, attempts, 1);
        (_open ??= new())[nonce] = new Probe(target, context, challenge, ctx.Now + step);
        ctx.Send(target, Ask(nonce, challenge));
        ctx.SetTimer(step, new TimerTag(timer, nonce));
    }

    private Message Ask(long nonce, long challenge) => ask != null ? ask(nonce) : new Ping(nonce, challenge);

    /// <summary>A pong (or a dial-back answer): ends the probe as answered when the nonce is open and the pong came from its
    /// target.</summary>
    public bool TryAnswered(NodeAddress from, long nonce, out TContext context)
    {
        if (_open != null && _open.TryGetValue(nonce, out var probe) && probe.Target == from)
        {
            _open.Remove(nonce);
            context = probe.Context;
            return true;
        }
        context = default!;
        return false;
    }

    /// <summary>
    /// The prober's timer: while attempts remain, asks again and arms the next step; after the
    /// last, ends the probe as silent (true, with its context), unless that step was held up
    /// (<see cref="Prober.EndsSilent"/>: one more ask and step). False for an ended probe.
    /// </summary>
    public bool TryTimedOut(NodeContext ctx, long nonce, out TContext context)
    {
        context = default!;
        if (_open == null || !_open.TryGetValue(nonce, out var probe)) return false;
        bool last = probe.Sent >= attempts;
        if (!last || !Prober.EndsSilent(ctx.Now - probe.Due, probe.Extended))
        {
            ctx.Send(probe.Target, Ask(nonce, probe.Challenge));
            if (last) probe.Extended = true;
            else probe.Sent++;
            var step = Prober.StepAfter(timeout, attempts, probe.Sent);
            probe.Due = ctx.Now + step;
            _open[nonce] = probe;
            ctx.SetTimer(step, new TimerTag(timer, nonce));
            return false;
        }
        context = probe.Context;
        _open.Remove(nonce);
        return true;
    }
}
