using System.Buffers.Binary;
using System.Text;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Bytes;

/// <summary>Appends big-endian fields to a growable buffer; can leave room for a frame header in front.</summary>
public sealed class WireWriter
{
    private byte[] _buffer;
    private int _position;

    public WireWriter(int capacity = 128, int reserve = 0)
    {
        _buffer = new byte[Math.Max(capacity, reserve + 16)];
        _position = reserve;
    }

    public int Length => _position;
    public byte[] Buffer => _buffer;

    public void U8(byte v) => Ensure(1)[0] = v;
    public void Bool(bool v) => U8(v ? (byte)1 : (byte)0);
    public void U16(ushort v) => BinaryPrimitives.WriteUInt16BigEndian(Ensure(2), v);
    public void I32(int v) => BinaryPrimitives.WriteInt32BigEndian(Ensure(4), v);
    public void U32(uint v) => BinaryPrimitives.WriteUInt32BigEndian(Ensure(4), v);
    public void I64(long v) => BinaryPrimitives.WriteInt64BigEndian(Ensure(8), v);
    public void Ticks(TimeSpan v) => I64(v.Ticks);

    public void Address(NodeAddress a)
    {
        U32(a.Ip);
        U16(a.Port);
    }

    /// <summary>A counted list of addresses (<see cref="WireReader.Addresses"/> reads it back).</summary>
    public void Addresses(ReadOnlySpan<NodeAddress> list)
    {
        Count(list.Length);
        foreach (var a in list) Address(a);
    }

    /// <summary>UTF-8 with a 16-bit byte count: reasons and notes are short by design.</summary>
    public void String(string s)
    {
        int n = Encoding.UTF8.GetByteCount(s);
        if (n > ushort.MaxValue) throw new ArgumentException($"string of {n} UTF-8 bytes is too long for the wire (max {ushort.MaxValue})");
        U16((ushort)n);
        Encoding.UTF8.GetBytes(s, Ensure(n));
    }

    public void Count(int n) => U32(checked((uint)n));

    public void Bytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Ensure(bytes.Length));

    public byte[] ToArray() => _buffer.AsSpan(0, _position).ToArray();

    /// <summary>Empties the writer, keeping its buffer (a writer used again and again: the simulator's mail between ranks).</summary>
    public void Clear() => _position = 0;

    private Span<byte> Ensure(int n)
    {
        if (_position + n > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _position + n));
        var span = _buffer.AsSpan(_position, n);
        _position += n;
        return span;
    }
}
