using GossipSim.Engine.Bytes;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Wire;
using GossipSim.RealNet.Wire;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Wire;

/// <summary>Frames on TCP around the codec's payloads (the payloads themselves: Engine.Tests/Wire).</summary>
public class FramingTests
{
    public static IEnumerable<TestCaseData> Samples() =>
        MessageSamples.All.Select((m, i) => new TestCaseData(m).SetName($"EncodeFrame_{i:00}_{m.Kind}"));

    [Test]
    public void Layout_IsPinned()
    {
        // Changing these bytes breaks compatibility with running nodes: bump MessageCodec.Version instead.
        Assert.That(Convert.ToHexString(Framing.EncodeFrame(new Ping(0x0102030405060708), 1 << 20)),
            Is.EqualTo("00000011" + "22" + "0102030405060708" + "0000000000000000"));
    }

    [TestCaseSource(nameof(Samples))]
    public void EncodeFrame_IsLengthPrefixedPayload(Message message)
    {
        byte[] frame = Framing.EncodeFrame(message, Framing.DefaultMaxFrameBytes);
        byte[] payload = MessageCodec.Encode(message);
        Assert.That(Framing.PayloadLength(frame.AsSpan(0, 4), Framing.DefaultMaxFrameBytes), Is.EqualTo(payload.Length));
        Assert.That(frame[4..], Is.EqualTo(payload));
    }

    [Test]
    public void EncodeFrame_OverTheCap_IsRefused()
    {
        var big = new PeerListReply(new PeerListEntry[100], true, 100);
        var e = Assert.Throws<WireFormatException>(() => Framing.EncodeFrame(big, 64));
        Assert.That(e!.Message, Does.Contain("exceeds the 64-byte frame cap"));
    }

    [TestCase("00000000", "empty frame")]
    [TestCase("00100001", "exceeds the 1048576-byte cap")]
    [TestCase("FFFFFFFF", "exceeds the 1048576-byte cap")]
    public void Framing_RejectsBadLengths(string hex, string expected)
    {
        var e = Assert.Throws<WireFormatException>(() => Framing.PayloadLength(Convert.FromHexString(hex), Framing.DefaultMaxFrameBytes));
        Assert.That(e!.Message, Does.Contain(expected));
    }

    [Test]
    public async Task Framing_ReadsConsecutiveFrames_ThenNullAtCleanEnd()
    {
        var bytes = MessageSamples.All.SelectMany(m => Framing.EncodeFrame(m, Framing.DefaultMaxFrameBytes)).ToArray();
        using var stream = new MemoryStream(bytes);
        foreach (var expected in MessageSamples.All)
        {
            var payload = await Framing.ReadFrameAsync(stream, Framing.DefaultMaxFrameBytes, CancellationToken.None);
            Assert.That(payload, Is.Not.Null);
            Assert.That(StructuralEquality.Difference(expected, MessageCodec.Decode(payload!)), Is.Null);
        }
        Assert.That(await Framing.ReadFrameAsync(stream, Framing.DefaultMaxFrameBytes, CancellationToken.None), Is.Null);
    }
}
