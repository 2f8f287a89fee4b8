using GossipSim.Engine.Bytes;
using System.Buffers.Binary;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Wire;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Wire;

/// <summary>
/// Frames on a TCP stream: a 4-byte big-endian payload length, then the payload. Lengths of
/// zero or over the cap are refused before anything is allocated.
/// </summary>
public static class Framing
{
    public const int HeaderBytes = 4;
    public const int DefaultMaxFrameBytes = 1 << 20;

    /// <summary>A whole frame of one message: 4-byte big-endian length, then the codec's payload. Refuses payloads over the cap.</summary>
    public static byte[] EncodeFrame(Message message, int maxFrameBytes)
    {
        var w = new WireWriter(reserve: HeaderBytes);
        MessageCodec.Write(w, message);
        return Seal(w, maxFrameBytes, message.Kind.ToString());
    }

    /// <summary>Fills in the length header of a frame built after <see cref="HeaderBytes"/> reserved bytes.</summary>
    private static byte[] Seal(WireWriter w, int maxFrameBytes, string what)
    {
        int payload = w.Length - HeaderBytes;
        if (payload > maxFrameBytes)
            throw new WireFormatException($"{what} of {payload} bytes exceeds the {maxFrameBytes}-byte frame cap");
        BinaryPrimitives.WriteInt32BigEndian(w.Buffer, payload);
        return w.Buffer.AsSpan(0, w.Length).ToArray();
    }

    /// <summary>A frame around a payload that is already built (a handshake message).</summary>
    public static byte[] Frame(ReadOnlySpan<byte> payload)
    {
        var frame = new byte[HeaderBytes + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, payload.Length);
        payload.CopyTo(frame.AsSpan(HeaderBytes));
        return frame;
    }

    public static int PayloadLength(ReadOnlySpan<byte> header, int maxFrameBytes)
    {
        uint length = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (length == 0) throw new WireFormatException("empty frame");
        if (length > (uint)maxFrameBytes)
            throw new WireFormatException($"frame of {length} bytes exceeds the {maxFrameBytes}-byte cap");
        return (int)length;
    }

    /// <summary>
    /// Reads one frame's payload. Null when the stream ends cleanly between frames; a stream
    /// that ends inside a frame, or a bad length, is a <see cref="WireFormatException"/>.
    /// </summary>
    public static async ValueTask<byte[]?> ReadFrameAsync(Stream stream, int maxFrameBytes, CancellationToken ct)
    {
        var header = new byte[HeaderBytes];
        int got = await stream.ReadAsync(header.AsMemory(0, HeaderBytes), ct).ConfigureAwait(false);
        if (got == 0) return null;
        await FillAsync(stream, header.AsMemory(got), ct).ConfigureAwait(false);
        int length = PayloadLength(header, maxFrameBytes);
        var payload = new byte[length];
        await FillAsync(stream, payload, ct).ConfigureAwait(false);
        return payload;
    }

    private static async ValueTask FillAsync(Stream stream, Memory<byte> buffer, CancellationToken ct)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, ct).ConfigureAwait(false);
        }
        catch (EndOfStreamException)
        {
            throw new WireFormatException("connection closed in the middle of a frame");
        }
    }
}
