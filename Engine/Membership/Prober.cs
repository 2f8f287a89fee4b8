using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;

namespace GossipSim.Engine.Membership;

/// <summary>Ping nonces, for probes and for a peer's pings of its neighbours.</summary>
public static class Prober
{
    /// <summary>A ping nonce: positive and never 0, which marks "no ping outstanding".</summary>
    public static long NewNonce(Rng rng) => (long)(rng.NextUInt64() >> 1) | 1;
}

/// <summary>
/// One liveness probe protocol, used by a seed before it votes on a removal and by a witness
/// asked about a suspect: ping the target with a fresh nonce, ping it again
/// <c>attempts - 1</c> times spread over the timeout (one lost ping is not a death), and end
/// with the first of: a pong with the nonce from the target (<see cref="TryAnswered"/>), or the
/// timeout (<see cref="TryTimedOut"/>). Each probe ends exactly once; the caller's context
/// comes back with the ending. Holds nothing until the first probe: most peers never probe.
/// A seed's dial-back of a registrant is the same protocol with another question: give
/// <paramref name="ask"/> to send it instead of a ping (the answer then carries the nonce).
/// </summary>
public sealed class Prober<TContext>(int attempts, TimeSpan timeout, Func<long, Message>? ask = null)
{
    private Dictionary<long, (NodeAddress Target, TContext Context)>? _open;

    public int Open => _open?.Count ?? 0;

    /// <summary>Starts a probe: arms <see cref="TimerKind.ProbeResend"/> and <see cref="TimerKind.ProbeTimeout"/> timers whose argument is the nonce.</summary>
    public void Start(NodeContext ctx, NodeAddress target, TContext context)
    {
        long nonce = Prober.NewNonce(ctx.Random);
        (_open ??= new())[nonce] = (target, context);
        ctx.Send(target, Ask(nonce));
        for (int k = 1; k < attempts; k++)
            ctx.SetTimer(timeout * k / attempts, new TimerTag(TimerKind.ProbeResend, nonce));
        ctx.SetTimer(timeout, new TimerTag(TimerKind.ProbeTimeout, nonce));
    }

    /// <summary>The <see cref="TimerKind.ProbeResend"/> timer: pings again while the probe is open.</summary>
    public void Resend(NodeContext ctx, long nonce)
    {
        if (_open != null && _open.TryGetValue(nonce, out var probe)) ctx.Send(probe.Target, Ask(nonce));
    }

    private Message Ask(long nonce) => ask != null ? ask(nonce) : new Ping(nonce);

    /// <summary>A pong (or a dial-back answer): ends the probe as answered when the nonce is open and the pong came from its target.</summary>
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

    /// <summary>The <see cref="TimerKind.ProbeTimeout"/> timer: ends the probe as silent when still open.</summary>
    public bool TryTimedOut(long nonce, out TContext context)
    {
        if (_open != null && _open.Remove(nonce, out var probe))
        {
            context = probe.Context;
            return true;
        }
        context = default!;
        return false;
    }
}
