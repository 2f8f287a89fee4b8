using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Network;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Tests.Network;

/// <summary>
/// The simulator's bookkeeping that every delivery goes through: a message or timer meant for
/// an earlier life of a node never reaches a later one, and an address finds its node whether
/// it belongs to a run of consecutive addresses (found by arithmetic) or not (found by hash).
/// </summary>
public class SimLifeAndAddressTests
{
    /// <summary>Sends the given pings at the given times (relative to its start) and records what it receives.</summary>
    private sealed class Probe(params (TimeSpan at, NodeAddress to, long nonce)[] plan) : Node
    {
        public readonly List<(NodeAddress from, long nonce)> Got = new();
        public int TimersFired;
        public override NodeRole Role => NodeRole.Peer;
        protected override void OnStart()
        {
            for (int i = 0; i < plan.Length; i++) Ctx.SetTimer(plan[i].at, new TimerTag(TimerKind.GossipTick, i));
        }
        public override void OnMessage(NodeAddress from, Message message) => Got.Add((from, ((Ping)message).Nonce));
        public override void OnTimer(TimerTag tag)
        {
            TimersFired++;
            var (_, to, nonce) = plan[tag.Arg];
            Ctx.Send(to, new Ping(nonce));
        }
    }

    private static SimNetwork Network() => new(7, new UniformLatency(10, 50), NullTraceSink.Instance);

    [Test]
    public void MessagesAndTimersOfAnEarlierLife_NeverReachTheRestartedNode()
    {
        var net = Network();
        var a = NodeAddress.Parse("10.0.0.1:1");
        var b = NodeAddress.Parse("10.0.0.2:1");
        var lives = new List<Probe>();
        // b's first life arms a timer for 2 s; a sends at 0.5 s (in flight while b crashes) and at 3 s (after the restart).
        int bIndex = net.AddNode(b, _ => { var p = new Probe((TimeSpan.FromSeconds(2), a, 99)); lives.Add(p); return p; }, TimeSpan.Zero);
        var sender = new Probe((TimeSpan.FromSeconds(0.49), b, 1), (TimeSpan.FromSeconds(3), b, 2));
        net.AddNode(a, _ => sender, TimeSpan.Zero);
        net.Schedule(TimeSpan.FromSeconds(0.5), () => net.Crash(bIndex));
        net.Schedule(TimeSpan.FromSeconds(0.505), () => net.Restart(bIndex));
        net.RunUntil(TimeSpan.FromSeconds(1.9));

        Assert.That(lives, Has.Count.EqualTo(2), "the restart made a new node");
        Assert.That(lives[0].Got, Is.Empty, "the first life crashed before the message arrived");
        Assert.That(lives[1].Got, Is.Empty, "a message sent to the first life is stale for the second");

        net.RunUntil(TimeSpan.FromSeconds(4));
        Assert.That(lives[1].Got.Select(g => g.nonce), Is.EqualTo(new long[] { 2 }), "a message sent after the restart arrives");
        // Each life armed its own 2 s timer; only the second life's fired (at 2.505 s) and its ping arrived.
        Assert.That(lives[0].TimersFired, Is.EqualTo(0));
        Assert.That(lives[1].TimersFired, Is.EqualTo(1));
        Assert.That(sender.Got.Select(g => g.nonce), Is.EqualTo(new long[] { 99 }));
    }

    [Test]
    public void EveryAddress_FindsItsOwnNode_InsideAndOutsideRunsOfConsecutiveAddresses()
    {
        var net = Network();
        // A run of five on port 7000, a neighbour IP on another port, a second (shorter) run, and a lone address.
        var targets = Enumerable.Range(1, 5).Select(i => new NodeAddress(0x0A010000u + (uint)i, 7000))
            .Append(new NodeAddress(0x0A010006u, 7001))
            .Concat(Enumerable.Range(1, 3).Select(i => new NodeAddress(0x0A020000u + (uint)i, 7000)))
            .Append(NodeAddress.Parse("192.168.1.1:5000"))
            .ToArray();
        var receivers = targets.Select(_ => new Probe()).ToArray();
        for (int i = 0; i < targets.Length; i++)
        {
            var r = receivers[i];
            net.AddNode(targets[i], _ => r, TimeSpan.Zero);
        }
        // Nobody at these: just past the run, inside the run's IPs but on another port, and the port of the lone one on a run's IP.
        var nobody = new[] { new NodeAddress(0x0A010006u, 7000), new NodeAddress(0x0A010000u, 7000), new NodeAddress(0x0A010003u, 7001), new NodeAddress(0x0A010001u, 5000) };
        var plan = targets.Select((t, i) => (TimeSpan.FromMilliseconds(1), t, (long)i))
            .Concat(nobody.Select((t, i) => (TimeSpan.FromMilliseconds(1), t, 100L + i)))
            .ToArray();
        var sender = new Probe(plan);
        net.AddNode(NodeAddress.Parse("10.9.9.9:1"), _ => sender, TimeSpan.Zero);
        net.RunUntil(TimeSpan.FromSeconds(1));

        for (int i = 0; i < targets.Length; i++)
        {
            Assert.That(receivers[i].Got.Select(g => g.nonce), Is.EqualTo(new long[] { i }), $"{targets[i]} got its own message only");
            Assert.That(net.IndexOf(targets[i]), Is.EqualTo(i));
        }
        Assert.That(net.MessagesDropped, Is.EqualTo(nobody.Length), "messages to addresses nobody has are dropped");
        Assert.That(nobody.Select(net.IndexOf), Is.All.EqualTo(-1));
    }
}
