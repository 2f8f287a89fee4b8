using GossipSim.Engine.Messages;

namespace GossipSim.Engine.Core;

/// <summary>
/// A single-threaded protocol state machine. The runtime calls these one at a time; a node
/// never blocks and never sees concurrency.
/// </summary>
public abstract class Node
{
    private INodeContext? _ctx;

    protected INodeContext Ctx => _ctx ?? throw new InvalidOperationException("node not started");

    public NodeAddress Address => Ctx.Self;

    public abstract NodeRole Role { get; }

    public void Start(INodeContext ctx)
    {
        _ctx = ctx;
        OnStart();
    }

    protected abstract void OnStart();

    public abstract void OnMessage(NodeAddress from, Message message);

    public abstract void OnTimer(TimerTag tag);

    /// <summary>
    /// A hint from the simulator that an event for this node is coming (see Prefetch): start
    /// loading the state it will read. Step 0 may prefetch objects this node points to; step 1,
    /// called an event later, the objects those point to. The event's sender and message (null
    /// for a timer) say what it is about; the message itself was prefetched before step 0.
    /// Must not change anything.
    /// </summary>
    public virtual void PrefetchState(int step, NodeAddress from, object? message)
    {
        if (step == 0) Prefetch.Object(_ctx);
    }

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

public enum NodeRole : byte { Seed = 1, Peer = 2 }
