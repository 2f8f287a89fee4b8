using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.TestSupport;

/// <summary>At least one message of every kind, with edge values: empty and full arrays, null and present options, non-ASCII text.</summary>
public static class MessageSamples
{
    private static readonly NodeAddress A = NodeAddress.Parse("127.0.0.1:5001");
    private static readonly NodeAddress B = NodeAddress.Parse("10.1.2.3:65535");
    private static readonly NodeAddress C = NodeAddress.Parse("255.255.255.255:1");
    private static readonly MembershipCertificate Certificate =
        new(long.MaxValue, new CommitProof(new NodeKey(Enumerable.Range(0, 65).Select(i => (byte)i).ToArray()), [new SignedVote(A, [1, 2]), new SignedVote(C, [])]));
    private static readonly CertificateRenewal Renewal = new(B, TimeSpan.FromTicks(17_953_240_900_191_234), Enumerable.Range(0, 64).Select(i => (byte)(255 - i)).ToArray());
    private static readonly MembershipCertificate Renewed = Certificate.RenewedBy(Renewal);

    public static IReadOnlyList<Message> All { get; } = new Message[]
    {
        new RegisterRequest(1_795_000_000_000),
        new RegisterRequest(long.MinValue),
        new PeerListRequest(),
        new DegreeUpdate(42, 7, 3),
        new DegreeUpdate(long.MaxValue, int.MaxValue, long.MaxValue),
        new DegreeUpdate(7, 3, 2, [A, B, C]),
        new DegreeUpdate(7, 3, 2, null, Refresh: true),
        new RefreshReply(5, Renewal, []),
        new RefreshReply(long.MaxValue, new CertificateRenewal(C, TimeSpan.Zero, []),
            [new RemovedMember(new PeerId(A, 3), TimeSpan.FromSeconds(1_795_000_000), new CommitProof(null, [new SignedVote(A, [1, 2]), new SignedVote(B, [3])])),
             new RemovedMember(new PeerId(C, long.MaxValue), TimeSpan.Zero, null)]),
        new DeadNodeReport(B, 1_795_000_123, A),
        new Goodbye(-1),
        new MembershipCheck(1_795_000_000_000),
        new MembershipStatus(false, 0),
        new MembershipStatus(true, long.MaxValue),
        new MemberQuery(A),
        new NotAMember(C),
        new RegisterReply(true, "", new PeerListReply([new PeerListEntry(A, 3), new PeerListEntry(B, 0)], true, 2)),
        new RegisterReply(true, "registered by majority", new PeerListReply([], true, 0), 3, Certificate),
        new RegisterReply(false, "no majority: 1 of 3 seeds voted — ça n'a pas marché", null),
        new PeerListReply([], true, 0),
        new PeerListReply(Enumerable.Range(1, 500).Select(i => new PeerListEntry(new NodeAddress((uint)i, (ushort)i), i)).ToArray(), false, 100_000),
        new RemovalNotice(new PeerId(C, 4), null),
        new RemovalNotice(new PeerId(A, long.MaxValue), new CommitProof(null, [new SignedVote(A, [1, 2]), new SignedVote(B, [3])])),
        new ReportRejected(B, "unknown peer"),
        new Propose(9, new MembershipOp(MembershipChange.Add, new PeerId(A, 5))),
        new Propose(-9, new MembershipOp(MembershipChange.Remove, new PeerId(B, long.MaxValue))),
        new Vote(9, true, "new peer"),
        new Vote(10, false, "it answered my probe"),
        new Commit(new CommittedOp(A, 3, 17, new MembershipOp(MembershipChange.Add, new PeerId(B, 8))), 2, 3),
        new Propose(11, new MembershipOp(MembershipChange.Add, new PeerId(A, 6)), new NodeKey(Enumerable.Range(0, 65).Select(i => (byte)i).ToArray())),
        new Vote(11, true, "new peer", Enumerable.Range(0, 64).Select(i => (byte)(255 - i)).ToArray()),
        new Commit(new CommittedOp(A, 3, 18, new MembershipOp(MembershipChange.Add, new PeerId(B, 9)),
            new CommitProof(new NodeKey([4, 1, 2]), [new SignedVote(A, [1, 2, 3]), new SignedVote(C, [])])), 2, 3),
        new SyncRequest([]),
        new SyncRequest([new ProposerWatermark(new LogId(A, 1), 10), new ProposerWatermark(new LogId(C, 2), 0)]),
        new SyncReply([], false),
        new SyncReply([new CommittedOp(B, 1, 1, new MembershipOp(MembershipChange.Remove, new PeerId(C, 1))),
                       new CommittedOp(A, 2, 2, new MembershipOp(MembershipChange.Add, new PeerId(B, 2)))], true),
        new SyncReply([new CommittedOp(C, 1, 5, new MembershipOp(MembershipChange.Remove, new PeerId(A, 1)), new CommitProof(null, [new SignedVote(B, [9])]))], false),
        new DegreeRelay([new DegreeReport(B, 77, 12, 5), new DegreeReport(A, 3, 0, long.MaxValue)], []),
        new DegreeRelay([], [new Endorsement(new PeerId(A, 5), B), new Endorsement(new PeerId(C, long.MinValue), A)]),
        new SeedListCheck(0xFEDC_BA98_7654_3210, 3, true),
        new SeedMoved(NodeAddress.Parse("10.0.0.1:5001"), NodeAddress.Parse("10.0.0.9:6001"), 1_764_000_000_000, [0xAB, 0xCD]),
        new ProposeSeedSet(7, new SeedSet(1, [A, B, C], [A, B]), SeedSetChange.Add(C, new NodeKey([4, 9, 9])), [0x0B, 0x0C]),
        new SeedSetVote(7, true, "add 10.0.0.3", 0, [0x51, 0x52]),
        new SeedSetVote(7, false, "promised another set", 3),
        new SeedSetVote(7, false, "promised another set", 0, null, new PromisedSet(new SeedSet(1, [A, B], [A, B, C]), SeedSetChange.Remove(C), [0x0A])),
        new SeedSetStep(new SeedSet(2, [A, C]), SeedSetChange.Replace(B, C), [new SignedVote(A, [1]), new SignedVote(C, [2])]),
        new SeedSetStepRequest(4),
        new SeedSetAbandon(7),
        new LinkRequest(123, MembershipCertificate.None),
        new LinkRequest(123, Certificate),
        new LinkReply(true, 5, Certificate),
        new LinkReply(true, 5, Renewed),
        new LinkReply(false, 0),
        new LinkClose(),
        new Gossip(new MessageId(A, 1), TimeSpan.FromTicks(17_953_240_900_191_234), 1, true, Enumerable.Range(0, 64).Select(i => (byte)i).ToArray(), Certificate),
        new Gossip(new MessageId(C, int.MaxValue), TimeSpan.Zero, 0, false, [], MembershipCertificate.None),
        new Ping(1),
        new Ping(long.MaxValue),
        new Ping(3, long.MaxValue),
        new Pong(1, 99, []),
        new Pong(2, 99, [A, B, C]),
        new Pong(3, 99, [A], Enumerable.Range(0, 64).Select(i => (byte)i).ToArray()),
        new SuspectQuery(B, 4),
        new SuspectQuery(B, 5, long.MinValue),
        new SuspectReply(B, 4, true),
        new SuspectReply(B, 5, true, [9, 8, 7]),
        new SuspectReply(C, -4, false),
        new DialBackChallenge(A, 0x0102030405060708),
        new DialBackAnswer(long.MaxValue),
        new Engine.Plumtree.Ihave(new MessageId(NodeAddress.Parse("10.0.0.7:7001"), 30), long.MaxValue, 12),
        new Engine.Plumtree.Graft(new MessageId(NodeAddress.Parse("10.0.0.7:7001"), 1), 0),
        new Engine.Plumtree.Prune(),
        new UnreadProtocolMessage(7, [1, 2, 3]),
        new Engine.HyParView.NeighbourRequest(Engine.Roles.NeighbourAsk.Join, 3, Certificate),
        new Engine.HyParView.NeighbourRequest(Engine.Roles.NeighbourAsk.Low, long.MaxValue),
    };
}
