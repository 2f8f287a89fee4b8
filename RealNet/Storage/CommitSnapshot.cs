using GossipSim.Engine.Bytes;
using System.Buffers.Binary;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Wire;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Storage;

/// <summary>
/// A seed's committed operations, written whole when the log is compacted (<see cref="FileCommitStore"/>).
/// Every operation is kept (anti-entropy serves them by proposer and sequence, even overtaken adds); runs
/// of one proposer's consecutive sequences save the repeated framing. Format, big-endian: <c>GSSNAP01</c>, a
/// 4-byte run count, runs (proposer address, epoch, first sequence, 4-byte count, each operation's change,
/// address and incarnation), a CRC-32 of the body. Written to a temporary file, fsynced and renamed, so
/// an unreadable snapshot is damage, never a torn write.
/// </summary>
internal static class CommitSnapshot
{
    public const string FileName = "commits.snapshot";
    public const string TempName = FileName + ".tmp";
    private static ReadOnlySpan<byte> Magic => "GSSNAP01"u8;

    public static byte[] Encode(IReadOnlyList<CommittedOp> ops)
    {
        var w = new WireWriter(capacity: 16 + ops.Count * MessageCodec.MembershipOpBytes);
        w.Bytes(Magic);
        int countAt = w.Length;
        w.I32(0);
        int runs = 0;
        for (int i = 0; i < ops.Count;)
        {
            int end = i + 1;
            while (end < ops.Count && ops[end].Proposer == ops[i].Proposer && ops[end].Epoch == ops[i].Epoch
                && ops[end].Sequence == ops[end - 1].Sequence + 1) end++;
            w.Address(ops[i].Proposer);
            w.I64(ops[i].Epoch);
            w.I64(ops[i].Sequence);
            w.I32(end - i);
            for (int k = i; k < end; k++) MessageCodec.WriteOp(w, ops[k].Op);
            runs++;
            i = end;
        }
        var bytes = w.Buffer.AsSpan(0, w.Length);
        BinaryPrimitives.WriteInt32BigEndian(bytes[countAt..], runs);
        w.U32(Crc32.Of(bytes[Magic.Length..]));
        return w.ToArray();
    }

    /// <summary>The operations of a snapshot file's bytes; damage throws <see cref="CommitLogCorruptException"/> naming
    /// <paramref name="path"/>.</summary>
    public static List<CommittedOp> Decode(string path, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Magic.Length + 8 || !bytes[..Magic.Length].SequenceEqual(Magic))
            throw Corrupt(path, 0, $"it does not start with the header {System.Text.Encoding.ASCII.GetString(Magic)}");
        var body = bytes[Magic.Length..^4];
        uint stored = BinaryPrimitives.ReadUInt32BigEndian(bytes[^4..]), actual = Crc32.Of(body);
        if (actual != stored)
            throw Corrupt(path, bytes.Length - 4, $"its checksum is 0x{stored:x8}, its content gives 0x{actual:x8}");
        var ops = new List<CommittedOp>();
        try
        {
            var r = new WireReader(body);
            int runs = r.I32();
            for (int run = 0; run < runs; run++)
            {
                var proposer = r.Address();
                long epoch = r.I64(), first = r.I64();
                int count = r.Count(MessageCodec.MembershipOpBytes);
                for (int k = 0; k < count; k++) ops.Add(new CommittedOp(proposer, epoch, first + k, MessageCodec.ReadOp(ref r)));
            }
            r.End();
        }
        catch (WireFormatException e)
        {
            throw Corrupt(path, Magic.Length, $"content that does not decode ({e.Message})");
        }
        return ops;
    }

    private static CommitLogCorruptException Corrupt(string path, long offset, string what) =>
        new($"commit snapshot {path} is corrupt at byte offset {offset}: {what}. The seed does not start with part of its membership, and "
            + $"the file is left as it is. " +
            $"To recover: move {path} and the {FileCommitStore.FileName} beside it aside (keep them for inspection; leave the node key) "
                + $"and start the seed again; " +
            "it starts empty and catches up every commit from the other seeds by anti-entropy, while a majority of them runs. Or put back "
                + "this seed's files from a backup");
}
