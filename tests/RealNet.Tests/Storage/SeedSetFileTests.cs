using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;
using GossipSim.RealNet.Storage;

namespace GossipSim.RealNet.Tests.Storage;

/// <summary>
/// Issue 56, 2: a real seed keeps the seed set's steps it took and its promise in <c>seedset.state</c>, so a restarted seed starts
/// at the set in force and never promises another set at a version it promised. The file is replaced atomically, and a damaged one
/// stops the seed with a message that says what to do.
/// </summary>
public class SeedSetFileTests
{
    private string _dir = "";
    private string StateFile => Path.Combine(_dir, SeedSetFile.FileName);

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("gossipsim-seedset-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    private static NodeAddress S(int n) => new((127u << 24) | 1, (ushort)(5000 + n));

    private static readonly SeedSetChange AddFour = SeedSetChange.Add(S(4), new NodeKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));

    private static SeedSetKept TwoStepsAndAPromise() => new(
        [
            new SeedSetStep(new SeedSet(1, [S(1), S(2), S(3), S(4)], [S(1), S(2), S(3)]), AddFour,
                [new SignedVote(S(1), [1, 2, 3]), new SignedVote(S(2), [4, 5, 6])]),
            new SeedSetStep(new SeedSet(2, [S(1), S(2), S(3), S(4)]), AddFour, [new SignedVote(S(1), [7]), new SignedVote(S(4), [8])]),
        ],
        new SeedSetPromise(new SeedSet(3, [S(1), S(2), S(3)], [S(1), S(2), S(3), S(4)]), S(2), 77, SeedSetChange.Remove(S(4)), [0x0A, 0x0B],
            [new ProposalRef(S(3), 90)]));

    private static void AssertSame(SeedSetKept? actual, SeedSetKept expected)
    {
        Assert.That(actual, Is.Not.Null);
        Assert.That(actual!.Steps.Select(s => s.Set.ToString()), Is.EqualTo(expected.Steps.Select(s => s.Set.ToString())));
        Assert.That(actual.Steps.Select(s => s.Change), Is.EqualTo(expected.Steps.Select(s => s.Change)));
        Assert.That(actual.Steps.SelectMany(s => s.Votes.Select(v => (v.Seed, Convert.ToHexString(v.Signature)))),
            Is.EqualTo(expected.Steps.SelectMany(s => s.Votes.Select(v => (v.Seed, Convert.ToHexString(v.Signature))))));
        Assert.That(actual.Promise?.Set.SameAs(expected.Promise!.Value.Set), Is.True);
        Assert.That((actual.Promise!.Value.Proposer, actual.Promise.Value.ProposalId), Is.EqualTo((S(2), 77L)));
        Assert.That(actual.Promise.Value.Change, Is.EqualTo(expected.Promise!.Value.Change), "the change, to name the set in a no");
        Assert.That(actual.Promise.Value.Approval, Is.EqualTo(expected.Promise.Value.Approval), "the operator's approval with it");
        Assert.That(actual.Promise.Value.Holders, Is.EqualTo(expected.Promise.Value.Holders), "every proposal it was given to");
    }

    /// <summary>A state a seed kept before its promise kept the change (GSSEEDSET1): read as that promise, its word kept.</summary>
    [Test]
    public void AStateOfTheFirstLayout_IsRead_ThePromiseKeptWithoutItsChange()
    {
        var kept = new SeedSetKept([], new SeedSetPromise(new SeedSet(1, [S(1), S(2)], [S(1)]), S(1), 5));
        var w = new GossipSim.Engine.Bytes.WireWriter(64);
        w.Bytes("GSSEEDSET1"u8);
        w.Count(0);
        w.Bool(true);
        GossipSim.Engine.Wire.MessageCodec.WriteSeedSet(w, kept.Promise!.Value.Set);
        w.Address(S(1));
        w.I64(5);
        w.U32(Crc32.Of(w.Buffer.AsSpan(0, w.Length)));
        File.WriteAllBytes(StateFile, w.ToArray());
        using var store = FileCommitStore.Open(_dir);
        var promise = store.SeedSet!.Promise!.Value;
        Assert.That(promise.Set.SameAs(kept.Promise.Value.Set));
        Assert.That(promise.Holders, Is.EqualTo(new[] { new ProposalRef(S(1), 5) }));
        Assert.That(promise.Approval, Is.Null, "no approval kept: it cannot name the set in a no, and keeps its word");
    }

    [Test]
    public void TheStepsAndThePromise_ComeBack_WhenTheStoreIsOpenedAgain()
    {
        using (var store = FileCommitStore.Open(_dir))
        {
            Assert.That(store.SeedSet, Is.Null, "a new state directory keeps no seed set");
            store.SeedSet = TwoStepsAndAPromise();
        }
        using var reopened = FileCommitStore.Open(_dir);
        AssertSame(reopened.SeedSet, TwoStepsAndAPromise());
    }

    [Test]
    public void ANewerState_ReplacesTheOlderWhole_AndASaveKilledBeforeItsRenameLeavesTheOlder()
    {
        using (var store = FileCommitStore.Open(_dir))
        {
            store.SeedSet = new SeedSetKept([], new SeedSetPromise(new SeedSet(1, [S(1)], [S(1), S(2)]), S(1), 5));
            store.SeedSet = TwoStepsAndAPromise();
        }
        // A save killed after writing its temp file, before the rename: the temp is dropped, the state is the last one renamed.
        File.WriteAllBytes(StateFile + ".tmp", [9, 9, 9]);
        using var reopened = FileCommitStore.Open(_dir);
        AssertSame(reopened.SeedSet, TwoStepsAndAPromise());
        Assert.That(File.Exists(StateFile + ".tmp"), Is.False);
    }

    [Test]
    public void ADamagedState_StopsTheSeed_SayingWhichFileAndWhatToDo()
    {
        using (var store = FileCommitStore.Open(_dir)) store.SeedSet = TwoStepsAndAPromise();
        var bytes = File.ReadAllBytes(StateFile);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(StateFile, bytes);

        var e = Assert.Throws<CommitLogCorruptException>(() => FileCommitStore.Open(_dir).Dispose());
        Assert.That(e!.Message, Does.Contain(StateFile).And.Contain("checksum").And.Contain("move it aside"));

        File.WriteAllBytes(StateFile, "not a state"u8.ToArray());
        e = Assert.Throws<CommitLogCorruptException>(() => FileCommitStore.Open(_dir).Dispose());
        Assert.That(e!.Message, Does.Contain("not a seed-set state file"));
    }

    [Test]
    public void AStateThatCannotBeWritten_Throws_AndTheStoreKeepsTheOld()
    {
        using var store = FileCommitStore.Open(_dir);
        store.SeedSet = TwoStepsAndAPromise();
        // The temp file's place taken by a directory: the write fails as a full or broken disk's would.
        Directory.CreateDirectory(StateFile + ".tmp");
        Assert.Throws<CommitNotDurableException>(() => store.SeedSet = new SeedSetKept([], null));
        Directory.Delete(StateFile + ".tmp");
        AssertSame(store.SeedSet, TwoStepsAndAPromise());
        AssertSame(SeedSetFile.Load(_dir), TwoStepsAndAPromise());
    }
}
