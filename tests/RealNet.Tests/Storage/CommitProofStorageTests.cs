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
/// A seed's commit log keeps each commit's proof (the key an add binds and the signed votes),
/// so a restarted seed can still prove what it hands out by anti-entropy; a log written before
/// wire version 5 loads, its operations without proofs.
/// </summary>
public class CommitProofStorageTests
{
    private string _dir = "";

    [SetUp]
    public void CreateDirectory() => _dir = Directory.CreateTempSubdirectory("gossipsim-proofs-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_dir, recursive: true);

    private static readonly NodeAddress Seed = NodeAddress.Parse("127.0.0.1:5001"), Other = NodeAddress.Parse("127.0.0.1:5002");

    private static CommittedOp Add(long sequence, CommitProof? proof) =>
        new(Seed, 7, sequence, new MembershipOp(MembershipChange.Add, new PeerId(NodeAddress.Parse("127.0.0.1:6001"), sequence)), proof);

    [Test]
    public void AProof_IsStoredWithItsCommit_AndLoadsBack()
    {
        var proof = new CommitProof(new NodeKey(Enumerable.Range(0, 65).Select(i => (byte)i).ToArray()),
            [new SignedVote(Seed, Enumerable.Repeat((byte)1, 64).ToArray()), new SignedVote(Other, Enumerable.Repeat((byte)2, 64).ToArray())]);
        using (var store = FileCommitStore.Open(_dir))
        {
            store.Append(Add(1, proof));
            store.Append(Add(2, null));
        }
        using var reopened = FileCommitStore.Open(_dir);
        var loaded = reopened.Load();
        Assert.That(StructuralEquality.Difference(new[] { Add(1, proof), Add(2, null) }, loaded.ToArray()), Is.Null);
    }

    [Test]
    public void ALogWrittenBeforeVersion5_Loads_ItsOperationsWithoutProofs()
    {
        // A version-4 record: the operation's wire form alone, without the proof's flag byte.
        var w = new WireWriter(reserve: 8);
        MessageCodec.WriteCommitted(w, Add(1, null));
        var payload = w.Buffer.AsSpan(8, w.Length - 8 - 1).ToArray();
        var record = new byte[8 + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(record, payload.Length);
        BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(4), Crc32.Of(payload));
        payload.CopyTo(record, 8);
        File.WriteAllBytes(Path.Combine(_dir, FileCommitStore.FileName), [.. "GSCLOG01"u8, .. record]);

        using var store = FileCommitStore.Open(_dir);
        Assert.That(store.Load(), Is.EqualTo(new[] { Add(1, null) }));
        Assert.That(store.TornBytes, Is.Zero);
    }
}
