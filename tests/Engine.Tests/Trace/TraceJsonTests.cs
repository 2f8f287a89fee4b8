using System.Buffers;
using System.Text;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class TraceJsonTests
{
    [Test]
    public void EveryKind_RoundTripsThroughJson()
    {
        var node = NodeAddress.Parse("10.1.0.5:7000");
        var peer = NodeAddress.Parse("10.1.0.9:7000");
        foreach (var kind in Enum.GetValues<TraceKind>())
        {
            var names = TraceSchema.Of(kind);
            var e = new TraceEvent(TimeSpan.FromTicks(123_456_789), kind, node,
                names.Peer != null ? peer : default,
                kind == TraceKind.GossipDelivered ? new MessageId(peer, 4) : default,
                names.A != null ? 17 : 0, names.B != null ? 99 : 0, "detail \"quoted\"");
            var buf = new ArrayBufferWriter<byte>();
            TraceJson.Format(e, buf);
            var back = TraceJson.Parse(buf.WrittenSpan.TrimEnd((byte)'\n'));
            Assert.That(back, Is.EqualTo(e), kind.ToString());
        }
    }

    [Test]
    public void NetworkWideEvents_WithNoNode_RoundTrip()
    {
        foreach (var kind in new[] { TraceKind.Partitioned, TraceKind.Healed, TraceKind.RunEnded, TraceKind.LossChanged })
        {
            var e = new TraceEvent(TimeSpan.FromSeconds(3), kind, default, Detail: "x");
            Assert.That(TraceJson.Parse(Encoding.UTF8.GetBytes(TraceJson.ToLine(e))), Is.EqualTo(e), kind.ToString());
        }
    }

    [Test]
    public void TheLineFormat_IsStable()
    {
        var e = new TraceEvent(TimeSpan.FromSeconds(12.5), TraceKind.GossipDelivered, NodeAddress.Parse("10.1.0.5:7000"),
            NodeAddress.Parse("10.1.0.7:7000"), new MessageId(NodeAddress.Parse("10.1.0.3:7000"), 4), 3, 100_000_000);
        Assert.That(TraceJson.ToLine(e), Is.EqualTo(
            "{\"t\":12.5000000,\"ev\":\"gossip-delivered\",\"node\":\"10.1.0.5:7000\",\"from\":\"10.1.0.7:7000\",\"msg\":\"10.1.0.3:7000#4\",\"hops\":3,\"createdTicks\":100000000}"));
    }

    [Test]
    public void ABadLine_IsRefusedWithTheReason()
    {
        var ex = Assert.Throws<FormatException>(() => TraceJson.Parse(Encoding.UTF8.GetBytes("{\"t\":1.0,\"ev\":\"no-such-event\",\"node\":\"1.2.3.4:5\"}")));
        Assert.That(ex!.Message, Does.Contain("no-such-event"));
    }

    [Test]
    public void TwoWritersInterleavedOnOneLine_IsAFormatError_NotACrash()
    {
        // Two processes appending to one file tear lines: an object where the node's address belongs.
        var torn = "{\"t\":1.0,\"ev\":\"node-started\",\"node\":{\"t\":2.0,\"ev\":\"crash\"}}";
        var ex = Assert.Throws<FormatException>(() => TraceJson.Parse(Encoding.UTF8.GetBytes(torn)));
        Assert.That(ex!.Message, Does.Contain("wrong kind of value"));
    }

    [Test]
    public void ANetworkWideLine_IsReadWithNoNode()
    {
        var e = TraceJson.Parse("{\"t\":5.0000000,\"ev\":\"partition\",\"node\":\"0.0.0.0:0\",\"detail\":\"[0-4] | [5-9]\"}"u8);
        Assert.That((e.Kind, e.Node.IsNone, e.Detail, e.Time), Is.EqualTo((TraceKind.Partitioned, true, "[0-4] | [5-9]", TimeSpan.FromSeconds(5))));
    }
}
