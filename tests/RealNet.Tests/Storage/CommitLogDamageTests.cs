using GossipSim.Engine.Bytes;
using GossipSim.Engine.Trust;
using System.Buffers.Binary;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.RealNet.Storage;
using GossipSim.TestSupport;
using GossipSim.Engine.Wire;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Storage;

/// <summary>
/// A commit log never lies: damage in the middle of the file stops the seed
/// with the file, the offset and a way out, and leaves the file byte for byte as it was; only a
/// genuinely torn last record is set aside, into a side file, with every record before it kept.
/// </summary>
public class CommitLogDamageTests
{
    private const int Records = 12;
    private string _dir = "";
    private string LogFile => Path.Combine(_dir, FileCommitStore.FileName);

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("gossipsim-damage-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    private static CommittedOp Op(long sequence) =>
        new(new NodeAddress((127u << 24) | 1, 5000), 1_700_000_000_000, sequence,
            new MembershipOp(MembershipChange.Add, new PeerId(new NodeAddress((127u << 24) | 1, (ushort)(6000 + sequence)), 42 + sequence)));

    private static CommittedOp[] Ops(int count) => Enumerable.Range(1, count).Select(i => Op(i)).ToArray();

    /// <summary>Twelve fsynced records, as the finding had; returns where each record starts.</summary>
    private long[] WriteRecords(int count = Records)
    {
        var starts = new long[count];
        using var store = FileCommitStore.Open(_dir);
        for (int i = 0; i < count; i++)
        {
            starts[i] = new FileInfo(LogFile).Length;
            store.Append(Op(i + 1));
        }
        return starts;
    }

    /// <summary>A file in format 1 (length and payload checksum per record, no header checksum), as seeds wrote before.</summary>
    private long[] WriteFormat1(int count = Records) => WriteFormat1(Ops(count));

    private long[] WriteFormat1(CommittedOp[] ops)
    {
        var bytes = new List<byte>("GSCLOG01"u8.ToArray());
        var starts = new long[ops.Length];
        for (int i = 0; i < ops.Length; i++)
        {
            starts[i] = bytes.Count;
            var w = new WireWriter();
            MessageCodec.WriteCommitted(w, ops[i]);
            var payload = w.ToArray();
            var head = new byte[8];
            BinaryPrimitives.WriteInt32BigEndian(head, payload.Length);
            BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(4), Crc32.Of(payload));
            bytes.AddRange(head);
            bytes.AddRange(payload);
        }
        File.WriteAllBytes(LogFile, bytes.ToArray());
        return starts;
    }

    private void Edit(Action<byte[]> change)
    {
        var bytes = File.ReadAllBytes(LogFile);
        change(bytes);
        File.WriteAllBytes(LogFile, bytes);
    }

    /// <summary>Opening is refused with an error an operator can act on, and the file is exactly as it was.</summary>
    private string RefusedLeavingTheFileAsItWas(long offset)
    {
        var before = File.ReadAllBytes(LogFile);
        var e = Assert.Throws<CommitLogCorruptException>(() => FileCommitStore.Open(_dir).Dispose())!;
        TestContext.Out.WriteLine(e.Message);
        Assert.That(e.Message, Does.Contain(LogFile).And.Contain($"byte offset {offset}:"), "the file and the offset");
        Assert.That(e.Message, Does.Contain("move").And.Contain("aside").And.Contain("anti-entropy"), "what the operator can do");
        Assert.That(e.Message, Does.Not.Contain("Exception").And.Not.Contain("System.").And.Not.Contain("   at "), "no .NET type name or stack trace");
        Assert.That(File.ReadAllBytes(LogFile), Is.EqualTo(before), "the file is left byte for byte as it was");
        Assert.That(Directory.GetFiles(_dir, "*.torn-at-*"), Is.Empty, "nothing was set aside");
        return e.Message;
    }

    [Test]
    public void AMiddleRecordWhoseLengthRunsPastTheEnd_IsRefused_NotTakenForATornTail()
    {
        var starts = WriteRecords();
        Edit(b => BinaryPrimitives.WriteInt32BigEndian(b.AsSpan((int)starts[1]), 4000)); // 11 of 12 records would be cut off

        string message = RefusedLeavingTheFileAsItWas(starts[1]);
        Assert.That(message, Does.Contain("header").And.Contain("checksum"), "the length is covered by the header's own checksum");
        Assert.That(message, Does.Contain("1 whole record comes before it"));
    }

    [Test]
    public void AMiddleRecordWhoseLengthRunsPastTheEnd_WithItsHeaderChecksumForgedToo_IsRefused()
    {
        var starts = WriteRecords();
        Edit(b =>
        {
            var header = b.AsSpan((int)starts[1], 12);
            BinaryPrimitives.WriteInt32BigEndian(header, 4000);
            BinaryPrimitives.WriteUInt32BigEndian(header[8..], Crc32.Of(header[..8]));
        });

        string message = RefusedLeavingTheFileAsItWas(starts[1]);
        Assert.That(message, Does.Contain("runs past the end of the file").And.Contain($"a whole record follows it at byte offset {starts[2]}"));
    }

    [Test]
    public void AFormat1Log_WithAMiddleLengthPastTheEnd_IsRefused_AsTheFindingShouldHaveBeen()
    {
        var starts = WriteFormat1();
        Edit(b => BinaryPrimitives.WriteInt32BigEndian(b.AsSpan((int)starts[1]), 4000));

        string message = RefusedLeavingTheFileAsItWas(starts[1]);
        Assert.That(message, Does.Contain("runs past the end of the file").And.Contain("a whole record follows it"));
    }

    [TestCase(0, Description = "the length")]
    [TestCase(5, Description = "the payload checksum")]
    [TestCase(10, Description = "the header checksum")]
    [TestCase(20, Description = "a payload byte")]
    public void ADamagedByteInAMiddleRecord_IsRefused_AndTheFileLeftAsItWas(int byteOfTheRecord)
    {
        var starts = WriteRecords();
        Edit(b => b[starts[5] + byteOfTheRecord] ^= 0x10);

        RefusedLeavingTheFileAsItWas(starts[5]);
    }

    [Test]
    public void ALastRecordWithAGarbledHeader_IsDamage_NotATornWrite()
    {
        var starts = WriteRecords();
        Edit(b => b[starts[^1] + 2] ^= 0x55); // a torn write leaves a prefix or zeros, never other bytes

        RefusedLeavingTheFileAsItWas(starts[^1]);
    }

    [TestCase(1, Description = "the first byte of the header")]
    [TestCase(11, Description = "all but the last byte of the header")]
    [TestCase(30, Description = "part of the payload")]
    public void ATornLastRecord_IsSetAsideInASideFile_AndEveryRecordBeforeItKept(int bytesOfTheLastRecord)
    {
        var starts = WriteRecords();
        var whole = File.ReadAllBytes(LogFile);
        long cut = starts[^1] + bytesOfTheLastRecord;
        using (var f = new FileStream(LogFile, FileMode.Open)) f.SetLength(cut);

        using (var store = FileCommitStore.Open(_dir))
        {
            Assert.That(store.Load(), Is.EqualTo(Ops(Records - 1)));
            Assert.That(store.TornBytes, Is.EqualTo(bytesOfTheLastRecord));
            Assert.That(store.TornTailFile, Is.EqualTo($"{LogFile}.torn-at-{starts[^1]}"));
            Assert.That(File.ReadAllBytes(store.TornTailFile!), Is.EqualTo(whole[(int)starts[^1]..(int)cut]), "the cut bytes are kept, not destroyed");
            Assert.That(new FileInfo(LogFile).Length, Is.EqualTo(starts[^1]));
            store.Append(Op(Records));
        }
        using var again = FileCommitStore.Open(_dir);
        Assert.That(again.Load(), Is.EqualTo(Ops(Records)), "the next append lands where the torn record was");
        Assert.That(again.TornTailFile, Is.Null);
    }

    [Test]
    public void ALastRecordWhoseSectorNeverReachedTheDisk_ReadsAsZeros_AndIsATornWrite()
    {
        var starts = WriteRecords();
        Edit(b => Array.Clear(b, (int)starts[^1], b.Length - (int)starts[^1])); // the file grew, its data did not land

        using var store = FileCommitStore.Open(_dir);
        Assert.That(store.Load(), Is.EqualTo(Ops(Records - 1)));
        Assert.That(store.TornTailFile, Is.Not.Null);
    }

    [TestCase(new byte[] { (byte)'G', (byte)'S', (byte)'C' }, Description = "part of the header")]
    [TestCase(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0 }, Description = "a header whose sector never reached the disk")]
    public void AFileWhoseHeaderWasNeverWrittenWhole_OpensEmpty_KeepingItsBytes(byte[] header)
    {
        File.WriteAllBytes(LogFile, header);

        using (var store = FileCommitStore.Open(_dir))
        {
            Assert.That(store.Load(), Is.Empty);
            Assert.That(File.ReadAllBytes(store.TornTailFile!), Is.EqualTo(header));
            store.Append(Op(1));
        }
        using var again = FileCommitStore.Open(_dir);
        Assert.That(again.Load(), Is.EqualTo(Ops(1)));
    }

    [Test]
    public void ATornTailTwiceAtTheSameOffset_KeepsBothSideFiles()
    {
        var starts = WriteRecords(2);
        for (int round = 0; round < 2; round++)
        {
            using (var store = FileCommitStore.Open(_dir)) store.Append(Op(2));
            using (var f = new FileStream(LogFile, FileMode.Open)) f.SetLength(starts[1] + 7);
            using (FileCommitStore.Open(_dir)) { }
        }
        Assert.That(Directory.GetFiles(_dir, "*.torn-at-*").Select(Path.GetFileName),
            Is.EquivalentTo(new[] { $"{FileCommitStore.FileName}.torn-at-{starts[1]}", $"{FileCommitStore.FileName}.torn-at-{starts[1]}.2" }));
    }

    [Test]
    public void AFormat1Log_IsRead_ThenRewrittenInFormat2_WithItsProofs_AndAppendsGoOnInFormat2()
    {
        var proof = new CommitProof(new NodeKey(Enumerable.Range(0, 65).Select(i => (byte)i).ToArray()),
            [new SignedVote(new NodeAddress((127u << 24) | 1, 5000), Enumerable.Repeat((byte)1, 64).ToArray())]);
        var ops = Ops(3).Select((op, i) => i == 1 ? op with { Proof = proof } : op).ToArray();
        WriteFormat1(ops);
        File.WriteAllText(LogFile + ".tmp", "a conversion killed before its rename");
        using (var store = FileCommitStore.Open(_dir))
        {
            Assert.That(StructuralEquality.Difference(ops, store.Load().ToArray()), Is.Null);
            Assert.That(store.ConvertedFrom, Is.EqualTo(1));
            store.Append(Op(4));
        }
        Assert.That(File.ReadAllBytes(LogFile)[..8], Is.EqualTo("GSCLOG02"u8.ToArray()), "no file mixes the two formats");
        Assert.That(File.Exists(LogFile + ".tmp"), Is.False, "a leftover temporary file is deleted");
        Assert.That(File.Exists(Path.Combine(_dir, CommitSnapshot.FileName)), Is.False, "rewritten record for record, not into a snapshot (which keeps no proofs)");
        using var again = FileCommitStore.Open(_dir);
        Assert.That(StructuralEquality.Difference(ops.Append(Op(4)).ToArray(), again.Load().ToArray()), Is.Null);
        Assert.That(again.ConvertedFrom, Is.Null);
    }

    [Test]
    public void AFormat1LogWithATornLastRecord_KeepsTheRecordsBeforeIt()
    {
        var starts = WriteFormat1(3);
        using (var f = new FileStream(LogFile, FileMode.Open)) f.SetLength(starts[2] + 20);

        using var store = FileCommitStore.Open(_dir);
        Assert.That(store.Load(), Is.EqualTo(Ops(2)));
        Assert.That(store.TornBytes, Is.EqualTo(20));
    }
}
