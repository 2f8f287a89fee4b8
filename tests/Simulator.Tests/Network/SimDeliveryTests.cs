using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Network;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Tests.Network;

/// <summary>
/// Whatever a node sends arrives equal, every field intact, from the sender's address (which
/// the delivery event carries packed), also when the network delivers a copy twice.
/// </summary>
public class SimDeliveryTests
{
    private sealed class Sender(NodeAddress to, Message[] messages) : Node
    {
        public override NodeRole Role => NodeRole.Peer;
        protected override void OnStart() { foreach (var m in messages) Ctx.Send(to, m); }
        public override void OnMessage(NodeAddress from, Message message) { }
        public override void OnTimer(TimerTag tag) { }
    }

    private sealed class Receiver : Node
    {
        public readonly List<(NodeAddress from, Message message)> Got = new();
        public override NodeRole Role => NodeRole.Peer;
        protected override void OnStart() { }
        public override void OnMessage(NodeAddress from, Message message) => Got.Add((from, message));
        public override void OnTimer(TimerTag tag) { }
    }

    private static readonly NodeAddress Peer = NodeAddress.Parse("10.200.3.4:65535");
    private static readonly NodeAddress[] Sample = [NodeAddress.Parse("10.0.0.1:1"), NodeAddress.Parse("255.255.255.255:65535")];

    public static IEnumerable<Message> EveryKind()
    {
        yield return new Ping(long.MaxValue);
        yield return new Pong(-7, 65536L * 3 + 2, Sample);
        yield return new Pong(1, 0, Array.Empty<NodeAddress>());
        yield return new Engine.Messages.Gossip(new MessageId(Peer, int.MaxValue), TimeSpan.FromTicks(123_456_789_012), 1_000_000, true);
        yield return new Engine.Messages.Gossip(new MessageId(NodeAddress.Parse("1.2.3.4:5"), 1), TimeSpan.Zero, 1, false);
        yield return new DegreeUpdate(long.MaxValue, int.MaxValue, long.MaxValue);
        yield return new DegreeRelay([new DegreeReport(Peer, 65536L << 20, 12_345, 1)], []);
        yield return new LinkRequest(42);
        yield return new LinkReply(true, -1);
        yield return new LinkReply(false, 65536);
        yield return new RegisterRequest(65537);
        yield return new Propose(long.MinValue, new MembershipOp(MembershipChange.Remove, new PeerId(Peer, long.MaxValue)));
        yield return new Propose(3, new MembershipOp(MembershipChange.Add, new PeerId(new NodeAddress(1, 0), 0)));
        yield return new Vote(9, true, "new peer");
        yield return new Vote(-9, false, "a newer incarnation 131072 is registered");
        yield return new Commit(new CommittedOp(Peer, 2, 77, new MembershipOp(MembershipChange.Add, new PeerId(Peer, 5))), 2, 3);
        yield return new RemovalNotice(new PeerId(Peer, 3), null);
    }

    [TestCase(0.0)]
    [TestCase(1.0)]
    public void EveryMessage_ArrivesEqualToWhatWasSent(double duplication)
    {
        var sent = EveryKind().ToArray();
        var net = new SimNetwork(1, new UniformLatency(10, 50), NullTraceSink.Instance) { DuplicationRate = duplication };
        var receiver = new Receiver();
        var from = NodeAddress.Parse("10.0.0.9:7000");
        net.AddNode(Peer, _ => receiver, TimeSpan.Zero);
        net.AddNode(from, _ => new Sender(Peer, sent), TimeSpan.FromMilliseconds(1));
        net.RunUntil(TimeSpan.FromSeconds(1));

        int copies = duplication > 0 ? 2 : 1;
        Assert.That(receiver.Got, Has.Count.EqualTo(sent.Length * copies));
        Assert.That(receiver.Got.Select(g => g.from), Is.All.EqualTo(from));
        var got = receiver.Got.Select(g => g.message).ToList();
        foreach (var m in sent)
            Assert.That(got.Count(g => g.Equals(m)), Is.EqualTo(copies), $"{m} arrived {got.Count(g => g.Equals(m))} times, not {copies}");
    }
}
