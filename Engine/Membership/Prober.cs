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
    private struct Probe(NodeAddress target, TContext context, long challenge)
    {
        public readonly NodeAddress Target = target;
        public readonly TContext Context = context;
        public readonly long Challenge = challenge;
        public int Sent = 1; // asks sent so far
    }

    private Dictionary<long, Probe>? _open;

    public int Open => _open?.Count ?? 0;

    /// <summary>Starts a probe: asks once and arms one timer of the prober's kind, whose argument is the nonce. Its pings carry
    /// <paramref name="challenge"/> for the target to sign (0: none).</summary>
    public void Start(NodeContext ctx, NodeAddress target, TContext context, long challenge = 0)
    {
        long nonce = Prober.NewNonce(ctx.Random);
        (_open ??= new())[nonce] = new Probe(target, context, challenge);
        ctx.Send(target, Ask(nonce, challenge));
        ctx.SetTimer(Prober.StepAfter(timeout, attempts, 1), new TimerTag(timer, nonce));
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
    /// last, ends the probe as silent (true, with its context). False for an ended probe.
    /// </summary>
    public bool TryTimedOut(NodeContext ctx, long nonce, out TContext context)
    {
        context = default!;
        if (_open == null || !_open.TryGetValue(nonce, out var probe)) return false;
        if (probe.Sent < attempts)
        {
            ctx.Send(probe.Target, Ask(nonce, probe.Challenge));
            probe.Sent++;
            _open[nonce] = probe;
            ctx.SetTimer(Prober.StepAfter(timeout, attempts, probe.Sent), new TimerTag(timer, nonce));
            return false;
        }
        context = probe.Context;
        _open.Remove(nonce);
        return true;
    }
}
