using GossipSim.Engine.Core;

namespace GossipSim.RealNet.Wire;

/// <summary>
/// The first frame on every connection, sent by the side that connects: the protocol version
/// (first byte) and the sender's own listen address, which the receiver then reports as the
/// sender of every message on this connection and under which it reuses the connection for replies.
/// </summary>
public readonly record struct Hello(byte Version, NodeAddress ListenAddress)
{
    public const int PayloadBytes = 1 + 4 + 2;

    public byte[] EncodeFrame()
    {
        var w = new WireWriter(reserve: Framing.HeaderBytes);
        w.U8(Version);
        w.Address(ListenAddress);
        return Framing.Seal(w, Framing.HeaderBytes + PayloadBytes, "hello");
    }

    /// <summary>Decodes and checks a plain hello: the version this node speaks, and a usable address.</summary>
    public static Hello Decode(ReadOnlySpan<byte> payload)
    {
        CheckVersion(payload);
        if (payload.Length == Security.ClusterHandshake.HelloBytes)
            throw new WireFormatException("the other node uses a cluster key, and this node runs without one");
        if (payload.Length != PayloadBytes)
            throw new WireFormatException($"hello of {payload.Length} bytes, expected {PayloadBytes}");
        return DecodeAddress(payload);
    }

    /// <summary>Decodes a keyed hello (a plain hello followed by the connector's nonce; see <see cref="Security.ClusterHandshake"/>).</summary>
    public static Hello DecodeKeyed(ReadOnlySpan<byte> payload)
    {
        CheckVersion(payload);
        if (payload.Length == PayloadBytes)
            throw new WireFormatException($"{DecodeAddress(payload).ListenAddress} sent a plain hello: it runs without the cluster key");
        if (payload.Length != Security.ClusterHandshake.HelloBytes)
            throw new WireFormatException($"keyed hello of {payload.Length} bytes, expected {Security.ClusterHandshake.HelloBytes}");
        return DecodeAddress(payload[..PayloadBytes]);
    }

    private static void CheckVersion(ReadOnlySpan<byte> payload)
    {
        if (payload.Length == 0) throw new WireFormatException("empty hello");
        if (payload[0] != MessageCodec.Version)
            throw new WireFormatException($"unsupported protocol version {payload[0]} in hello (this node speaks {MessageCodec.Version})");
    }

    private static Hello DecodeAddress(ReadOnlySpan<byte> payload)
    {
        var r = new WireReader(payload[1..]);
        var address = r.Address();
        if (address.Ip == 0 || address.Port == 0)
            throw new WireFormatException($"hello names an unusable listen address {address}");
        return new Hello(payload[0], address);
    }
}
