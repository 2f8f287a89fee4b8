using System.Buffers.Binary;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Gossip;

/// <summary>
/// The forged gossip a peer already checked and refused, so a flood's copies skip the signature
/// check. Exact: an entry matches the check's whole input (origin, number, creation time, key,
/// signature bytes), so the genuine message is never hidden. Fixed size, direct-mapped: fresh
/// forgeries only evict, and a miss costs one check, never a wrong answer. Made on a first forgery.
/// </summary>
public sealed class ForgedGossipMemory
{
    /// <summary>Forgeries remembered at most: about 40 KiB, plus the signatures and keys they hold.</summary>
    public const int Slots = 1024;

    private struct Entry
    {
        public MessageId Id;
        public long CreatedTicks;
        public NodeKey? Key;
        public byte[]? Signature; // the message's own array: decoded messages are never changed
    }

    private readonly Entry[] _entries = new Entry[Slots];

    /// <summary>Whether exactly this message (id, creation time, the key it names, its signature) was refused before.</summary>
    public bool Contains(MessageId id, TimeSpan createdAt, NodeKey? key, ReadOnlySpan<byte> signature)
    {
        ref var e = ref _entries[Slot(id, createdAt.Ticks, signature)];
        return e.Signature != null && e.CreatedTicks == createdAt.Ticks && e.Id == id && Equals(e.Key, key)
            && signature.SequenceEqual(e.Signature);
    }

    /// <summary>Remembers a message whose signature did not verify under <paramref name="key"/>.</summary>
    public void Add(MessageId id, TimeSpan createdAt, NodeKey? key, byte[] signature) =>
        _entries[Slot(id, createdAt.Ticks, signature)] = new Entry
            { Id = id, CreatedTicks = createdAt.Ticks, Key = key, Signature = signature };

    /// <summary>
    /// A slot from every byte of the input, mixed with fixed constants: the same on every run (no
    /// per-process hash seed). A forger who makes slots collide only evicts its own entries.
    /// </summary>
    private static int Slot(MessageId id, long createdTicks, ReadOnlySpan<byte> signature)
    {
        ulong h = Mix(((ulong)id.Origin.Ip << 32) ^ ((ulong)id.Origin.Port << 16) ^ (uint)id.Number);
        h = Mix(h ^ (ulong)createdTicks);
        while (signature.Length >= 8)
        {
            h = Mix(h ^ BinaryPrimitives.ReadUInt64LittleEndian(signature));
            signature = signature[8..];
        }
        foreach (byte b in signature) h = Mix(h ^ b);
        return (int)(h & (Slots - 1));
    }

    /// <summary>SplitMix64's finaliser: every input bit reaches every output bit.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
