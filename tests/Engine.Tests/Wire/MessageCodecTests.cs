using GossipSim.Engine.Bytes;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Wire;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests.Wire;

/// <summary>The payload layout of every message kind; RealNet's framing and hello are tested in RealNet.Tests/Wire.</summary>
public class MessageCodecTests
{
    public static IEnumerable<TestCaseData> Samples() =>
        MessageSamples.All.Select((m, i) => new TestCaseData(m).SetName($"RoundTrip_{i:00}_{m.Kind}"));

    [Test]
    public void Samples_CoverEveryMessageKind()
    {
        var covered = MessageSamples.All.Select(m => m.Kind).ToHashSet();
        var missing = Enum.GetValues<MessageKind>().Where(k => !covered.Contains(k)).ToArray();
        Assert.That(missing, Is.Empty, "message kinds without a codec round-trip sample");
    }

    [TestCaseSource(nameof(Samples))]
    public void Decode_OfEncode_GivesTheSameMessage(Message message)
    {
        byte[] payload = MessageCodec.Encode(message);
        Assert.That(payload[0], Is.EqualTo((byte)message.Kind), "the first payload byte is the MessageKind");
        var decoded = MessageCodec.Decode(payload);
        Assert.That(StructuralEquality.Difference(message, decoded), Is.Null);
        Assert.That(MessageCodec.Encode(decoded), Is.EqualTo(payload), "re-encoding gives the same bytes");
    }

    [Test]
    public void Layout_OfVersion16_IsPinned()
    {
        // Changing these bytes breaks compatibility with running nodes: bump MessageCodec.Version instead.
        Assert.That(MessageCodec.Version, Is.EqualTo(16));
        var s1 = NodeAddress.Parse("10.0.0.1:1");
        var s2 = NodeAddress.Parse("10.0.0.2:2");
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new ProposeSeedSet(5, new SeedSet(1, [s1, s2], [s1]), SeedSetChange.Add(s2, new NodeKey([4, 7])), [0xAB]))),
            Is.EqualTo("1C" + "0000000000000005" + "0000000000000001" + "02" + "0A000001" + "0001" + "0A000002" + "0002" + "01" + "0A000001" + "0001"
                       + "01" + "0A000002" + "0002" + "02" + "0407" + "00000000" + "0000" + "01" + "AB"),
            "kind 28: id, the set (version, seeds, seeds leaving), the change (kind, seed, key, the seed replaced), the operator's approval");
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new SeedSetVote(5, true, "ok", 1, [0xAA]))),
            Is.EqualTo("1D" + "0000000000000005" + "01" + "0002" + "6F6B" + "0000000000000001" + "01" + "AA" + "00"),
            "kind 29: the voter's version, the signature, then whether a set promised follows (version 16)");
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new SeedSetVote(5, false, "no", 0, null,
                new PromisedSet(new SeedSet(1, [s2], [s1]), SeedSetChange.Remove(s1), [0xAB])))),
            Is.EqualTo("1D" + "0000000000000005" + "00" + "0002" + "6E6F" + "0000000000000000" + "00" + "01"
                       + "0000000000000001" + "01" + "0A000002" + "0002" + "01" + "0A000001" + "0001"
                       + "02" + "0A000001" + "0001" + "00" + "00000000" + "0000" + "01" + "AB"),
            "a no naming the set promised at that version: the set, its change, the operator's approval");
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new SeedSetStep(new SeedSet(2, [s1]), SeedSetChange.Remove(s2), [new SignedVote(s1, [0xBB])]))),
            Is.EqualTo("11" + "0000000000000002" + "01" + "0A000001" + "0001" + "00" + "02" + "0A000002" + "0002" + "00" + "00000000" + "0000"
                       + "01" + "0A000001" + "0001" + "01" + "BB"), "kind 17: the set, the change, the votes");
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new SeedSetStepRequest(3))), Is.EqualTo("12" + "0000000000000003"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new SeedSetAbandon(3))), Is.EqualTo("13" + "0000000000000003"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new SeedMoved(NodeAddress.Parse("10.0.0.1:1"), NodeAddress.Parse("10.0.0.9:2"), 3, [0xAC]))),
            Is.EqualTo("1B" + "0A000001" + "0001" + "0A000009" + "0002" + "0000000000000003" + "01" + "AC"), "kind 27: name, address, life, signature");
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new UnreadProtocolMessage(0x0102, [0xAB, 0xCD]))),
            Is.EqualTo("3C" + "01" + "0102" + "00000002" + "ABCD"), "kind 60, the broadcast's slot, the type, the body's length and bytes");
        var overlays = Convert.FromHexString("3C" + "02" + "0102" + "00000001" + "AB");
        var overlayMessage = (ProtocolMessage)MessageCodec.Decode(overlays);
        Assert.That(overlayMessage.Role, Is.EqualTo(RoleSlot.Overlay), "slot 2: an overlay's message");
        Assert.That(MessageCodec.Encode(overlayMessage), Is.EqualTo(overlays), "written back in its slot");
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new Engine.Plumtree.Ihave(new MessageId(NodeAddress.Parse("10.0.0.1:1"), 2), 3, 4))),
            Is.EqualTo("32" + "00000001" + "0A000001" + "0001" + "00000002" + "0000000000000003" + "00000004"), "kind 50: announcements, each message and round");
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new Engine.Plumtree.Graft(new MessageId(NodeAddress.Parse("10.0.0.1:1"), 2), 3))),
            Is.EqualTo("33" + "0A000001" + "0001" + "00000002" + "0000000000000003"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new Engine.Plumtree.Prune())), Is.EqualTo("34"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new Ping(0x0102030405060708))), Is.EqualTo("22" + "0102030405060708" + "0000000000000000"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new Ping(1, 2))), Is.EqualTo("22" + "0000000000000001" + "0000000000000002"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new Pong(1, 2, [NodeAddress.Parse("10.0.0.1:1")], [0xAC]))),
            Is.EqualTo("23" + "0000000000000001" + "0000000000000002" + "00000001" + "0A000001" + "0001" + "01" + "AC"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new SuspectQuery(NodeAddress.Parse("10.0.0.1:1"), 2, 3))),
            Is.EqualTo("24" + "0A000001" + "0001" + "0000000000000002" + "0000000000000003"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new SuspectReply(NodeAddress.Parse("10.0.0.1:1"), 2, true, [0xAC]))),
            Is.EqualTo("25" + "0A000001" + "0001" + "0000000000000002" + "01" + "01" + "AC"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new SuspectReply(NodeAddress.Parse("10.0.0.1:1"), 2, false))),
            Is.EqualTo("25" + "0A000001" + "0001" + "0000000000000002" + "00" + "00"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new RemovalNotice(new PeerId(NodeAddress.Parse("10.0.0.1:1"), 2),
                new CommitProof(null, [new SignedVote(NodeAddress.Parse("10.0.0.3:3"), [0xCC])])))),
            Is.EqualTo("0C" + "0A000001" + "0001" + "0000000000000002" + "01" + "00" + "01" + "0A000003" + "0003" + "01" + "CC"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new RemovalNotice(new PeerId(NodeAddress.Parse("10.0.0.1:1"), 2), null))),
            Is.EqualTo("0C" + "0A000001" + "0001" + "0000000000000002" + "00"));
        var certificate = new MembershipCertificate(7, new CommitProof(new NodeKey([4, 1]), [new SignedVote(NodeAddress.Parse("10.0.0.3:3"), [0xCC])]));
        const string certificateHex = "0000000000000007" + "01" + "02" + "0401" + "01" + "0A000003" + "0003" + "01" + "CC" + "00"; // 00: no renewal
        var renewal = new CertificateRenewal(NodeAddress.Parse("10.0.0.2:2"), TimeSpan.FromTicks(9), [0xDD]);
        const string renewalHex = "0A000002" + "0002" + "0000000000000009" + "01" + "DD";
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new LinkRequest(5, certificate.RenewedBy(renewal)))),
            Is.EqualTo("1E" + "0000000000000005" + certificateHex[..^2] + "01" + renewalHex));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new RefreshReply(5, renewal,
                [new RemovedMember(new PeerId(NodeAddress.Parse("10.0.0.1:1"), 2), TimeSpan.FromTicks(3), new CommitProof(null, [new SignedVote(NodeAddress.Parse("10.0.0.3:3"), [0xCC])]))]))),
            Is.EqualTo("10" + "0000000000000005" + renewalHex + "00000001" + "0A000001" + "0001" + "0000000000000002" + "0000000000000003" + "01" + "00" + "01" + "0A000003" + "0003" + "01" + "CC" + "00000000" + "0000000000000000"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new RefreshReply(5, renewal, [], [new SeedKey(NodeAddress.Parse("10.0.0.3:3"), new NodeKey([4, 1]))]))),
            Is.EqualTo("10" + "0000000000000005" + renewalHex + "00000000" + "00000001" + "0A000003" + "0003" + "02" + "0401" + "0000000000000000"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new Messages.Gossip(new MessageId(NodeAddress.Parse("127.0.0.1:5001"), 2), TimeSpan.FromTicks(3), 4, true, [0xAB], certificate))),
            Is.EqualTo("21" + "7F000001" + "1389" + "00000002" + "0000000000000003" + "00000004" + "01" + "01" + "AB" + certificateHex));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new LinkRequest(5, certificate))), Is.EqualTo("1E" + "0000000000000005" + certificateHex));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new Engine.HyParView.NeighbourRequest(Engine.Roles.NeighbourAsk.High, 5, certificate))),
            Is.EqualTo("35" + "02" + "0000000000000005" + certificateHex));
        // HyParView's walks are its overlay's own messages (kind 60, slot 2, types 1-3), as a user's overlay would write them.
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new Engine.HyParView.ForwardJoin(NodeAddress.Parse("10.0.0.1:1"), 6))),
            Is.EqualTo("3C" + "02" + "0001" + "0000000A" + "0A000001" + "0001" + "00000006"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new Engine.HyParView.Shuffle(NodeAddress.Parse("10.0.0.1:1"), 6, [NodeAddress.Parse("10.0.0.2:2")]))),
            Is.EqualTo("3C" + "02" + "0002" + "00000014" + "0A000001" + "0001" + "00000006" + "00000001" + "0A000002" + "0002"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new Engine.HyParView.ShuffleReply([]))), Is.EqualTo("3C" + "02" + "0003" + "00000004" + "00000000"));
        foreach (string retired in new[] { "36", "37", "38" })
            Assert.Throws<WireFormatException>(() => MessageCodec.Decode(Convert.FromHexString(retired + "0A000001" + "0001" + "00000006")),
                $"kind {retired} is retired (version 11's HyParView walks)");
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new LinkReply(false, 5))), Is.EqualTo("1F" + "00" + "0000000000000005" + "0000000000000000" + "00" + "00"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new ReportRejected(NodeAddress.Parse("10.0.0.1:1"), "é"))),
            Is.EqualTo("0D" + "0A000001" + "0001" + "0002" + "C3A9"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new MembershipCheck(5))), Is.EqualTo("06" + "0000000000000005"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new MembershipStatus(false, 258))), Is.EqualTo("0E" + "00" + "0000000000000102"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new MemberQuery(NodeAddress.Parse("10.0.0.1:1")))), Is.EqualTo("07" + "0A000001" + "0001"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new NotAMember(NodeAddress.Parse("10.0.0.1:1")))), Is.EqualTo("0F" + "0A000001" + "0001"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new DialBackChallenge(NodeAddress.Parse("10.0.0.1:1"), 2))), Is.EqualTo("28" + "0A000001" + "0001" + "0000000000000002"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new DialBackAnswer(2))), Is.EqualTo("29" + "0000000000000002"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new DegreeUpdate(3, 2, 1, [NodeAddress.Parse("10.0.0.1:1")]))),
            Is.EqualTo("03" + "0000000000000003" + "00000002" + "0000000000000001" + "00000001" + "0A000001" + "0001" + "00"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new DegreeUpdate(3, 2, 1, Refresh: true))), Is.EqualTo("03" + "0000000000000003" + "00000002" + "0000000000000001" + "00000000" + "01"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new DegreeRelay([], [new Endorsement(new PeerId(NodeAddress.Parse("10.0.0.1:1"), 4), NodeAddress.Parse("10.0.0.2:2"))]))),
            Is.EqualTo("19" + "00000000" + "00000001" + "0A000001" + "0001" + "0000000000000004" + "0A000002" + "0002"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new Vote(9, true, "ok", [0xAA, 0xBB]))),
            Is.EqualTo("15" + "0000000000000009" + "01" + "0002" + "6F6B" + "02" + "AABB"));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new Propose(1, new MembershipOp(MembershipChange.Add, new PeerId(NodeAddress.Parse("10.0.0.1:1"), 2)), new NodeKey([4, 1])))),
            Is.EqualTo("14" + "0000000000000001" + "01" + "0A000001" + "0001" + "0000000000000002" + "02" + "0401" + "0000000000000000"),
            "the proposer's seed-set version last");
        var proof = new CommitProof(null, [new SignedVote(NodeAddress.Parse("10.0.0.3:3"), [0xCC])]);
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new Commit(new CommittedOp(NodeAddress.Parse("10.0.0.2:2"), 3, 4,
                new MembershipOp(MembershipChange.Remove, new PeerId(NodeAddress.Parse("10.0.0.1:1"), 2)), proof), 1, 3))),
            Is.EqualTo("16" + "0A000002" + "0002" + "0000000000000003" + "0000000000000004" + "02" + "0A000001" + "0001" + "0000000000000002"
                       + "01" + "00" + "01" + "0A000003" + "0003" + "01" + "CC" + "00000001" + "00000003"));
        // Issue 56, 2: a proof counted at a later version of the seed set: flag 2, then the version; flag 1 (the starting list) as before.
        var atVersion = new Commit(new CommittedOp(NodeAddress.Parse("10.0.0.2:2"), 3, 4,
            new MembershipOp(MembershipChange.Remove, new PeerId(NodeAddress.Parse("10.0.0.1:1"), 2)),
            new CommitProof(null, [new SignedVote(NodeAddress.Parse("10.0.0.3:3"), [0xCC])], 5)), 1, 3);
        Assert.That(Convert.ToHexString(MessageCodec.Encode(atVersion)),
            Is.EqualTo("16" + "0A000002" + "0002" + "0000000000000003" + "0000000000000004" + "02" + "0A000001" + "0001" + "0000000000000002"
                       + "02" + "0000000000000005" + "00" + "01" + "0A000003" + "0003" + "01" + "CC" + "00000001" + "00000003"));
        Assert.That(((Commit)MessageCodec.Decode(MessageCodec.Encode(atVersion))).Committed.Proof!.SetVersion, Is.EqualTo(5));
        Assert.That(Convert.ToHexString(MessageCodec.Encode(new RegisterReply(false, "", null, 3, SetVersion: 6))),
            Is.EqualTo("0A" + "00" + "0000" + "00" + "00000003" + "0000000000000000" + "00" + "00" + "00000000" + "0000000000000006"), "the seed's seed-set version last");
    }

    [TestCase("", "truncated")]
    [TestCase("00", "unknown message kind 0")]
    [TestCase("FF", "unknown message kind 255")]
    [TestCase("2200000000000000", "truncated")]
    [TestCase("22000000000000000100000000000000", "truncated")]
    [TestCase("22" + "0000000000000001" + "0000000000000000" + "FF", "unexpected bytes after the message")]
    [TestCase("1F02" + "0000000000000000", "bad boolean byte 2")]
    [TestCase("16" + "0A0000020002" + "0000000000000003" + "0000000000000004" + "02" + "0A0000010001" + "0000000000000002" + "03",
        "bad proof flag 3")]
    [TestCase("16" + "0A0000020002" + "0000000000000003" + "0000000000000004" + "02" + "0A0000010001" + "0000000000000002" + "02"
        + "0000000000000000", "a proof at seed-set version 0")]
    [TestCase("14" + "0000000000000001" + "03" + "7F000001" + "1389" + "0000000000000001", "unknown membership change 3")]
    [TestCase("23" + "0000000000000001" + "0000000000000001" + "7FFFFFFF", "does not fit")]
    [TestCase("0D" + "0A000001" + "0001" + "0002" + "C328", "not valid UTF-8")]
    [TestCase("21" + "7F0000011389" + "00000001" + "8000000000000000" + "00000001" + "01", "gossip timestamp -9223372036854775808 ticks is out of range")]
    [TestCase("21" + "7F0000011389" + "00000001" + "FFFFFFFFFFFFFFFF" + "00000001" + "01", "out of range")]
    [TestCase("21" + "7F0000011389" + "00000001" + "7FFFFFFFFFFFFFFF" + "00000001" + "01", "out of range")]
    [TestCase("10" + "0000000000000005" + "0A0000020002" + "8000000000000000" + "00" + "00000000", "renewal timestamp -9223372036854775808 ticks is out of range")]
    [TestCase("10" + "0000000000000005" + "0A0000020002" + "0000000000000001" + "00" + "00000001" + "0A0000010001" + "0000000000000002" + "FFFFFFFFFFFFFFFF" + "00", "removal timestamp")]
    public void Decode_OfBadPayload_RaisesWireFormatException(string hex, string expected)
    {
        var e = Assert.Throws<WireFormatException>(() => MessageCodec.Decode(Convert.FromHexString(hex)));
        Assert.That(e!.Message, Does.Contain(expected));
    }

    [Test]
    public void Pong_WithMoreAddressesThanTheCap_IsRefused()
    {
        var pong = new Pong(1, 1, Enumerable.Range(0, MessageCodec.MaxPongSample + 1).Select(i => new NodeAddress(1, (ushort)i)).ToArray());
        var e = Assert.Throws<WireFormatException>(() => MessageCodec.Decode(MessageCodec.Encode(pong)));
        Assert.That(e!.Message, Does.Contain($"{MessageCodec.MaxPongSample + 1} addresses where at most {MessageCodec.MaxPongSample} are allowed"));
    }

    [Test]
    public void DegreeUpdate_NamingMoreLinksThanTheCap_IsRefused()
    {
        var named = new DegreeUpdate(1, 1, 1, Enumerable.Range(0, MessageCodec.MaxLinksNamed + 1).Select(i => new NodeAddress(1, (ushort)i)).ToArray());
        var e = Assert.Throws<WireFormatException>(() => MessageCodec.Decode(MessageCodec.Encode(named)));
        Assert.That(e!.Message, Does.Contain($"at most {MessageCodec.MaxLinksNamed} are allowed"));
    }

    [TestCase(0)]
    [TestCase(Engine.Plumtree.Ihave.MaxAnnouncements + 1)]
    public void Ihave_OfNoAnnouncement_OrMoreThanTheCap_IsRefused(int count)
    {
        var ihave = new Engine.Plumtree.Ihave(Enumerable.Range(0, count)
            .Select(i => new Engine.Plumtree.Announcement(new MessageId(new NodeAddress(1, (ushort)i), 1), 1, 1)).ToArray());
        var e = Assert.Throws<WireFormatException>(() => MessageCodec.Decode(MessageCodec.Encode(ihave)));
        Assert.That(e!.Message, Does.Contain($"an IHAVE of {count} announcements, where 1 to {Engine.Plumtree.Ihave.MaxAnnouncements} are allowed"));
    }

    [Test]
    public void Ihave_OfTheMostAnnouncements_ComesBackTheSame_InOrder()
    {
        var ihave = new Engine.Plumtree.Ihave(Enumerable.Range(0, Engine.Plumtree.Ihave.MaxAnnouncements)
            .Select(i => new Engine.Plumtree.Announcement(new MessageId(new NodeAddress(1, (ushort)i), i + 1), i, 30 - i % 30)).ToArray());
        var back = (Engine.Plumtree.Ihave)MessageCodec.Decode(MessageCodec.Encode(ihave));
        Assert.That(back.Announcements, Is.EqualTo(ihave.Announcements));
        Assert.That(back, Is.EqualTo(ihave), "equal by content");
    }
}
