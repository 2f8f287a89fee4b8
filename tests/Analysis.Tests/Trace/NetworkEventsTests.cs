using GossipSim.Analysis.Trace;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Tests.Trace;

public class NetworkEventsTests
{
    private static TraceEvent At(double seconds, TraceKind kind, string? detail = null, NodeAddress node = default) =>
        new(TimeSpan.FromSeconds(seconds), kind, node, Detail: detail);

    [Test]
    public void WindowsRunFromTheFaultToWhatEndsIt()
    {
        var log = new NetworkEvents();
        foreach (var e in new[]
        {
            At(10, TraceKind.LossChanged, "0.05"),
            At(20, TraceKind.Partitioned, "[a] | [b]"),
            At(25, TraceKind.LossChanged, "0.08"), // a new rate ends the old window and opens another
            At(30, TraceKind.Healed),
            At(40, TraceKind.LossChanged, "0"),
            At(50, TraceKind.LatencyChanged, "x3 +50 ms"),
            At(55, TraceKind.GossipCreated),
            At(60, TraceKind.LatencyChanged, "normal"),
            At(70, TraceKind.Partitioned, "one-way [c] | [d]"),
            At(80, TraceKind.NodeStopped),
        }) log.Write(e);
        Assert.That(log.Windows, Is.EqualTo(new[]
        {
            new NetworkWindow(NetworkCondition.Loss, 10, 25, "rate 0.05"),
            new NetworkWindow(NetworkCondition.Partition, 20, 30, "[a] | [b]"),
            new NetworkWindow(NetworkCondition.Loss, 25, 40, "rate 0.08"),
            new NetworkWindow(NetworkCondition.LatencySpike, 50, 60, "x3 +50 ms"),
            new NetworkWindow(NetworkCondition.Partition, 70, 80, "one-way [c] | [d]"), // never healed: until the trace ends
        }));
    }

    [Test]
    public void Churn_IsOneWindowFromTheFirstLeaveToTheLast_NotCountingTheShutdown()
    {
        var log = new NetworkEvents(TimeSpan.FromSeconds(100)); // a real run's origin: times are seconds since it
        NodeAddress P(int i) => new((uint)(0x0A010000 + i), 7000);
        foreach (var e in new[]
        {
            At(101, TraceKind.NodeStarted, "peer", P(1)),
            At(130, TraceKind.NodeStopped, node: P(1)),
            At(135, TraceKind.NodeStarted, "peer", P(2)),
            At(150, TraceKind.NodeStopped, node: P(3)),
            At(190, TraceKind.RunEnded),
            At(190, TraceKind.NodeStopped, node: P(2)),
        }) log.Write(e);
        Assert.That(log.Windows, Is.EqualTo(new[] { new NetworkWindow(NetworkCondition.Churn, 30, 50, "churn: 2 peers left, 1 joined meanwhile") }));
    }

    [Test]
    public void RestartsNameTheNode()
    {
        var log = new NetworkEvents();
        var node = new NodeAddress(0x0A010009, 7000);
        log.Write(At(12.5, TraceKind.Restarted, node: node));
        Assert.That(log.Restarts, Is.EqualTo(new[] { new NodeRestart(node.ToString(), 12.5) }));
    }
}
