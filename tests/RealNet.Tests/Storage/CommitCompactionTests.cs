using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.RealNet.Storage;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Storage;

/// <summary>
/// Compaction of a seed's commit log: the whole log goes into a snapshot (temporary file, fsync,
/// rename) and the log is cut back; a kill at any step of it, or a torn temporary file, loses no
/// commit.
/// </summary>
public class CommitCompactionTests
{
    private string _dir = "";
    private string LogFile => Path.Combine(_dir, FileCommitStore.FileName);
    private string SnapshotFile => Path.Combine(_dir, CommitSnapshot.FileName);

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("gossipsim-compact-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    /// <summary>Operations of two proposer logs, with a gap in the second (a commit only its proposer had), as a seed holds them.</summary>
    private static List<CommittedOp> Ops(int count)
    {
        var a = new NodeAddress((127u << 24) | 1, 5000);
        var b = new NodeAddress((127u << 24) | 1, 5001);
        var ops = new List<CommittedOp>();
        for (int i = 1; i <= count; i++)
        {
            bool second = i % 3 == 0;
            long sequence = second ? i / 3 + (i > 6 ? 1 : 0) : i - i / 3;
            var peer = new PeerId(new NodeAddress((127u << 24) | 1, (ushort)(6000 + i)), 1000 + i);
            ops.Add(new CommittedOp(second ? b : a, second ? 7 : 3, sequence, new MembershipOp(i % 5 == 0 ? MembershipChange.Remove : MembershipChange.Add, peer)));
        }
        return ops;
    }

    /// <summary>What a seed does: append each commit, and compact from everything it holds when the store says so.</summary>
    private static void AppendAsASeedDoes(FileCommitStore store, List<CommittedOp> held, IEnumerable<CommittedOp> ops)
    {
        foreach (var op in ops)
        {
            store.Append(op);
            held.Add(op);
            if (store.CompactionDue) store.Compact(held);
        }
    }

    [Test]
    public void PastTheThreshold_TheLogGoesIntoASnapshot_AndEveryOperationLoadsBack()
    {
        var ops = Ops(40);
        var held = new List<CommittedOp>();
        using (var store = FileCommitStore.Open(_dir, compactAfter: 8))
        {
            AppendAsASeedDoes(store, held, ops);
            Assert.That(store.Compactions, Is.GreaterThanOrEqualTo(2), "compacted at 8 records, then once the log outgrew the snapshot");
        }
        long logBytes = new FileInfo(LogFile).Length, snapshotBytes = new FileInfo(SnapshotFile).Length;
        TestContext.Out.WriteLine($"40 operations: snapshot {snapshotBytes} bytes, log {logBytes} bytes");
        using var again = FileCommitStore.Open(_dir, compactAfter: 8);
        Assert.That(again.Load(), Is.EquivalentTo(ops));
        Assert.That(again.Load(), Has.Count.EqualTo(ops.Count), "each operation once");
    }

    [Test]
    public void BelowTheThreshold_NothingIsCompacted()
    {
        using var store = FileCommitStore.Open(_dir, compactAfter: 100);
        AppendAsASeedDoes(store, new List<CommittedOp>(), Ops(99));
        Assert.That(store.Compactions, Is.Zero);
        Assert.That(File.Exists(SnapshotFile), Is.False);
    }

    [TestCase(CompactionStep.TempWritten, Description = "killed before the rename: the old snapshot and the whole log hold everything")]
    [TestCase(CompactionStep.Renamed, Description = "killed before the log is cut: the new snapshot and the log both hold the records")]
    [TestCase(CompactionStep.Truncated, Description = "killed just after")]
    public void AKillAtAnyStepOfACompaction_LosesNoCommit(CompactionStep killedAfter)
    {
        var ops = Ops(30);
        var held = new List<CommittedOp>();
        var store = FileCommitStore.Open(_dir, compactAfter: 8);
        AppendAsASeedDoes(store, held, ops.Take(12)); // one compaction done, at 8
        store.AfterStep = step => { if (step == killedAfter) throw new SimulatedKill(); };
        Assert.Throws<SimulatedKill>(() => AppendAsASeedDoes(store, held, ops.Skip(12)));
        store.Dispose(); // the process is gone; what is on disk is all there is

        using (var reopened = FileCommitStore.Open(_dir, compactAfter: 8))
        {
            Assert.That(reopened.Load(), Is.EquivalentTo(held), "every commit appended before the kill");
            Assert.That(File.Exists(Path.Combine(_dir, CommitSnapshot.TempName)), Is.False, "a leftover temporary file is deleted");
            AppendAsASeedDoes(reopened, new List<CommittedOp>(reopened.Load()), ops.Skip(held.Count));
        }
        using var last = FileCommitStore.Open(_dir, compactAfter: 8);
        Assert.That(last.Load(), Is.EquivalentTo(ops), "and the next life goes on from there");
    }

    [Test]
    public void ATornTemporarySnapshot_IsIgnored()
    {
        var ops = Ops(5);
        using (var store = FileCommitStore.Open(_dir)) AppendAsASeedDoes(store, new List<CommittedOp>(), ops);
        File.WriteAllBytes(Path.Combine(_dir, CommitSnapshot.TempName), CommitSnapshot.Encode(Ops(20))[..37]);
        using var again = FileCommitStore.Open(_dir);
        Assert.That(again.Load(), Is.EqualTo(ops));
    }

    [Test]
    public void ADamagedSnapshot_IsRefused_NamingTheFile()
    {
        using (var store = FileCommitStore.Open(_dir, compactAfter: 4)) AppendAsASeedDoes(store, new List<CommittedOp>(), Ops(6));
        var bytes = File.ReadAllBytes(SnapshotFile);
        bytes[20] ^= 0xFF;
        File.WriteAllBytes(SnapshotFile, bytes);
        var e = Assert.Throws<CommitLogCorruptException>(() => FileCommitStore.Open(_dir).Dispose())!;
        Assert.That(e.Message, Does.Contain(SnapshotFile).And.Contain("checksum"));
    }

    [Test]
    public void ASnapshot_IsSmallerThanTheLogItReplaces()
    {
        var ops = Ops(200);
        using (var store = FileCommitStore.Open(_dir, compactAfter: int.MaxValue)) AppendAsASeedDoes(store, new List<CommittedOp>(), ops);
        long logBytes = new FileInfo(LogFile).Length;
        // In the order a seed's commit log gives them (CommitLog.MissingFor): by proposer log, then sequence.
        var inLogOrder = ops.OrderBy(o => o.Proposer).ThenBy(o => o.Epoch).ThenBy(o => o.Sequence).ToList();
        File.WriteAllBytes(SnapshotFile + ".probe", CommitSnapshot.Encode(inLogOrder));
        long snapshotBytes = new FileInfo(SnapshotFile + ".probe").Length;
        TestContext.Out.WriteLine($"200 operations: log {logBytes} bytes, snapshot {snapshotBytes} bytes");
        Assert.That(snapshotBytes, Is.LessThan(logBytes / 2));
    }

    private sealed class SimulatedKill : Exception;
}
