using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Roles;

/// <summary>
/// A peer's <b>failure detector</b>: when a neighbour is suspected, and what is asked of others before it is reported. The peer
/// keeps the rest, the same for every detector, and keeps it secure: it pings with nonces it keeps and takes only the pong that
/// carries one (<see cref="OnAnswered"/>); it asks a suspect's other neighbours to probe it with a challenge the suspect must sign,
/// and hands on only the answers it verified (<see cref="OnWitnessAnswer"/>); it traces a neighbour's suspicion, keeps its health,
/// and sends the dead-node report to the seeds, whose own probes decide a removal (R12). It also answers every ping, serves as a
/// witness for other peers, and passes on a neighbour's goodbye, whatever the detector. The classic detector (R11) pings every
/// neighbour each interval and asks witnesses after a few misses in a row; SWIM probes one neighbour a period and waits out
/// Lifeguard's timeout; a user's detector whatever its paper says.
/// <para>
/// One object serves a peer (<see cref="FailureDetectorChoice.Create"/> makes it when the peer is made): a detector whose state
/// is small and rarely needed may be one object shared by every peer, keeping each peer's state in
/// <see cref="DetectorContext.State"/>, made at its first need. It is called on the peer's own thread only, one call at a time,
/// and acts on the world only through the <see cref="DetectorContext"/> it is handed: no sockets, clock, threads or
/// <see cref="System.Random"/>, so the same code runs on the simulator (any thread count, any MPI rank count: same seed, same
/// trace) and on real nodes. An exception it throws stops the run, naming the node, the time and the event
/// (<see cref="RoleFailedException"/>).
/// </para>
/// </summary>
public abstract class FailureDetectorRole
{
    /// <summary>The peer made its first link (called once in a peer's life): set the timer of the first round.</summary>
    public abstract void OnStart(DetectorContext peer);

    /// <summary>A timer this detector set (<see cref="DetectorContext.SetTimer"/>) fired, with the number it was given.</summary>
    public abstract void OnTimer(DetectorContext peer, long arg);

    /// <summary>
    /// <paramref name="neighbour"/> answered this detector's last ping to it (<see cref="DetectorContext.Ping(int)"/>) at
    /// <paramref name="at"/> (now): it is alive, and a suspicion of it is cleared already (traced). What it said of its own
    /// neighbours is the sample the next <see cref="DetectorContext.DrawWitnesses"/> draws from.
    /// </summary>
    public virtual void OnAnswered(DetectorContext peer, NodeAddress neighbour, TimeSpan at) { }

    /// <summary>A witness answered a round this detector asked for (<see cref="DetectorContext.AskWitnesses"/>,
    /// <see cref="DetectorContext.AskToProbe"/>); the suspect may no longer be a neighbour.</summary>
    public virtual void OnWitnessAnswer(DetectorContext peer, in WitnessAnswer answer) { }

    /// <summary>A seed rejected this peer's report about <paramref name="dead"/>: its probe was answered. A neighbour reported
    /// is suspected again (its health says so); the detector may report it anew on its own evidence.</summary>
    public virtual void OnReportRejected(DetectorContext peer, NodeAddress dead) { }

    /// <summary>Another peer pinged this one, and the peer answered (a detector counting the load it is put under).</summary>
    public virtual void OnPinged(DetectorContext peer, NodeAddress from) { }

    /// <summary>A link was made: <paramref name="neighbour"/> is in <see cref="DetectorContext.Neighbours"/> from now on.</summary>
    public virtual void OnLinkUp(DetectorContext peer, NodeAddress neighbour) { }

    /// <summary>A link ended (closed, its neighbour gone, restarted or removed): it is no longer in
    /// <see cref="DetectorContext.Neighbours"/>; forget what is kept about it (a later link to the same address starts anew).</summary>
    public virtual void OnLinkDown(DetectorContext peer, NodeAddress neighbour) { }

    /// <summary>A send to <paramref name="neighbour"/> failed, as TCP reports it (refused or reset: it is down); it is still a neighbour
    /// (<see cref="Core.Node.OnSendFailed"/> says what the report is worth). A detector may take it as evidence; by default nothing.</summary>
    public virtual void OnSendFailed(DetectorContext peer, NodeAddress neighbour) { }

    /// <summary>The peer stops: trace or log the detector's own counts.</summary>
    public virtual void OnStop(DetectorContext peer) { }
}
