using System.Buffers.Binary;
using System.Text;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Bytes;

/// <summary>
/// Reads big-endian fields from one frame's payload. Every read is bounds-checked and every
/// failure is a <see cref="WireFormatException"/>, so no input can make the decoder throw
/// anything else or allocate more than the frame's own size.
/// </summary>
public ref struct WireReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public WireReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public int Remaining => _data.Length - _position;

    public byte U8() => Take(1)[0];

    public ReadOnlySpan<byte> Bytes(int n) => Take(n);

    public bool Bool() => U8() switch
    {
        0 => false,
        1 => true,
        var b => throw new WireFormatException($"bad boolean byte {b} at offset {_position - 1}"),
    };

    public ushort U16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));
    public int I32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));
    public uint U32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));
    public long I64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public TimeSpan Ticks() => TimeSpan.FromTicks(I64());

    public NodeAddress Address()
    {
        uint ip = U32();
        return new NodeAddress(ip, U16());
    }

    /// <summary>A counted list of addresses, as <see cref="WireWriter.Addresses"/> writes it; more than <paramref name="max"/>, or more
    /// than the frame holds, is refused.</summary>
    public NodeAddress[] Addresses(int max)
    {
        int count = Count(NodeAddress.WireBytes);
        if (count > max) throw new WireFormatException($"{count} addresses where at most {max} are allowed");
        var list = new NodeAddress[count];
        for (int i = 0; i < list.Length; i++) list[i] = Address();
        return list;
    }

    public string String()
    {
        int n = U16();
        var bytes = Take(n);
        try { return StrictUtf8.GetString(bytes); }
        catch (DecoderFallbackException) { throw new WireFormatException($"string at offset {_position - n} is not valid UTF-8"); }
    }

    /// <summary>An element count, refused when the rest of the frame could not hold that many elements.</summary>
    public int Count(int minElementBytes)
    {
        uint n = U32();
        if (n > (uint)(Remaining / Math.Max(1, minElementBytes)))
            throw new WireFormatException($"count {n} does not fit in the {Remaining} bytes left in the frame");
        return (int)n;
    }

    public void End()
    {
        if (Remaining != 0) throw new WireFormatException($"{Remaining} unexpected bytes after the message");
    }

    private ReadOnlySpan<byte> Take(int n)
    {
        if (Remaining < n)
            throw new WireFormatException($"frame truncated: needed {n} bytes at offset {_position}, {Remaining} left");
        var span = _data.Slice(_position, n);
        _position += n;
        return span;
    }
}
