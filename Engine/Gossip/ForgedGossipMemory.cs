using System.Buffers.Binary;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Gossip;

/// <summary>
/// The forged gossip a peer has already checked and refused, so that a copy of one (a flood
/// repeats the same frames) is dropped without a second signature check. Exact: an entry matches
/// only the same origin, number, creation time, key and signature bytes, the whole input of the
/// check, so the answer is the one the check would give. The genuine message with that id carries
/// its origin's own signature, which is other bytes: remembering a forgery never hides it.
/// Fixed size and direct-mapped (a new forgery takes the place of the one in its slot): a flood of
/// fresh forgeries only evicts entries, and a missed copy costs one check, never a wrong answer.
/// A peer makes one on its first forgery; the simulator never does.
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
