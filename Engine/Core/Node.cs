using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Core;

/// <summary>
/// A single-threaded protocol state machine. The runtime calls these one at a time; a node
/// never blocks and never sees concurrency.
/// </summary>
public abstract class Node
{
    private NodeContext? _ctx;

    protected NodeContext Ctx => _ctx ?? throw new InvalidOperationException("node not started");

    public NodeAddress Address => Ctx.Self;

    public abstract NodeRole Role { get; }

    public void Start(NodeContext ctx)
    {
        _ctx = ctx;
        OnStart();
    }

    protected abstract void OnStart();

    public abstract void OnMessage(NodeAddress from, Message message);

    public abstract void OnTimer(TimerTag tag);

    /// <summary>
    /// The network said that a message this node sent to <paramref name="to"/> did not arrive: what TCP tells a sender whose
    /// connection is refused or reset because the other end is down, or whose connect or write nobody answers (a network cut). Only a
    /// hint, as on TCP: a message may still be lost unreported, and a report may come late or for a message sent before the other end
    /// came back, so nothing here replaces the protocol's own detection. Both runtimes give it (the simulator for a message that
    /// reaches a node that is down, after a return delay, and for one a partition drops, after the connect timeout,
    /// <see cref="TransportTimeouts.Connect"/>; a real transport for a refused or timed-out connect, a reset or a timed-out write, at
    /// most once per destination per back-off). Default: nothing.
    /// </summary>
    public virtual void OnSendFailed(NodeAddress to) { }

    /// <summary>
    /// Starts loading what handling <paramref name="message"/> reads first (a table's cell, a list's array), a few events before
    /// it comes: a simulator's hint, since its queue knows what comes next. Changes nothing. Default: nothing.
    /// </summary>
    public virtual void ReadAhead(Message message, Collections.ReadAhead hints) { }

    /// <summary>
    /// How many overlay links the node holds, for the trace of a crash (a peer's neighbours;
    /// 0 for a node without any, a seed). Read by the runtime, which knows nothing of roles.
    /// </summary>
    public virtual int OverlayDegree => 0;

    /// <summary>Whether a majority of seeds has registered the node (a peer), for a fault that waits until every peer has linked. Read by
    /// the runtime.</summary>
    public virtual bool IsRegisteredPeer => false;

    /// <summary>Clean stop (end of run, SIGTERM): a chance to say goodbye and trace final state.</summary>
    public virtual void OnStop(bool sayGoodbye) { }

    /// <summary>A line of the node's output (R13). Always delivered; the runtime decides where it goes.</summary>
    protected void Log(string line) => Ctx.Log(line);

    /// <summary>A high-volume line (links, peer lists): built only when detailed output is on.</summary>
    protected void Detail(Func<string> line)
    {
        if (Ctx.LogEnabled) Ctx.Log(line());
    }
}

