using GossipSim.Engine.Bytes;
using GossipSim.Engine.Core;
using GossipSim.Engine.Wire;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Wire;

/// <summary>
/// The first frame on every connection, sent by the side that connects: the protocol version
/// (first byte), whether the sender runs with a cluster key, the sender's own listen address
/// (which the receiver reports as the sender of every message on this connection, and under
/// which it reuses the connection for replies) and a 32-byte random challenge that the other
/// side signs (<see cref="Security.Handshake"/>).
/// </summary>
public readonly record struct Hello(byte Version, bool Keyed, NodeAddress ListenAddress)
{
    public const int PayloadBytes = 1 + 1 + 6 + Security.Handshake.NonceBytes;
    private const int NonceOffset = 1 + 1 + 6;

    /// <summary>The hello's payload with the sender's challenge.</summary>
    public byte[] Payload(ReadOnlySpan<byte> nonce)
    {
        var w = new WireWriter(PayloadBytes);
        w.U8(Version);
        w.Bool(Keyed);
        w.Address(ListenAddress);
        w.Bytes(nonce);
        return w.ToArray();
    }

    /// <summary>The connector's challenge in a decoded hello's payload.</summary>
    public static ReadOnlySpan<byte> Nonce(ReadOnlySpan<byte> payload) => payload[NonceOffset..PayloadBytes];

    /// <summary>Decodes and checks a hello: the version this node speaks, the same cluster-key mode as this node
    /// (<paramref name="keyed"/>), and a usable address.</summary>
    public static Hello Decode(ReadOnlySpan<byte> payload, bool keyed)
    {
        if (payload.Length == 0) throw new WireFormatException("empty hello");
        if (payload[0] != MessageCodec.Version)
            throw new WireFormatException($"unsupported protocol version {payload[0]} in hello (this node speaks {MessageCodec.Version})");
        if (payload.Length != PayloadBytes)
            throw new WireFormatException($"hello of {payload.Length} bytes, expected {PayloadBytes}");
        var r = new WireReader(payload[1..]);
        bool theirs = r.Bool();
        var address = r.Address();
        if (theirs != keyed)
            throw new WireFormatException(theirs
                ? "the other node uses a cluster key, and this node runs without one"
                : $"{address} sent a plain hello: it runs without the cluster key");
        if (address.Ip == 0 || address.Port == 0)
            throw new WireFormatException($"hello names an unusable listen address {address}");
        return new Hello(payload[0], theirs, address);
    }
}
