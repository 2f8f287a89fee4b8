using GossipSim.Engine.Bytes;
using GossipSim.Engine.Core;
using GossipSim.Engine.Wire;
using GossipSim.RealNet.Wire;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Wire;

/// <summary>The hello, the first frame on every connection: its layout and what it refuses.</summary>
public class HelloTests
{
    [Test]
    public void Layout_OfVersion16_IsPinned()
    {
        // Changing these bytes breaks compatibility with running nodes: bump MessageCodec.Version instead.
        Assert.That(MessageCodec.Version, Is.EqualTo(16));
        Assert.That(Convert.ToHexString(Framing.Frame(new Hello(MessageCodec.Version, true, NodeAddress.Parse("127.0.0.1:5001")).Payload(Nonce))),
            Is.EqualTo("00000028" + "10" + "01" + "7F000001" + "1389" + NonceHex));
    }

    [TestCase("01" + "7F000001" + "1389", "unsupported protocol version 1")]
    [TestCase("02" + "7F000001" + "1389", "unsupported protocol version 2")]
    [TestCase("04" + "00" + "7F000001" + "1389" + NonceHex, "unsupported protocol version 4")]
    [TestCase("05" + "00" + "7F000001" + "1389" + NonceHex, "unsupported protocol version 5")]
    [TestCase("06" + "00" + "7F000001" + "1389" + NonceHex, "unsupported protocol version 6")]
    [TestCase("07" + "00" + "7F000001" + "1389" + NonceHex, "unsupported protocol version 7")]
    [TestCase("08" + "00" + "7F000001" + "1389" + NonceHex, "unsupported protocol version 8")]
    [TestCase("09" + "00" + "7F000001" + "1389" + NonceHex, "unsupported protocol version 9")]
    [TestCase("0A" + "00" + "7F000001" + "1389" + NonceHex, "unsupported protocol version 10")]
    [TestCase("0B" + "00" + "7F000001" + "1389" + NonceHex, "unsupported protocol version 11")]
    [TestCase("0C" + "00" + "7F000001" + "1389" + NonceHex, "unsupported protocol version 12")]
    [TestCase("0D" + "00" + "7F000001" + "1389" + NonceHex, "unsupported protocol version 13")]
    [TestCase("0E" + "00" + "7F000001" + "1389" + NonceHex, "unsupported protocol version 14")]
    [TestCase("0F" + "00" + "7F000001" + "1389" + NonceHex, "unsupported protocol version 15")]
    [TestCase("11" + "00" + "7F000001" + "1389" + NonceHex, "unsupported protocol version 17")]
    [TestCase("10" + "00" + "7F000001" + "1389", "hello of 8 bytes, expected 40")]
    [TestCase("10" + "00" + "00000000" + "1389" + NonceHex, "unusable listen address")]
    [TestCase("10" + "00" + "7F000001" + "0000" + NonceHex, "unusable listen address")]
    [TestCase("10" + "02" + "7F000001" + "1389" + NonceHex, "bad boolean")]
    [TestCase("10" + "01" + "7F000001" + "1389" + NonceHex, "uses a cluster key")]
    [TestCase("", "empty hello")]
    public void Hello_Decode_RejectsBadHellos(string hex, string expected)
    {
        var e = Assert.Throws<WireFormatException>(() => Hello.Decode(Convert.FromHexString(hex), keyed: false));
        Assert.That(e!.Message, Does.Contain(expected));
    }

    [Test]
    public void Hello_RoundTrips_WithItsChallenge()
    {
        var hello = new Hello(MessageCodec.Version, false, NodeAddress.Parse("192.168.1.20:6001"));
        var payload = hello.Payload(Nonce);
        Assert.That(Hello.Decode(payload, keyed: false), Is.EqualTo(hello));
        Assert.That(Hello.Nonce(payload).ToArray(), Is.EqualTo(Nonce));
    }

    private const string NonceHex = "ABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAB";
    private static readonly byte[] Nonce = Convert.FromHexString(NonceHex);
}
