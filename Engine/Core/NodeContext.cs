using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;

namespace GossipSim.Engine.Core;

/// <summary>
/// Everything a node may do to the world, composed from the seams: a transport, a clock with
/// timers, its own random stream, a trace sink and a log. The simulator and RealNet build the
/// same class from their own implementations; a node never touches sockets, wall-clock time,
/// threads or a global Random.
/// Contract: all calls come from the node's own single thread, during one of its callbacks.
/// Sealed, and held by <see cref="Node"/> as this class: a send or a timer is one call here and
/// one interface call into the runtime (the simulator's hottest path).
/// </summary>
public sealed class NodeContext(
    NodeAddress self, ITransport transport, IClock clock, Rng random, ITraceSink trace, INodeLog? log,
    Func<int, NodeAddress[]>? longLived = null)
{
    private readonly ITransport _transport = transport;
    private readonly IClock _clock = clock;
    private readonly ITraceSink _trace = trace;
    private readonly INodeLog? _log = log;

    public NodeAddress Self { get; } = self;

    /// <summary>See <see cref="IClock.Now"/>: virtual time in the simulator, time since the Unix epoch on real nodes.</summary>
    public TimeSpan Now => _clock.Now;

    /// <summary>Best effort: see <see cref="ITransport"/>.</summary>
    public void Send(NodeAddress to, Message message) => _transport.Send(to, message);

    /// <summary>Fires <see cref="Node.OnTimer"/> with the tag after the delay, unless cancelled or the node stopped; see
    /// <see cref="IClock"/>.</summary>
    public TimerId SetTimer(TimeSpan after, TimerTag tag) => _clock.SetTimer(after, tag);

    public void CancelTimer(TimerId id) => _clock.CancelTimer(id);

    /// <summary>This node's own seeded stream: the only source of randomness a node may use.</summary>
    public Rng Random { get; } = random;

    /// <summary>Structured event for analysis. Cheap to call: sinks decide what to keep.</summary>
    public void Trace(in TraceEvent e) => _trace.Write(e);

    /// <summary>See <see cref="INodeLog.Detailed"/>: false when the node has no log.</summary>
    public bool LogEnabled => _log is { Detailed: true };

    /// <summary>One line of the node's human-readable output file (R13).</summary>
    public void Log(string line) => _log?.Line(Self, _clock.Now, line);

    /// <summary>
    /// An array the node will keep for long (a hub's ping sample, held in many neighbour
    /// tables). Where it lives is the runtime's choice: the simulator makes it where the collector
    /// treats it as old, so young collections need not scan the tables that hold it; elsewhere it
    /// is an ordinary array. Its contents are the node's alone either way.
    /// </summary>
    public NodeAddress[] NewLongLived(int count) => longLived?.Invoke(count) ?? new NodeAddress[count];
}
