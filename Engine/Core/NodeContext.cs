using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Core;

/// <summary>
/// Everything a node may do to the world: send, set and cancel timers, read the time, draw from
/// its own random stream, trace and log. A runtime gives each node one: RealNet composes it from
/// its seams (<see cref="SeamContext"/>: a transport, a clock, a trace sink, a log); the
/// simulator's per-node attachment is itself the context, so a simulated million peers are a
/// million such objects, not two million (docs/performance.md, section 4). A node never touches
/// sockets, wall-clock time, threads or a global Random.
/// Contract: all calls come from the node's own single thread, during one of its callbacks.
/// </summary>
public abstract class NodeContext(NodeAddress self, Rng random)
{
    public NodeAddress Self { get; } = self;

    /// <summary>This node's own seeded stream: the only source of randomness a node may use.</summary>
    public Rng Random { get; } = random;

    /// <summary>See <see cref="IClock.Now"/>: virtual time in the simulator, time since the Unix epoch on real nodes.</summary>
    public abstract TimeSpan Now { get; }

    /// <summary>Best effort: see <see cref="ITransport"/>.</summary>
    public abstract void Send(NodeAddress to, Message message);

    /// <summary>Fires <see cref="Node.OnTimer"/> with the tag after the delay, unless cancelled or the node stopped; see
    /// <see cref="IClock"/>.</summary>
    public abstract TimerId SetTimer(TimeSpan after, TimerTag tag);

    public abstract void CancelTimer(TimerId id);

    /// <summary>Structured event for analysis. Cheap to call: sinks decide what to keep.</summary>
    public abstract void Trace(in TraceEvent e);

    /// <summary>See <see cref="INodeLog.Detailed"/>: false when the node has no log.</summary>
    public abstract bool LogEnabled { get; }

    /// <summary>One line of the node's human-readable output file (R13).</summary>
    public abstract void Log(string line);

    /// <summary>
    /// An array the node will keep for long (a hub's ping sample, held in many neighbour
    /// tables). Where it lives is the runtime's choice: the simulator makes it where the collector
    /// treats it as old, so young collections need not scan the tables that hold it; elsewhere it
    /// is an ordinary array. Its contents are the node's alone either way.
    /// </summary>
    public virtual NodeAddress[] NewLongLived(int count) => new NodeAddress[count];
}
