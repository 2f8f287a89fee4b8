using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace GossipSim.Bench.Exchange;

/// <summary>
/// The bytes the exchange kernel sends from one rank to another in one round: a sequence of
/// 64-bit words that starts from a mix of (sender, receiver, round), so a segment delivered to
/// the wrong rank, from the wrong rank or from another round does not match. Cheap to make and to
/// check, so the kernel measures the exchange, not the pattern. Each segment also has a hash of
/// its bytes, which the ranks combine to show that every byte sent arrived once.
/// </summary>
public static class MailPattern
{
    private const ulong Step = 0x9E3779B97F4A7C15;

    /// <summary>Writes the segment from <paramref name="sender"/> to <paramref name="receiver"/> in <paramref name="round"/>; returns its hash.</summary>
    public static ulong Write(Span<byte> segment, int sender, int receiver, int round)
    {
        ulong word = Start(sender, receiver, round), hash = 0;
        var words = MemoryMarshal.Cast<byte, ulong>(segment);
        for (int i = 0; i < words.Length; i++, word += Step)
        {
            words[i] = word;
            hash = Fold(hash, word);
        }
        var tail = segment[(words.Length * sizeof(ulong))..];
        if (!tail.IsEmpty) hash = Fold(hash, WriteTail(tail, word));
        return hash;
    }

    /// <summary>Whether <paramref name="segment"/> is what <see cref="Write"/> made for these ranks and round, and the hash of its bytes.</summary>
    public static (bool Matches, ulong Hash) Check(ReadOnlySpan<byte> segment, int sender, int receiver, int round)
    {
        ulong word = Start(sender, receiver, round), hash = 0;
        bool matches = true;
        var words = MemoryMarshal.Cast<byte, ulong>(segment);
        for (int i = 0; i < words.Length; i++, word += Step)
        {
            matches &= words[i] == word;
            hash = Fold(hash, words[i]);
        }
        var tail = segment[(words.Length * sizeof(ulong))..];
        if (!tail.IsEmpty)
        {
            ulong last = TailWord(tail);
            matches &= last == Low(word, tail.Length);
            hash = Fold(hash, last);
        }
        return (matches, hash);
    }

    private static ulong Start(int sender, int receiver, int round)
    {
        // SplitMix64's finalizer over the three numbers: neighbouring triples start far apart.
        ulong z = ((ulong)(uint)sender << 40) ^ ((ulong)(uint)receiver << 20) ^ (uint)round;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    private static ulong Fold(ulong hash, ulong word) => BitOperations.RotateLeft(hash ^ word, 27) * 0x100000001B3;

    /// <summary>The last, partial word: its low bytes, little-endian; returns them as a word (high bytes zero).</summary>
    private static ulong WriteTail(Span<byte> tail, ulong word)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, word);
        bytes[..tail.Length].CopyTo(tail);
        return Low(word, tail.Length);
    }

    private static ulong TailWord(ReadOnlySpan<byte> tail)
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        bytes.Clear();
        tail.CopyTo(bytes);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }

    private static ulong Low(ulong word, int bytes) => word & ((1UL << (8 * bytes)) - 1);
}
