using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trace;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Network;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Tests.Network;

/// <summary>
/// A crash as the simulator traces it: the victim's overlay degree and role come from what the
/// node reports of itself (the simulator knows no node type), and its timers die with it.
/// </summary>
public class SimCrashTests
{
    private sealed class Linked(int degree, NodeRole role) : Node
    {
        public int TimersFired;
        public override NodeRole Role => role;
        public override int OverlayDegree => degree;
        protected override void OnStart() => Ctx.SetTimer(TimeSpan.FromSeconds(2), new TimerTag(TimerKind.DetectorTimer));
        public override void OnMessage(NodeAddress from, Message message) { }
        public override void OnTimer(TimerTag tag) => TimersFired++;
    }

    [TestCase(7, NodeRole.Peer, "peer")]
    [TestCase(0, NodeRole.Seed, "seed")]
    public void ACrash_TracesTheNodesOwnDegreeAndRole_AndItsTimersNeverFire(int degree, NodeRole role, string detail)
    {
        var trace = new RecordingSink();
        var net = new SimNetwork(1, new ConstantLatency(10), trace);
        var node = new Linked(degree, role);
        int index = net.AddNode(NodeAddress.Parse("10.0.0.1:7000"), _ => node, TimeSpan.Zero);
        net.Schedule(TimeSpan.FromSeconds(1), () => net.Crash(index));
        net.RunUntil(TimeSpan.FromSeconds(5));

        var crash = trace.Of(TraceKind.CrashInjected).Single();
        Assert.That((crash.Node, crash.A, crash.Detail), Is.EqualTo((NodeAddress.Parse("10.0.0.1:7000"), (long)degree, detail)));
        Assert.That(node.TimersFired, Is.Zero, "the timer set before the crash died with the node");
    }
}
