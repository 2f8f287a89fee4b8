using System.Collections.Concurrent;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.RealNet.Tests.Support;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Host;

/// <summary>A node that records what the host calls, and checks it is never called twice at once.</summary>
public sealed class RecordingNode : Node
{
    private int _inside;

    public ConcurrentQueue<string> Calls { get; } = new();
    public int MaxConcurrency { get; private set; }
    public int MessagesHandled { get; private set; }
    /// <summary>The sender of each message handled, in the order the host handed them over.</summary>
    public ConcurrentQueue<NodeAddress> Senders { get; } = new();
    public int? LoopThread { get; private set; }
    public bool CalledOffTheLoop { get; private set; }

    public override NodeRole Role => NodeRole.Peer;

    protected override void OnStart() => Enter("start", () => Log("recording node started"));

    public override void OnMessage(NodeAddress from, Message message) => Enter($"message {message.Kind}", () =>
    {
        MessagesHandled++;
        Senders.Enqueue(from);
        if (message is Ping { Nonce: -1 }) throw new InvalidOperationException("boom: a bug in the node");
        if (message is Ping { Nonce: -3 })
            throw new Engine.Roles.RoleFailedException("broadcast \"test\"", Ctx.Self, TimeSpan.FromSeconds(1.5), "a test",
                new InvalidOperationException("the role gave up"));
    });

    public override void OnTimer(TimerTag tag) => Enter($"timer {tag.Kind} {tag.Arg}", () => { });

    public override void OnStop(bool sayGoodbye) => Enter($"stop goodbye={sayGoodbye}", () =>
    {
        if (sayGoodbye) Ctx.Send(NodeAddress.Parse("127.0.0.1:5001"), new Goodbye(1));
    });

    public override void OnSendFailed(NodeAddress to) => Enter($"send failed {to}", () => { });

    /// <summary>Called through the host's InvokeAsync, so on the loop like everything else.</summary>
    public void Send(NodeAddress to, Message message) => Ctx.Send(to, message);

    /// <summary>Called through the host's InvokeAsync, so on the loop like everything else.</summary>
    public TimerId SetTimer(TimeSpan after, long arg) => Ctx.SetTimer(after, new TimerTag(TimerKind.GossipTick, arg));

    public void CancelTimer(TimerId id) => Ctx.CancelTimer(id);

    public TimeSpan Now => Ctx.Now;

    private void Enter(string call, Action body)
    {
        int inside = Interlocked.Increment(ref _inside);
        try
        {
            MaxConcurrency = Math.Max(MaxConcurrency, inside);
            Calls.Enqueue(call);
            body();
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }
    }
}
