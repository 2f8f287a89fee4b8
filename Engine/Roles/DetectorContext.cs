using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Roles;

/// <summary>
/// Everything a failure detector may do, and all it may read: its peer's neighbours (the links, by position) and their health,
/// the engine's secure primitives (ping a neighbour, ask a suspect's other neighbours to probe it, suspect, clear, report to the
/// seeds), timers, the peer's random stream, trace and log. Handed to each call of <see cref="FailureDetectorRole"/>; a value,
/// not to be kept past the call. Bounds hold a detector to the protocol's: it pings and suspects only neighbours, asks only
/// the witnesses a suspect named, reports only a neighbour it suspects, and sets at most <see cref="MaxTimers"/> timers and
/// keeps at most <see cref="MaxOpenRounds"/> rounds of witnesses at once; a call past one throws <see cref="RoleBoundException"/>
/// saying which.
/// </summary>
public readonly struct DetectorContext
{
    /// <summary>Timers one peer's detector may have set and not yet fired or cancelled.</summary>
    public const int MaxTimers = 131_072;

    /// <summary>Rounds of witnesses one peer's detector may have open at once (asked, not all answered, not ended).</summary>
    public const int MaxOpenRounds = 131_072;

    private readonly IDetectorHost _host;

    internal DetectorContext(IDetectorHost host) => _host = host;

    /// <summary>This peer's address.</summary>
    public NodeAddress Self => _host.Ctx.Self;

    /// <summary>The time: virtual in the simulator, since the Unix epoch on a real node. Only differences mean anything.</summary>
    public TimeSpan Now => _host.Ctx.Now;

    /// <summary>The peer's own seeded stream: the only randomness a detector may use (same seed, same draws, on every runtime).</summary>
    public Rng Random => _host.Ctx.Random;

    /// <summary>The peer's settings, among them a registered detector's own (<see cref="PeerConfig.Setting"/>).</summary>
    public PeerConfig Config => _host.Config;

    /// <summary>The detector's name in the menu ("classic", "swim", or a registered one).</summary>
    public string DetectorName => _host.DetectorName;

    /// <summary>
    /// The detector's own object for this peer, kept by the peer: null until the detector sets it. A detector shared by every
    /// peer keeps each peer's state here, made at its first need and let go when empty (a simulated million peers that never
    /// miss a ping then pay one empty reference each).
    /// </summary>
    public object? State
    {
        get => _host.DetectorState;
        set => _host.DetectorState = value;
    }

    /// <summary>The neighbours now, in link order; a link is named by its position here (valid until the next link made or lost,
    /// which <see cref="FailureDetectorRole.OnLinkUp"/> and <see cref="FailureDetectorRole.OnLinkDown"/> tell).</summary>
    public ReadOnlySpan<NodeAddress> Neighbours => _host.NeighbourAddresses;

    /// <summary>The position of <paramref name="neighbour"/> among <see cref="Neighbours"/>; -1 when it is not one.</summary>
    public int IndexOf(NodeAddress neighbour) => _host.NeighbourIndex(neighbour);

    /// <summary>The stage of the neighbour's suspicion, as the verbs below and its answers moved it.</summary>
    public NeighbourHealth Health(int link) => _host.Health(CheckLink(link));

    /// <summary>Whether the last ping to the neighbour on <paramref name="link"/> is still unanswered.</summary>
    public bool PingOutstanding(int link) => _host.PingOutstanding(CheckLink(link));

    /// <summary>Pings the neighbour with a fresh nonce the peer keeps (one draw from <see cref="Random"/>): its pong, and only a
    /// pong with that nonce, is <see cref="FailureDetectorRole.OnAnswered"/>. A ping before the last one's answer replaces it.</summary>
    public void Ping(int link) => _host.Ping(CheckLink(link));

    /// <summary>Pings a neighbour; a peer that is not one is a bound broken.</summary>
    public void Ping(NodeAddress neighbour) => _host.Ping(LinkOf(neighbour, "pinged"));

    /// <summary>Some of the neighbour's own neighbours, as its last pong named them (this peer and the neighbour may be among
    /// them): whom it may be asked about.</summary>
    public ReadOnlySpan<NodeAddress> SampleOf(int link) => _host.SampleOf(CheckLink(link));

    /// <summary>At most <paramref name="max"/> of the neighbour's other neighbours from its last pong (not this peer, not it,
    /// each once), in an order drawn from <see cref="Random"/>: whom to ask to probe it.</summary>
    public NodeAddress[] DrawWitnesses(int link, int max) => _host.DrawWitnesses(CheckLink(link), Math.Max(0, max));

    /// <summary>
    /// Asks each of <paramref name="witnesses"/> (of <see cref="SampleOf"/>, each once) to probe the suspect on
    /// <paramref name="link"/> for a verdict (R11): the peer sends each a query with a challenge only the suspect can sign and
    /// keeps the round; a suspected neighbour's health becomes <see cref="NeighbourHealth.QueryingWitnesses"/>. Each answer the
    /// peer verified comes to <see cref="FailureDetectorRole.OnWitnessAnswer"/>; end the round (<see cref="EndRound"/>) once
    /// decided, or it ends when every witness has answered. Returns the round's number.
    /// </summary>
    public long AskWitnesses(int link, ReadOnlySpan<NodeAddress> witnesses) => _host.AskWitnesses(CheckLink(link), witnesses, true);

    /// <summary>As <see cref="AskWitnesses"/>, but a probe through others before any suspicion (SWIM's ping-req): the neighbour's
    /// health is left as it is.</summary>
    public long AskToProbe(int link, ReadOnlySpan<NodeAddress> others) => _host.AskWitnesses(CheckLink(link), others, false);

    /// <summary>The answers so far of round <paramref name="ask"/>; false when it is over (every witness answered, or ended).</summary>
    public bool TryGetRound(long ask, out WitnessRound round) => _host.TryGetRound(ask, out round);

    /// <summary>Ends round <paramref name="ask"/>: answers still to come are dropped.</summary>
    public void EndRound(long ask) => _host.EndRound(ask);

    /// <summary>The neighbour missed a ping (<paramref name="inARow"/> in a row; traced as ping-missed): an alive one becomes
    /// <see cref="NeighbourHealth.Missed"/>.</summary>
    public void Missed(int link, int inARow) => _host.Missed(CheckLink(link), inARow);

    /// <summary>Suspects the neighbour (traced as suspected, with the <paramref name="witnesses"/> asked about it now): an alive or
    /// missed one becomes <see cref="NeighbourHealth.Suspected"/>.</summary>
    public void Suspect(int link, int witnesses) => _host.Suspect(CheckLink(link), witnesses);

    /// <summary>A neighbour reported and neither removed nor defended since (the report or the seeds' answer was lost) is
    /// suspected again, to be reported anew: <see cref="NeighbourHealth.Reported"/> becomes <see cref="NeighbourHealth.Suspected"/>
    /// (not traced: its suspicion never ended).</summary>
    public void SuspectAgain(int link) => _host.SuspectAgain(CheckLink(link));

    /// <summary>The witnesses did not confirm the suspicion: it stands, not reported, and may be asked about again
    /// (<see cref="NeighbourHealth.QueryingWitnesses"/> becomes <see cref="NeighbourHealth.Suspected"/>).</summary>
    public void NotConfirmed(int link) => _host.NotConfirmed(CheckLink(link));

    /// <summary>The neighbour is alive after all (another peer reached it): it becomes alive, and a suspicion of it ends, traced
    /// as cleared with <paramref name="why"/>. Returns whether it was suspected.</summary>
    public bool ClearSuspicion(int link, string why) => _host.ClearSuspicion(CheckLink(link), why);

    /// <summary>
    /// Reports the suspected neighbour dead to the seeds: the dead-node line (R11) is traced, logged and sent to every seed that
    /// accepted this peer, naming <paramref name="agreeing"/> of <paramref name="asked"/> witnesses that could not reach it; the
    /// seeds' own probes decide the removal (R12). Its health becomes <see cref="NeighbourHealth.Reported"/>. Only a suspect may
    /// be reported (<see cref="Suspect"/> first).
    /// </summary>
    public void Report(int link, int agreeing, int asked) => _host.Report(CheckLink(link), agreeing, asked);

    /// <summary>Fires <see cref="FailureDetectorRole.OnTimer"/> with <paramref name="arg"/> after the delay, unless cancelled or the
    /// peer stopped. At most <see cref="MaxTimers"/> may be set and not yet fired or cancelled.</summary>
    public TimerId SetTimer(TimeSpan after, long arg) => _host.SetRoleTimer(after, arg);

    public void CancelTimer(TimerId timer) => _host.CancelRoleTimer(timer);

    /// <summary>A structured event into the run's trace (what the analysis and the checks read).</summary>
    public void Trace(in TraceEvent e) => _host.Ctx.Trace(e);

    /// <summary>Whether <see cref="Log"/> writes anywhere: build a line only when it does.</summary>
    public bool LogEnabled => _host.Ctx.LogEnabled;

    /// <summary>One line of the peer's output file.</summary>
    public void Log(string line) => _host.Ctx.Log(line);

    private int CheckLink(int link)
    {
        int count = _host.NeighbourAddresses.Length;
        if ((uint)link >= (uint)count)
            throw new RoleBoundException($"link {link} does not exist: the peer has {count} neighbours (positions 0 to {count - 1})");
        return link;
    }

    private int LinkOf(NodeAddress neighbour, string what)
    {
        int at = _host.NeighbourIndex(neighbour);
        if (at < 0)
            throw new RoleBoundException($"{what} {neighbour}, which is not a neighbour: a failure detector watches only its neighbours");
        return at;
    }
}
