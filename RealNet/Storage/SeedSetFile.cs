using System.Buffers.Binary;
using GossipSim.Engine.Bytes;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Wire;

namespace GossipSim.RealNet.Storage;

/// <summary>
/// A real seed's seed-set state (issue 56, 2): the steps of the seed set it took and its promise, in <c>seedset.state</c> beside
/// its commit log. The seed keeps them before it sends the yes or passes on the step they guard; the file is replaced whole and
/// atomically each time (a temp file fsynced, renamed over, the directory fsynced), so a kill at any point leaves the old state
/// or the new, never a mix. A seed restarted from it starts at the set in force and never promises another set at a version it
/// promised. Layout: the magic, the steps (a count, then each a length and the wire codec's <see cref="SeedSetStep"/>), the promise
/// (a flag, then the set, the proposer and the proposal id; from <c>GSSEEDSET2</c> on also the change, the operator's approval and
/// the further proposals it was given to), then a CRC-32 of all before it. A <c>GSSEEDSET1</c> file (before a promise kept its
/// change) is read as a promise without them: the seed keeps its word, and cannot name the set to a proposer it votes down.
/// </summary>
public static class SeedSetFile
{
    public const string FileName = "seedset.state";
    private const string TempSuffix = ".tmp";
    private static ReadOnlySpan<byte> Magic => "GSSEEDSET2"u8;
    private static ReadOnlySpan<byte> MagicBeforeChanges => "GSSEEDSET1"u8;

    public static byte[] Encode(SeedSetKept kept)
    {
        var w = new WireWriter(256);
        w.Bytes(Magic);
        w.Count(kept.Steps.Length);
        foreach (var step in kept.Steps)
        {
            var bytes = MessageCodec.Encode(step);
            w.Count(bytes.Length);
            w.Bytes(bytes);
        }
        w.Bool(kept.Promise is not null);
        if (kept.Promise is { } p)
        {
            MessageCodec.WriteSeedSet(w, p.Set);
            w.Address(p.Proposer);
            w.I64(p.ProposalId);
            MessageCodec.WriteSeedSetChange(w, p.Change);
            MessageCodec.WriteBlob(w, p.Approval ?? []);
            var others = p.Others ?? [];
            w.Count(others.Length);
            foreach (var o in others)
            {
                w.Address(o.Proposer);
                w.I64(o.Id);
            }
        }
        w.U32(Crc32.Of(w.Buffer.AsSpan(0, w.Length)));
        return w.ToArray();
    }

    /// <summary>The state in <paramref name="data"/>; a <see cref="CommitLogCorruptException"/> naming <paramref name="path"/> and
    /// what is wrong when it cannot be read (a seed does not start on a state it cannot trust).</summary>
    public static SeedSetKept Decode(string path, ReadOnlySpan<byte> data)
    {
        bool first = data.Length >= Magic.Length && data[..Magic.Length].SequenceEqual(MagicBeforeChanges);
        if (data.Length < Magic.Length + 4 || !(first || data[..Magic.Length].SequenceEqual(Magic)))
            throw new CommitLogCorruptException($"{path}: not a seed-set state file (it does not start with {System.Text.Encoding.ASCII.GetString(Magic)})");
        uint crc = BinaryPrimitives.ReadUInt32BigEndian(data[^4..]);
        if (Crc32.Of(data[..^4]) != crc)
            throw new CommitLogCorruptException($"{path}: its checksum does not match its content (the file was changed or damaged); "
                + "move it aside to start this seed at its seed list and learn the steps again from the other seeds");
        try
        {
            var r = new WireReader(data[Magic.Length..^4]);
            int count = r.Count(4);
            var steps = new SeedSetStep[count];
            for (int i = 0; i < count; i++)
            {
                int length = r.Count(1);
                steps[i] = MessageCodec.Decode(r.Bytes(length)) as SeedSetStep
                    ?? throw new CommitLogCorruptException($"{path}: step {i + 1} is not a seed-set step");
            }
            SeedSetPromise? promise = null;
            if (r.Bool())
            {
                var p = new SeedSetPromise(MessageCodec.ReadSeedSet(ref r), r.Address(), r.I64());
                if (!first)
                {
                    p = p with { Change = MessageCodec.ReadSeedSetChange(ref r), Approval = MessageCodec.ReadBlob(ref r) };
                    var others = new ProposalRef[r.Count(10)];
                    for (int i = 0; i < others.Length; i++) others[i] = new ProposalRef(r.Address(), r.I64());
                    if (others.Length > 0) p = p with { Others = others };
                }
                promise = p;
            }
            r.End();
            return new SeedSetKept(steps, promise);
        }
        catch (WireFormatException e)
        {
            throw new CommitLogCorruptException($"{path}: {e.Message}");
        }
    }

    /// <summary>The state kept in <paramref name="stateDir"/>, or null when none was (a seed that took no step).</summary>
    public static SeedSetKept? Load(string stateDir)
    {
        string path = Path.Combine(stateDir, FileName);
        File.Delete(path + TempSuffix); // a save killed before its rename
        return File.Exists(path) ? Decode(path, File.ReadAllBytes(path)) : null;
    }

    /// <summary>The same, read by another process (the operator's <c>seed-set</c> command): the seed's own temp file is left alone.</summary>
    public static SeedSetKept? Peek(string stateDir)
    {
        string path = Path.Combine(stateDir, FileName);
        return File.Exists(path) ? Decode(path, File.ReadAllBytes(path)) : null;
    }

    /// <summary>The set the seed whose state directory this is holds: its last step's; null before any step (its seed list's).</summary>
    public static Engine.Vocabulary.SeedSet? HeldIn(string stateDir) => HeldBy(Peek(stateDir));

    /// <summary>The set a kept state holds: its last step's; null for none or no step (the seed list's).</summary>
    public static Engine.Vocabulary.SeedSet? HeldBy(SeedSetKept? kept) => kept is { Steps.Length: > 0 } ? kept.Steps[^1].Set : null;

    /// <summary>Replaces the state atomically and durably; throws <see cref="CommitNotDurableException"/> when it cannot (the old
    /// state stays, and the seed sends nothing that depends on the new one).</summary>
    public static void Save(string stateDir, SeedSetKept kept)
    {
        string path = Path.Combine(stateDir, FileName), temp = path + TempSuffix;
        try
        {
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                file.Write(Encode(kept));
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
            DirectorySync.Flush(stateDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (Exception other) when (other is IOException or UnauthorizedAccessException) { } // the error said is the first
            throw new CommitNotDurableException($"the seed set's state could not be kept in {path}: {e.Message}");
        }
    }
}
