using GossipSim.Engine.Bytes;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.RealNet.Security;
using GossipSim.Engine.Wire;
using GossipSim.RealNet.Wire;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Security;

/// <summary>
/// The cluster-key handshake and the encrypted session, without sockets: both sides agree only
/// with the same key, a recorded handshake cannot be played again, and a frame that is replayed,
/// reordered, tampered with or from another session is refused.
/// </summary>
public class SecureSessionTests
{
    private static readonly NodeAddress Connector = NodeAddress.Parse("127.0.0.1:6001");
    private static readonly NodeAddress AcceptorAddress = NodeAddress.Parse("127.0.0.1:5001");
    private static readonly NodeIdentity ConnectorId = NodeIdentity.Ephemeral(), AcceptorId = NodeIdentity.Ephemeral();

    private static Handshake.Connector Dial(ClusterKey key) => new(key, ConnectorId, Connector, AcceptorAddress);

    private static Handshake.Acceptor Answer(ClusterKey key, Handshake.Connector c) => new(key, AcceptorId, AcceptorAddress, Payload(c.HelloFrame));

    private static (SecureSession Connector, SecureSession Acceptor) Pair(ClusterKey key)
    {
        var c = Dial(key);
        var a = Answer(key, c);
        var connector = c.Complete(Payload(a.ReplyFrame), out var finish)!;
        return (connector, a.Complete(Payload(finish))!);
    }

    private static byte[] Payload(byte[] frame) => frame[Framing.HeaderBytes..];

    private static byte[] Ping(long n) => MessageCodec.Encode(new Ping(n));

    [Test]
    public void Handshake_WithTheSameKey_GivesSessionsThatTalkBothWays()
    {
        var (c, a) = Pair(ClusterKey.Generate());
        for (int i = 0; i < 5; i++)
        {
            Assert.That(a.Open(Payload(c.Seal(Ping(i)))), Is.EqualTo(Ping(i)));
            Assert.That(c.Open(Payload(a.Seal(Ping(100 + i)))), Is.EqualTo(Ping(100 + i)));
        }
        Assert.That((c.Sent, a.Received, a.Sent, c.Received), Is.EqualTo((5UL, 5UL, 5UL, 5UL)));
    }

    [Test]
    public void KeyedHello_CarriesTheListenAddress_AndAPlainNodeSaysWhatItIs()
    {
        var c = Dial(ClusterKey.Generate());
        Assert.That(Hello.Decode(Payload(c.HelloFrame), keyed: true).ListenAddress, Is.EqualTo(Connector));
        Assert.That(Assert.Throws<WireFormatException>(() => Hello.Decode(Payload(c.HelloFrame), keyed: false))!.Message, Does.Contain("uses a cluster key"));
        var plain = new Handshake.Connector(null, ConnectorId, Connector, AcceptorAddress);
        Assert.That(Assert.Throws<WireFormatException>(() => Hello.Decode(Payload(plain.HelloFrame), keyed: true))!.Message,
            Does.Contain("runs without the cluster key"));
    }

    [Test]
    public void Handshake_WithAnotherKey_IsRefusedByTheConnector()
    {
        var c = Dial(ClusterKey.Generate());
        var a = Answer(ClusterKey.Generate(), c);
        var e = Assert.Throws<WireFormatException>(() => c.Complete(Payload(a.ReplyFrame), out _));
        Assert.That(e!.Message, Does.Contain("does not hold this cluster key"));
    }

    [Test]
    public void Handshake_FinishFromAnotherKey_IsRefusedByTheAcceptor()
    {
        var key = ClusterKey.Generate();
        var intruder = ClusterKey.Generate();
        // The intruder cannot check the acceptor's proof: it finishes as its own acceptor would let
        // it (a true identity proof), with a MAC under its own key.
        var c = Dial(intruder);
        var a = Answer(key, c);
        var own = Answer(intruder, c);
        c.Complete(Payload(own.ReplyFrame), out var intruderFinish);
        Assert.That(Assert.Throws<WireFormatException>(() => a.Complete(Payload(intruderFinish)))!.Message, Does.Contain("identity proof does not verify").Or.Contain("does not hold the cluster key"));
    }

    [Test]
    public void RecordedHandshake_PlayedToAnotherAcceptor_IsRefused()
    {
        var key = ClusterKey.Generate();
        var c = Dial(key);
        var first = Answer(key, c);
        c.Complete(Payload(first.ReplyFrame), out var finish);
        first.Complete(Payload(finish));
        // The same hello and finish, recorded and sent again: the new acceptor chose a new nonce.
        var second = Answer(key, c);
        Assert.That(second.ReplyFrame, Is.Not.EqualTo(first.ReplyFrame));
        Assert.Throws<WireFormatException>(() => second.Complete(Payload(finish)));
    }

    [Test]
    public void ReplayedFrame_IsRefused_AndSoIsOneThatSkipsAhead()
    {
        var (c, a) = Pair(ClusterKey.Generate());
        var f0 = Payload(c.Seal(Ping(1)));
        var f1 = Payload(c.Seal(Ping(2)));
        var f2 = Payload(c.Seal(Ping(3)));
        Assert.That(Assert.Throws<WireFormatException>(() => a.Open(f1))!.Message, Does.Contain("frame counter 1 skips ahead of 0"));
        Assert.That(a.Open(f0), Is.EqualTo(Ping(1)));
        Assert.That(Assert.Throws<WireFormatException>(() => a.Open(f0))!.Message, Does.Contain("replayed frame: counter 0 was already received"));
        Assert.That(a.Open(f1), Is.EqualTo(Ping(2)));
        Assert.That(a.Open(f2), Is.EqualTo(Ping(3)));
    }

    [Test]
    public void AnyTamperedByte_FailsAuthentication()
    {
        var key = ClusterKey.Generate();
        var (c, _) = Pair(key);
        var sealedFrame = Payload(c.Seal(MessageCodec.Encode(new DeadNodeReport(NodeAddress.Parse("127.0.0.1:6002"), 17, Connector))));
        // Every byte after the counter (ciphertext and tag), one at a time, each against a fresh receiver at counter 0.
        for (int i = SecureSession.CounterBytes; i < sealedFrame.Length; i++)
        {
            var receiver = FreshReceiverFor(key, out var sender);
            var frame = Payload(sender.Seal(MessageCodec.Encode(new DeadNodeReport(NodeAddress.Parse("127.0.0.1:6002"), 17, Connector))));
            frame[i] ^= 0x01;
            var e = Assert.Throws<WireFormatException>(() => receiver.Open(frame), $"byte {i}");
            Assert.That(e!.Message, Does.Contain("failed authentication"));
        }
    }

    private static SecureSession FreshReceiverFor(ClusterKey key, out SecureSession sender)
    {
        var (c, a) = Pair(key);
        sender = c;
        return a;
    }

    [Test]
    public void FrameFromAnotherSession_WithTheSameKey_FailsAuthentication()
    {
        var key = ClusterKey.Generate();
        var (c1, _) = Pair(key);
        var (_, a2) = Pair(key);
        Assert.That(Assert.Throws<WireFormatException>(() => a2.Open(Payload(c1.Seal(Ping(1)))))!.Message, Does.Contain("failed authentication"));
    }

    [Test]
    public void EveryFrame_UsesANewCounter_SoEqualPayloadsNeverLookAlike()
    {
        var (c, a) = Pair(ClusterKey.Generate());
        var frames = Enumerable.Range(0, 1000).Select(_ => Payload(c.Seal(Ping(7)))).ToArray();
        var counters = frames.Select(f => System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(f)).ToArray();
        Assert.That(counters, Is.EqualTo(Enumerable.Range(0, 1000).Select(i => (ulong)i)));
        Assert.That(frames.Select(Convert.ToHexString).Distinct().Count(), Is.EqualTo(1000));
        Assert.That(frames.All(f => a.Open(f).SequenceEqual(Ping(7))));
    }

    [Test]
    public void ShortEncryptedFrame_IsRefused()
    {
        var (_, a) = Pair(ClusterKey.Generate());
        Assert.That(Assert.Throws<WireFormatException>(() => a.Open(new byte[SecureSession.Overhead]))!.Message, Does.Contain("too short"));
    }
}
