using GossipSim.Engine.Bytes;
using GossipSim.Engine.Trust;
using System.Text;
using FsCheck;
using FsCheck.NUnit;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Wire;
using GossipSim.TestSupport;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.Wire;

/// <summary>
/// Whatever arrives from the network, the decoder either returns a message or raises its one
/// clean error; nothing else may escape (an escaping exception would take the node down). The
/// same for RealNet's frames around the payloads: RealNet.Tests/Wire/FramingProperties.
/// </summary>
public class CodecProperties
{
    private static readonly MessageKind[] Kinds = Enum.GetValues<MessageKind>();

    [Property(MaxTest = 2000)]
    public bool Decode_OfRandomBytes_GivesAMessageOrAWireFormatException(byte[] bytes) => DecodesCleanly(bytes);

    [Property(MaxTest = 3000)]
    public bool Decode_OfRandomBytesAfterAValidKind_GivesAMessageOrAWireFormatException(byte kindIndex, byte[] rest)
    {
        var payload = new byte[rest.Length + 1];
        payload[0] = (byte)Kinds[kindIndex % Kinds.Length];
        rest.CopyTo(payload, 1);
        return DecodesCleanly(payload);
    }

    [Property(MaxTest = 2000)]
    public bool Decode_OfATruncatedValidPayload_RaisesWireFormatException(NonNegativeInt sample, NonNegativeInt cut)
    {
        var payload = MessageCodec.Encode(MessageSamples.All[sample.Get % MessageSamples.All.Count]);
        var truncated = payload[..(cut.Get % payload.Length)];
        try
        {
            MessageCodec.Decode(truncated);
            return false; // every proper prefix is incomplete: the layout is prefix-free
        }
        catch (WireFormatException)
        {
            return true;
        }
    }

    [Property(MaxTest = 2000)]
    public bool Decode_OfEncode_RoundTripsGeneratedMessages(byte kindIndex, long l1, long l2, int i1, int i2, bool flag, string? text, uint ip, ushort port, byte count)
    {
        var message = Build(Kinds[kindIndex % Kinds.Length], l1, l2, i1, i2, flag, Clean(text), new NodeAddress(ip, port), count);
        var decoded = MessageCodec.Decode(MessageCodec.Encode(message));
        return StructuralEquality.Difference(message, decoded) is null;
    }

    [Test]
    public void Build_CoversEveryKind()
    {
        foreach (var kind in Kinds)
            Assert.That(Build(kind, 1, 2, 3, 4, true, "x", new NodeAddress(1, 2), 3).Kind, Is.EqualTo(kind));
    }

    private static bool DecodesCleanly(byte[] payload)
    {
        try
        {
            MessageCodec.Decode(payload);
        }
        catch (WireFormatException)
        {
        }
        return true;
    }

    /// <summary>Strings that UTF-16 can hold but UTF-8 cannot (lone surrogates) are not messages anyone sends.</summary>
    private static string Clean(string? s)
    {
        if (s == null) return "";
        string back = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s));
        return back == s ? s : "";
    }

    private static SeedSet Set(long version, NodeAddress a, NodeAddress b, bool joint) =>
        new(version & 0x7FFF_FFFF_FFFF_FFFF, [a, b], joint ? [a] : null);

    private static SeedSetChange Change(int count, NodeAddress a, NodeAddress b) => (count % 3) switch
    {
        0 => SeedSetChange.Add(a, count % 2 == 0 ? null : new NodeKey([4, (byte)count])),
        1 => SeedSetChange.Remove(a),
        _ => SeedSetChange.Replace(b, a, new NodeKey([4, 2, 1])),
    };

    private static Message Build(MessageKind kind, long l1, long l2, int i1, int i2, bool flag, string text, NodeAddress a, int count)
    {
        var b = new NodeAddress(a.Ip ^ 0x5A5A5A5A, (ushort)(a.Port + 1));
        var op = new MembershipOp(flag ? MembershipChange.Add : MembershipChange.Remove, new PeerId(a, l1));
        var entries = Enumerable.Range(0, count).Select(i => new PeerListEntry(new NodeAddress(a.Ip + (uint)i, b.Port), i1 + i)).ToArray();
        var ops = Enumerable.Range(0, count % 16).Select(i => new CommittedOp(b, l2, i, op)).ToArray();
        return kind switch
        {
            MessageKind.RegisterRequest => new RegisterRequest(l1),
            MessageKind.PeerListRequest => new PeerListRequest(),
            MessageKind.DegreeUpdate => new DegreeUpdate(l1, i1, l2, count % 2 == 0 ? null : entries.Select(e => e.Address).ToArray()),
            MessageKind.DeadNodeReport => new DeadNodeReport(a, l1, b),
            MessageKind.Goodbye => new Goodbye(l2),
            MessageKind.MembershipCheck => new MembershipCheck(l1),
            MessageKind.MembershipStatus => new MembershipStatus(flag, l2),
            MessageKind.MemberQuery => new MemberQuery(a),
            MessageKind.NotAMember => new NotAMember(b),
            MessageKind.RegisterReply => new RegisterReply(flag, text, count % 2 == 0 ? null : new PeerListReply(entries, !flag, i2)),
            MessageKind.PeerListReply => new PeerListReply(entries, flag, i2),
            MessageKind.RemovalNotice => new RemovalNotice(new PeerId(a, l1), count % 2 == 0 ? null : new CommitProof(null, [new SignedVote(b, [1])])),
            MessageKind.ReportRejected => new ReportRejected(b, text),
            MessageKind.Propose => new Propose(l2, op, null, l1 & 0xFFFF),
            MessageKind.ProposeSeedSet => new ProposeSeedSet(l1, Set(l2, a, b, flag), Change(count, a, b), new byte[count % 70]),
            MessageKind.SeedSetVote => new SeedSetVote(l1, flag, text, l2, flag ? [7, 8] : null,
                count % 3 == 0 ? new PromisedSet(Set(l2, b, a, !flag), Change(count, b, a), new byte[count % 70]) : null),
            MessageKind.SeedSetStep => new SeedSetStep(Set(l1, a, b, flag), Change(count, b, a),
                entries.Take(count % 5).Select(e => new SignedVote(e.Address, [(byte)e.Degree])).ToArray()),
            MessageKind.SeedSetStepRequest => new SeedSetStepRequest(l2),
            MessageKind.SeedSetAbandon => new SeedSetAbandon(l1),
            MessageKind.Vote => new Vote(l1, flag, text),
            MessageKind.Commit => new Commit(new CommittedOp(a, l1, l2, op), i1, i2),
            MessageKind.SyncRequest => new SyncRequest(entries.Select(e => new ProposerWatermark(new LogId(e.Address, l1), e.Degree)).ToArray()),
            MessageKind.SyncReply => new SyncReply(ops, flag),
            MessageKind.DegreeRelay => new DegreeRelay(entries.Select(e => new DegreeReport(e.Address, l1, e.Degree, l2)).ToArray(),
                entries.Take(count % 3).Select(e => new Endorsement(new PeerId(e.Address, l1), b)).ToArray()),
            MessageKind.SeedListCheck => new SeedListCheck((ulong)l1, i1, flag),
            MessageKind.SeedMoved => new SeedMoved(a, b, l1, count % 2 == 0 ? [] : [4, 5]),
            MessageKind.LinkRequest => new LinkRequest(l1),
            MessageKind.LinkReply => new LinkReply(flag, l2),
            MessageKind.LinkClose => new LinkClose(),
            MessageKind.Gossip => new Messages.Gossip(new MessageId(a, i1), TimeSpan.FromTicks(l1 & 0x0FFF_FFFF_FFFF_FFFF), i2, flag, []), // a clock reading: in range
            MessageKind.Ping => new Ping(l1, l2),
            MessageKind.Pong => new Pong(l1, l2, entries.Select(e => e.Address).ToArray(), count % 2 == 0 ? null : [1, 2]),
            MessageKind.SuspectQuery => new SuspectQuery(b, l2, l1),
            MessageKind.SuspectReply => new SuspectReply(a, l1, flag, flag ? [3] : null),
            MessageKind.DialBackChallenge => new DialBackChallenge(a, l1),
            MessageKind.DialBackAnswer => new DialBackAnswer(l2),
            MessageKind.Ihave => new Engine.Plumtree.Ihave(new MessageId(a, i1), l1, i2),
            MessageKind.Graft => new Engine.Plumtree.Graft(new MessageId(b, i2), l2),
            MessageKind.Prune => new Engine.Plumtree.Prune(),
            MessageKind.NeighbourRequest => new Engine.HyParView.NeighbourRequest((Engine.Roles.NeighbourAsk)(count % 4), l1),
            MessageKind.Protocol => new UnreadProtocolMessage((ushort)i1, new byte[count % 40]),
            MessageKind.RefreshReply => new RefreshReply(l1, new CertificateRenewal(a, TimeSpan.FromTicks(l2 & 0x0FFF_FFFF_FFFF_FFFF), new byte[count % 65]),
                entries.Take(count % 4).Select(e => new RemovedMember(new PeerId(e.Address, l1), TimeSpan.FromTicks(l2 & 0x0FFF_FFFF_FFFF_FFFF), null)).ToArray()),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "a kind the generator does not know: add it"),
        };
    }
}
