using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Ranks;
using GossipSim.Simulator.Threads;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Tests.Network;

/// <summary>
/// Three nodes on a 10 ms network for the tests of what the simulator tells a sender (<see cref="SimSendFailureTests"/>, a node
/// down; <see cref="SimSendTimeoutTests"/>, a partition): node 0 sends one message to each of the other two every 100 ms until 2 s
/// and notes each send and each report (<see cref="Node.OnSendFailed"/>) with its time in milliseconds; nodes 1 and 2 only listen.
/// </summary>
internal static class SendReportBed
{
    public static readonly NodeAddress SenderAt = NodeAddress.Parse("10.0.0.1:7000");
    /// <summary>The node a test takes down or cuts off.</summary>
    public static readonly NodeAddress TroubledAt = NodeAddress.Parse("10.0.0.2:7000");
    /// <summary>The node that stays up and on the sender's side.</summary>
    public static readonly NodeAddress FineAt = NodeAddress.Parse("10.0.0.3:7000");

    private sealed class Sender(List<string> log) : Node
    {
        public override NodeRole Role => NodeRole.Peer;
        protected override void OnStart() => Ctx.SetTimer(TimeSpan.FromMilliseconds(100), new TimerTag(TimerKind.GossipTick));

        public override void OnTimer(TimerTag tag)
        {
            foreach (var to in new[] { TroubledAt, FineAt })
            {
                Ctx.Send(to, new LinkClose());
                log.Add($"{Ms(Ctx.Now)} sent to {to}");
            }
            if (Ctx.Now < TimeSpan.FromSeconds(2)) Ctx.SetTimer(TimeSpan.FromMilliseconds(100), tag);
        }

        public override void OnMessage(NodeAddress from, Message message) { }
        public override void OnSendFailed(NodeAddress to) => log.Add($"{Ms(Ctx.Now)} failed to {to}");
    }

    private sealed class Quiet : Node
    {
        public override NodeRole Role => NodeRole.Peer;
        protected override void OnStart() { }
        public override void OnMessage(NodeAddress from, Message message) { }
        public override void OnTimer(TimerTag tag) { }
    }

    public static long Ms(TimeSpan t) => (long)Math.Round(t.TotalMilliseconds);

    /// <summary>Runs the three nodes until <paramref name="until"/> with <paramref name="setup"/> scheduled on the network; the sender's
    /// log and the network itself (its counts).</summary>
    public static (List<string> Log, SimNetwork Net) Run(Action<SimNetwork> setup, TimeSpan until, int threads = 1, IRankExchange? ranks = null)
    {
        var log = new List<string>();
        ParallelRunner? runner = threads > 1 ? (n, work) => Parallel.For(0, n, work) : null;
        var net = new SimNetwork(3, new ConstantLatency(10), NullTraceSink.Instance, threads: threads, runner: runner,
            partitions: threads > 1 ? 3 : null, ranks: ranks);
        net.AddNode(SenderAt, _ => new Sender(log), TimeSpan.Zero);
        net.AddNode(TroubledAt, _ => new Quiet(), TimeSpan.Zero);
        net.AddNode(FineAt, _ => new Quiet(), TimeSpan.Zero);
        setup(net);
        net.RunUntil(until);
        return (log, net);
    }
}
