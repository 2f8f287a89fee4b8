using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.RealNet.Storage;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Storage;

public class FileCommitStoreTests
{
    private string _dir = "";
    private string LogFile => Path.Combine(_dir, FileCommitStore.FileName);

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("gossipsim-store-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    private static CommittedOp Op(long sequence, MembershipChange change = MembershipChange.Add) =>
        new(new NodeAddress((127u << 24) | 1, 5000), 1_700_000_000_000, sequence,
            new MembershipOp(change, new PeerId(new NodeAddress((127u << 24) | 1, (ushort)(6000 + sequence)), 42 + sequence)));

    private void Write(params CommittedOp[] ops)
    {
        using var store = FileCommitStore.Open(_dir);
        foreach (var op in ops) store.Append(op);
    }

    /// <summary>Header and record sizes, measured from the file itself.</summary>
    private (long header, long record) Sizes()
    {
        using (FileCommitStore.Open(_dir)) { }
        long header = new FileInfo(LogFile).Length;
        Write(Op(99));
        long record = new FileInfo(LogFile).Length - header;
        File.Delete(LogFile);
        return (header, record);
    }

    [Test]
    public void AppendedOperations_LoadBack_InOrder_AfterReopening()
    {
        var ops = new[] { Op(1), Op(2, MembershipChange.Remove), Op(3) };
        Write(ops[0], ops[1]);
        Write(ops[2]); // a second life appends
        using var store = FileCommitStore.Open(_dir);
        Assert.That(store.Load(), Is.EqualTo(ops));
        Assert.That(store.TornBytes, Is.Zero);
    }

    [Test]
    public void AnAppend_IsInTheFile_WhenItReturns_WithTheStoreStillOpen()
    {
        using var store = FileCommitStore.Open(_dir);
        long before = new FileInfo(LogFile).Length;
        store.Append(Op(1));
        Assert.That(new FileInfo(LogFile).Length, Is.GreaterThan(before), "written and flushed to disk before Append returned, not held in a buffer");
    }

    [Test]
    public void ASecondSeed_CannotOpenTheSameStateDirectory()
    {
        using var first = FileCommitStore.Open(_dir);
        Assert.Throws<IOException>(() => FileCommitStore.Open(_dir).Dispose());
    }

    [TestCase(1, Description = "only the first byte of the record's length")]
    [TestCase(6, Description = "the length and part of the checksum")]
    [TestCase(20, Description = "part of the payload")]
    public void ATornLastRecord_IsCutOff_AndTheRecordsBeforeItKept(int bytesOfTheLastRecord)
    {
        var (header, record) = Sizes();
        Write(Op(1), Op(2), Op(3));
        using (var f = new FileStream(LogFile, FileMode.Open)) f.SetLength(header + 2 * record + bytesOfTheLastRecord);

        using (var store = FileCommitStore.Open(_dir))
        {
            Assert.That(store.Load(), Is.EqualTo(new[] { Op(1), Op(2) }));
            Assert.That(store.TornBytes, Is.EqualTo(bytesOfTheLastRecord));
            store.Append(Op(3));
        }
        using var again = FileCommitStore.Open(_dir);
        Assert.That(again.Load(), Is.EqualTo(new[] { Op(1), Op(2), Op(3) }), "appends after the cut land where the torn record was");
    }

    [Test]
    public void ALastRecordWithAWrongChecksum_IsATornWrite_AndCutOff()
    {
        var (header, record) = Sizes();
        Write(Op(1), Op(2));
        Flip(header + record + record - 1);
        using var store = FileCommitStore.Open(_dir);
        Assert.That(store.Load(), Is.EqualTo(new[] { Op(1) }));
        Assert.That(store.TornBytes, Is.EqualTo(record));
    }

    [Test]
    public void ADamagedRecordWithRecordsAfterIt_IsRefused_NamingTheFileAndOffset()
    {
        var (header, record) = Sizes();
        Write(Op(1), Op(2), Op(3));
        Flip(header + record + record - 1); // the second record's last payload byte
        var e = Assert.Throws<CommitLogCorruptException>(() => FileCommitStore.Open(_dir).Dispose())!;
        Assert.That(e.Message, Does.Contain(LogFile).And.Contain($"offset {header + record}").And.Contain("checksum"));
        Assert.That(new FileInfo(LogFile).Length, Is.EqualTo(header + 3 * record), "a refused file is left as it was, for the operator");
    }

    [Test]
    public void AFileThatIsNotACommitLog_IsRefused_NamingTheFile()
    {
        File.WriteAllText(LogFile, "hello, this is not a commit log");
        var e = Assert.Throws<CommitLogCorruptException>(() => FileCommitStore.Open(_dir).Dispose())!;
        Assert.That(e.Message, Does.Contain(LogFile).And.Contain("offset 0"));
    }

    private void Flip(long offset)
    {
        using var f = new FileStream(LogFile, FileMode.Open);
        f.Position = offset;
        int b = f.ReadByte();
        f.Position = offset;
        f.WriteByte((byte)(b ^ 0xFF));
    }
}
