using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.RealNet.Storage;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Storage;

/// <summary>
/// An append that fails (a full disk) leaves no partial record: the file is cut back to where it
/// was, the commit is refused with a message an operator can read, a restart opens cleanly with
/// every record made durable, and appends succeed again once there is space. Shown with a hook
/// that fails a write after part of the record, and on a real full file system (a small tmpfs,
/// where root allows it).
/// </summary>
[NonParallelizable]
public class CommitAppendFailureTests
{
    private string _dir = "";
    private SmallDisk? _disk;
    private string LogFile => Path.Combine(_dir, FileCommitStore.FileName);

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("gossipsim-append-").FullName;

    [TearDown]
    public void CleanUp()
    {
        _disk?.Dispose(); // unmounted also when the test failed
        _disk = null;
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static CommittedOp Op(long sequence) =>
        new(new NodeAddress((127u << 24) | 1, 5000), 1_700_000_000_000, sequence,
            new MembershipOp(MembershipChange.Add, new PeerId(new NodeAddress((127u << 24) | 1, (ushort)(6000 + sequence % 1000)), 42 + sequence)));

    private static List<CommittedOp> Ops(int from, int to) => Enumerable.Range(from, to - from + 1).Select(i => Op(i)).ToList();

    [TestCase(0, Description = "nothing written")]
    [TestCase(5, Description = "part of the header")]
    [TestCase(20, Description = "the header and part of the payload")]
    public void AFailedAppend_IsCutBack_SoNoPartialRecordStays_AndTheCommitIsRefused(int bytesWritten)
    {
        using (var store = FileCommitStore.Open(_dir))
        {
            foreach (var op in Ops(1, 3)) store.Append(op);
            var before = store.BytesOnDisk();

            store.DiskFullAfterBytes = bytesWritten;
            var e = Assert.Throws<CommitNotDurableException>(() => store.Append(Op(4)))!;
            TestContext.Out.WriteLine(e.Message);
            Assert.That(e.Message, Does.Contain(LogFile).And.Contain($"byte offset {before.Length}").And.Contain("No space left on device"));
            Assert.That(e.Message, Does.Contain($"cut back to {before.Length} bytes"));
            Assert.That(e.Message, Does.Not.Contain("Exception").And.Not.Contain("   at "), "no .NET type name or stack trace");
            Assert.That(store.BytesOnDisk(), Is.EqualTo(before), "no partial record");

            Assert.Throws<CommitNotDurableException>(() => store.Append(Op(4)), "still full: still refused");
            Assert.That(store.BytesOnDisk(), Is.EqualTo(before));

            store.DiskFullAfterBytes = null; // space is back
            store.Append(Op(4));
            store.Append(Op(5));
        }
        using var again = FileCommitStore.Open(_dir);
        Assert.That(again.Load(), Is.EqualTo(Ops(1, 5)), "every record made durable, and nothing else");
        Assert.That(again.TornTailFile, Is.Null, "the file ended cleanly");
    }

    [Test]
    public void OnARealFullDisk_AppendsAreRefusedWithoutAPartialRecord_ARestartOpensCleanly_AndAppendsSucceedOnceSpaceReturns()
    {
        _disk = SmallDisk.MountOrSkip();
        var stateDir = Path.Combine(_disk.Directory, "state");
        var kept = new List<CommittedOp>();
        using (var store = FileCommitStore.Open(stateDir))
        {
            foreach (var op in Ops(1, 3)) { store.Append(op); kept.Add(op); }
            _disk.Fill();

            // Appends land in the log's last page until it is full; the one that needs a new page is cut short by the disk.
            CommitNotDurableException? refused = null;
            long lengthBefore = 0;
            for (int i = 4; refused == null && i < 4 + 4096; i++)
            {
                lengthBefore = new FileInfo(Path.Combine(stateDir, FileCommitStore.FileName)).Length;
                try
                {
                    store.Append(Op(i));
                    kept.Add(Op(i));
                }
                catch (CommitNotDurableException e)
                {
                    refused = e;
                }
            }
            Assert.That(refused, Is.Not.Null, "the full disk refused an append");
            TestContext.Out.WriteLine(refused!.Message);
            Assert.That(refused.Message, Does.Contain("No space left on device").And.Contain($"cut back to {lengthBefore} bytes"));
            Assert.That(new FileInfo(Path.Combine(stateDir, FileCommitStore.FileName)).Length, Is.EqualTo(lengthBefore), "no partial record");
            Assert.Throws<CommitNotDurableException>(() => store.Append(Op(9000)), "still full: still refused");
        }

        using (var reopened = FileCommitStore.Open(stateDir))
        {
            Assert.That(reopened.Load(), Is.EqualTo(kept), "a restart on the full disk opens with every record made durable");
            Assert.That(reopened.TornTailFile, Is.Null);
            _disk.Free();
            reopened.Append(Op(9001));
            kept.Add(Op(9001));
        }
        using var last = FileCommitStore.Open(stateDir);
        Assert.That(last.Load(), Is.EqualTo(kept), "appends succeed again once space returns");
    }

    [Test]
    public void OnARealFullDisk_ACompactionIsGivenUp_SaidOnce_AndDoneOnceSpaceReturns()
    {
        _disk = SmallDisk.MountOrSkip();
        var stateDir = Path.Combine(_disk.Directory, "state");
        var reports = new List<string>();
        var held = new List<CommittedOp>();
        using (var store = FileCommitStore.Open(stateDir, compactAfter: 4, report: reports.Add))
        {
            void Append(CommittedOp op)
            {
                store.Append(op);
                held.Add(op);
                if (store.CompactionDue) store.Compact(held); // as the seed does
            }
            foreach (var op in Ops(1, 3)) Append(op);
            _disk.Fill();
            foreach (var op in Ops(4, 7)) Append(op); // inside the log's last page: appends still fit, a snapshot does not

            Assert.That(store.Compactions, Is.Zero);
            Assert.That(reports, Has.Count.EqualTo(1), "said once, not at every append:\n" + string.Join("\n", reports));
            Assert.That(reports[0], Does.Contain("No space left on device").And.Contain("still holds every record"));
            Assert.That(File.Exists(Path.Combine(stateDir, CommitSnapshot.TempName)), Is.False, "the partial snapshot is deleted");

            _disk.Free();
            Append(Op(8));
            Assert.That(store.Compactions, Is.EqualTo(1), "tried again once the log grew by the threshold, with space back");
        }
        using var again = FileCommitStore.Open(stateDir, compactAfter: 4);
        Assert.That(again.Load(), Is.EquivalentTo(Ops(1, 8)));
    }
}
