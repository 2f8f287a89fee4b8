using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trace;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Ranks;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Tests.Ranks;

/// <summary>
/// The run's end on ranks sends rank 0 the nodes' final states a batch of nodes an exchange (so a
/// million peers' states are never held, written and decoded at once): the trace is still the one
/// a single process writes, node by node.
/// </summary>
public class RankedStopTests
{
    /// <summary>A node that only says, at the run's end, which node it is.</summary>
    private sealed class Stopper : Node
    {
        public override NodeRole Role => NodeRole.Peer;
        protected override void OnStart() { }
        public override void OnMessage(NodeAddress from, Message message) { }
        public override void OnTimer(TimerTag tag) { }
        public override void OnStop(bool sayGoodbye) => Ctx.Trace(new TraceEvent(Ctx.Now, TraceKind.PeerState, Ctx.Self, A: 1));
    }

    private static (List<string> trace, long exchanges) Run(IRankExchange? ranks, int nodes, int stopsPerExchange)
    {
        var sink = new RecordingSink();
        var net = new SimNetwork(5, new UniformLatency(10, 50), sink, ranks: ranks) { StopsPerExchange = stopsPerExchange };
        for (int i = 0; i < nodes; i++) net.AddNode(new NodeAddress((10u << 24) + (uint)i + 1, 7000), _ => new Stopper(), TimeSpan.Zero);
        net.RunUntil(TimeSpan.FromSeconds(1));
        long before = net.RankTimes?.Exchanges ?? 0;
        net.StopAll();
        return (sink.Events.Select(e => $"{e.Kind} {e.Node}").ToList(), (net.RankTimes?.Exchanges ?? 0) - before);
    }

    [TestCase(2, 1)]
    [TestCase(3, 4)]
    [TestCase(3, 7)]
    [TestCase(2, 1000)]
    public void TheRunsEnd_InBatches_OnRanks_TracesEveryNodesStop_InOneProcesssOrder(int rankCount, int stopsPerExchange)
    {
        const int nodes = 23;
        var (one, _) = Run(null, nodes, stopsPerExchange);
        Assert.That(one.Count(l => l.StartsWith("PeerState")), Is.EqualTo(nodes), "every node's stop, on one process");
        var onRanks = ThreadRanks.Run(rankCount, r => Run(r, nodes, stopsPerExchange));
        Assert.That(onRanks[0].trace, Is.EqualTo(one), $"{rankCount} ranks, {stopsPerExchange} stops an exchange");
        for (int r = 1; r < rankCount; r++) Assert.That(onRanks[r].trace, Is.Empty, $"rank {r} writes nothing: rank 0 writes the trace");
        Assert.That(onRanks.Select(r => r.exchanges), Is.All.EqualTo(nodes / stopsPerExchange + 1),
            "every rank trades a batch's states after each full batch, and the rest at the end");
    }
}
