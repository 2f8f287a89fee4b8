using GossipSim.Engine.Bytes;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Wire;

/// <summary>
/// The binary form of every Engine message, version <see cref="Version"/>: the one codec of
/// messages. RealNet frames it on TCP (its Wire/Framing) and stores committed operations with it
/// (its Storage/CommitLogFormat); the simulator's ranks carry it over MPI (Simulator/Ranks/WindowMail). A payload is the
/// <see cref="MessageKind"/> byte followed by the message's fields in declaration order,
/// big-endian; addresses are 4 bytes of IPv4 and 2 of port; strings are a 16-bit UTF-8 byte
/// count and the bytes; arrays a 32-bit count and the elements. Decoding is strict: unknown
/// kinds, bad booleans or enum bytes, counts that cannot fit and trailing bytes are all errors.
/// </summary>
public static class MessageCodec
{
    /// <summary>Carried as the first byte of every connection's hello. Bump it on any change of layout.</summary>
    // 2: degree relays carry a batch of reports; 3: membership check and status; 4: MemberQuery, NotAMember, SeedListCheck; 5: signed
    // hellos, keys and signed votes, commits with their proof, dial-back and endorsements, a registration answer's seed count; 6: a degree
    // update names the links made, a degree relay carries the endorsements (kinds 42 and 43 gone); membership certificates (registration
    // answers, link requests and replies), gossip signed by its origin with the origin's certificate; 7: certificates carry a seed's signed
    // renewal, a degree update says whether it is a refresh, a refresh reply (kind 16) renews and lists recent removals with their proofs;
    // 8: Plumtree's IHAVE, GRAFT and PRUNE (kinds 50-52)
    // 9: HyParView's NEIGHBOR (and JOIN), FORWARDJOIN, SHUFFLE and its reply (kinds 53-56)
    // 10: a removal notice names the incarnation and carries the removal's proof; a ping may carry a challenge, a pong its signed
    // ack, a suspicion query its challenge and a reply the suspect's ack; registration and refresh answers carry the seed keys the
    // answering seed knows
    // 11: a role's own messages (kind 60: its slot, type and a body of at most ProtocolMessage.MaxBodyBytes)
    // 12: HyParView's FORWARDJOIN, SHUFFLE and its reply are its overlay's own messages (kind 60), kinds 54-56 retired
    // 13: a seed's signed address (kind 27): seeds known by key, whatever address they come back at; a proof's flag 2 (a proof
    //     counted at a later version of the seed set, the version after the flag) is read, and none is sent until the seed set
    //     changes by vote (issue 56, 2), which will bump this
    // 14: the seed set by vote (issue 56, 2): kinds 17-19, 28 and 29; a proposal names the proposer's seed-set version (after
    //     its key)
    // 15: an IHAVE carries 1 to 256 announcements (Plumtree's dispatch of its lazy queue)
    // 16: a seed-set vote (kind 29) ends with a flag and, set, the set promised at that version (set, change, approval)
    public const byte Version = 16;

    /// <summary>Addresses a pong may carry: far above any neighbour sample a node sends, so only a forged pong meets it.</summary>
    public const int MaxPongSample = 1024;

    private const int AddressBytes = NodeAddress.WireBytes;
    private const int PeerIdBytes = AddressBytes + 8;
    public const int MembershipOpBytes = 1 + PeerIdBytes;
    /// <summary>The smallest committed operation: no proof (its flag byte only).</summary>
    public const int CommittedOpBytes = AddressBytes + 8 + 8 + MembershipOpBytes + 1;
    /// <summary>A commit log record written before version 5: the operation alone, without even the proof's flag.</summary>
    public const int UnprovenCommittedOpBytes = CommittedOpBytes - 1;
    /// <summary>The largest: a seed-set version, a 255-byte key and 255 votes of a 255-byte signature each.</summary>
    public const int MaxCommittedOpBytes = CommittedOpBytes + 8 + 1 + 255 + 1 + 255 * (AddressBytes + 1 + 255);
    private const int WatermarkBytes = AddressBytes + 8 + 8;
    private const int PeerListEntryBytes = AddressBytes + 4;
    private const int DegreeReportBytes = AddressBytes + 8 + 4 + 8;
    private const int EndorsementBytes = PeerIdBytes + AddressBytes;

    /// <summary>Links a <see cref="DegreeUpdate"/> may name: far above the links one report follows, so only a forged one meets
    /// it.</summary>
    public const int MaxLinksNamed = 1024;

    /// <summary>One message's payload (kind byte and fields): what a frame carries, without RealNet's length prefix.</summary>
    public static byte[] Encode(Message message)
    {
        var w = new WireWriter();
        Write(w, message);
        return w.ToArray();
    }

    /// <summary>Decodes one payload. Any malformed input raises <see cref="WireFormatException"/> and nothing else.</summary>
    public static Message Decode(ReadOnlySpan<byte> payload)
    {
        var r = new WireReader(payload);
        byte kindByte = r.U8();
        Message m = (MessageKind)kindByte switch
        {
            MessageKind.RegisterRequest => new RegisterRequest(r.I64()),
            MessageKind.PeerListRequest => new PeerListRequest(),
            MessageKind.DegreeUpdate => new DegreeUpdate(r.I64(), r.I32(), r.I64(),
                r.Addresses(MaxLinksNamed) is { Length: > 0 } linked ? linked : null, r.Bool()),
            MessageKind.DeadNodeReport => new DeadNodeReport(r.Address(), r.I64(), r.Address()),
            MessageKind.Goodbye => new Goodbye(r.I64()),
            MessageKind.MembershipCheck => new MembershipCheck(r.I64()),
            MessageKind.MembershipStatus => new MembershipStatus(r.Bool(), r.I64()),
            MessageKind.MemberQuery => new MemberQuery(r.Address()),
            MessageKind.NotAMember => new NotAMember(r.Address()),
            MessageKind.RefreshReply => ReadRefreshReply(ref r),
            MessageKind.RegisterReply => ReadRegisterReply(ref r),
            MessageKind.PeerListReply => ReadPeerList(ref r),
            MessageKind.RemovalNotice => new RemovalNotice(new PeerId(r.Address(), r.I64()), ReadProof(ref r)),
            MessageKind.ReportRejected => new ReportRejected(r.Address(), r.String()),
            MessageKind.Propose => new Propose(r.I64(), ReadOp(ref r), ReadKey(ref r), r.I64()),
            MessageKind.ProposeSeedSet => new ProposeSeedSet(r.I64(), ReadSeedSet(ref r), ReadSeedSetChange(ref r), ReadBlob(ref r)),
            MessageKind.SeedSetVote => new SeedSetVote(r.I64(), r.Bool(), r.String(), r.I64(),
                ReadBlob(ref r) is { Length: > 0 } setSig ? setSig : null,
                r.Bool() ? new PromisedSet(ReadSeedSet(ref r), ReadSeedSetChange(ref r), ReadBlob(ref r)) : null),
            MessageKind.SeedSetStep => new SeedSetStep(ReadSeedSet(ref r), ReadSeedSetChange(ref r), ReadVotes(ref r)),
            MessageKind.SeedSetStepRequest => new SeedSetStepRequest(r.I64()),
            MessageKind.SeedSetAbandon => new SeedSetAbandon(r.I64()),
            MessageKind.Vote => new Vote(r.I64(), r.Bool(), r.String(), ReadBlob(ref r) is { Length: > 0 } sig ? sig : null),
            MessageKind.Commit => new Commit(ReadCommitted(ref r), r.I32(), r.I32()),
            MessageKind.SyncRequest => ReadSyncRequest(ref r),
            MessageKind.SyncReply => ReadSyncReply(ref r),
            MessageKind.DegreeRelay => ReadDegreeRelay(ref r),
            MessageKind.SeedListCheck => new SeedListCheck((ulong)r.I64(), r.I32(), r.Bool()),
            MessageKind.SeedMoved => new SeedMoved(r.Address(), r.Address(), r.I64(), ReadBlob(ref r)),
            MessageKind.LinkRequest => new LinkRequest(r.I64(), ReadCertificate(ref r)),
            MessageKind.LinkReply => new LinkReply(r.Bool(), r.I64(), ReadCertificate(ref r)),
            MessageKind.LinkClose => new LinkClose(),
            MessageKind.Gossip => new Messages.Gossip(new MessageId(r.Address(), r.I32()), ReadTime(ref r, "gossip"), r.I32(), r.Bool(),
                ReadBlob(ref r), ReadCertificate(ref r)),
            MessageKind.Ping => new Ping(r.I64(), r.I64()),
            MessageKind.Pong => new Pong(r.I64(), r.I64(), r.Addresses(MaxPongSample), ReadAck(ref r)),
            MessageKind.SuspectQuery => new SuspectQuery(r.Address(), r.I64(), r.I64()),
            MessageKind.SuspectReply => new SuspectReply(r.Address(), r.I64(), r.Bool(), ReadAck(ref r)),
            MessageKind.DialBackChallenge => new DialBackChallenge(r.Address(), r.I64()),
            MessageKind.DialBackAnswer => new DialBackAnswer(r.I64()),
            MessageKind.Ihave => ReadIhave(ref r),
            MessageKind.Graft => new Plumtree.Graft(new MessageId(r.Address(), r.I32()), r.I64()),
            MessageKind.Prune => new Plumtree.Prune(),
            MessageKind.NeighbourRequest => new HyParView.NeighbourRequest(ReadAsk(ref r), r.I64(), ReadCertificate(ref r)),
            MessageKind.Protocol => ReadProtocolMessage(ref r),
            _ => throw new WireFormatException($"unknown message kind {kindByte}"),
        };
        r.End();
        return m;
    }

    /// <summary>Appends one payload (kind byte and fields) to <paramref name="w"/>: how a transport builds a frame around it
    /// without a second copy (RealNet's Framing).</summary>
    public static void Write(WireWriter w, Message message)
    {
        w.U8((byte)message.Kind);
        switch (message)
        {
            case RegisterRequest m: w.I64(m.Incarnation); break;
            case PeerListRequest: break;
            case DegreeUpdate m: w.I64(m.Incarnation); w.I32(m.Degree); w.I64(m.Report); w.Addresses(m.Linked
                ?? []); w.Bool(m.Refresh); break;
            case DeadNodeReport m: w.Address(m.Dead); w.I64(m.Timestamp); w.Address(m.Reporter); break;
            case Goodbye m: w.I64(m.Incarnation); break;
            case MembershipCheck m: w.I64(m.Incarnation); break;
            case MembershipStatus m: w.Bool(m.Listed); w.I64(m.CommitPosition); break;
            case MemberQuery m: w.Address(m.Peer); break;
            case NotAMember m: w.Address(m.Peer); break;
            case RefreshReply m:
                w.I64(m.Incarnation);
                WriteRenewal(w, m.Renewal);
                w.Count(m.Removals.Length);
                foreach (var removed in m.Removals)
                {
                    w.Address(removed.Member.Address);
                    w.I64(removed.Member.Incarnation);
                    w.Ticks(removed.ForgetAt);
                    WriteProof(w, removed.Proof);
                }
                WriteSeedKeys(w, m.SeedKeys);
                w.I64(m.SetVersion);
                break;
            case RegisterReply m:
                w.Bool(m.Accepted);
                w.String(m.Reason);
                w.Bool(m.PeerList != null);
                if (m.PeerList != null) WritePeerListBody(w, m.PeerList);
                w.I32(m.SeedCount);
                WriteCertificate(w, m.Certificate);
                WriteSeedKeys(w, m.SeedKeys);
                w.I64(m.SetVersion);
                break;
            case PeerListReply m: WritePeerListBody(w, m); break;
            case RemovalNotice m: w.Address(m.Removed.Address); w.I64(m.Removed.Incarnation); WriteProof(w, m.Proof); break;
            case ReportRejected m: w.Address(m.Dead); w.String(m.Reason); break;
            case Propose m: w.I64(m.ProposalId); WriteOp(w, m.Op); WriteKey(w, m.PeerKey); w.I64(m.SetVersion); break;
            case ProposeSeedSet m: w.I64(m.ProposalId); WriteSeedSet(w, m.Proposed); WriteSeedSetChange(w, m.Change); WriteBlob(w, m.Approval); break;
            case SeedSetVote m:
                w.I64(m.ProposalId); w.Bool(m.Yes); w.String(m.Reason); w.I64(m.VoterVersion); WriteBlob(w, m.Signature ?? []);
                w.Bool(m.Promised != null);
                if (m.Promised is { } promised) { WriteSeedSet(w, promised.Set); WriteSeedSetChange(w, promised.Change); WriteBlob(w, promised.Approval); }
                break;
            case SeedSetStep m: WriteSeedSet(w, m.Set); WriteSeedSetChange(w, m.Change); WriteVotes(w, m.Votes); break;
            case SeedSetStepRequest m: w.I64(m.Known); break;
            case SeedSetAbandon m: w.I64(m.ProposalId); break;
            case Vote m: w.I64(m.ProposalId); w.Bool(m.Yes); w.String(m.Reason); WriteBlob(w, m.Signature ?? []); break;
            case Commit m: WriteCommitted(w, m.Committed); w.I32(m.VotesFor); w.I32(m.SeedCount); break;
            case SyncRequest m:
                w.Count(m.Watermarks.Length);
                foreach (var wm in m.Watermarks)
                {
                    w.Address(wm.Log.Proposer);
                    w.I64(wm.Log.Epoch);
                    w.I64(wm.Contiguous);
                }
                w.I64(m.SetVersion);
                break;
            case SyncReply m:
                w.Count(m.Ops.Length);
                foreach (var op in m.Ops) WriteCommitted(w, op);
                w.Bool(m.More);
                break;
            case DegreeRelay m:
                w.Count(m.Reports.Length);
                foreach (var d in m.Reports) { w.Address(d.Peer); w.I64(d.Incarnation); w.I32(d.Degree); w.I64(d.Report); }
                w.Count(m.Endorsements.Length);
                foreach (var e in m.Endorsements) { w.Address(e.Endorser.Address); w.I64(e.Endorser.Incarnation); w.Address(e.Target); }
                break;
            case SeedListCheck m: w.I64((long)m.Digest); w.I32(m.SeedCount); w.Bool(m.IsAnswer); break;
            case SeedMoved m: w.Address(m.Seed); w.Address(m.At); w.I64(m.Sequence); WriteBlob(w, m.Signature); break;
            case LinkRequest m: w.I64(m.Incarnation); WriteCertificate(w, m.Certificate); break;
            case LinkReply m: w.Bool(m.Accepted); w.I64(m.Incarnation); WriteCertificate(w, m.Certificate); break;
            case LinkClose: break;
            case Messages.Gossip m:
                w.Address(m.Id.Origin);
                w.I32(m.Id.Number);
                w.Ticks(m.CreatedAt);
                w.I32(m.Hops);
                w.Bool(m.TextHasPort);
                WriteBlob(w, m.Signature ?? []);
                WriteCertificate(w, m.OriginCertificate);
                break;
            case Ping m: w.I64(m.Nonce); w.I64(m.Challenge); break;
            case Pong m:
                w.I64(m.Nonce);
                w.I64(m.Incarnation);
                w.Count(m.NeighbourSample.Count);
                foreach (var a in m.NeighbourSample.AsSpan()) w.Address(a);
                WriteBlob(w, m.Ack ?? []);
                break;
            case SuspectQuery m: w.Address(m.Suspect); w.I64(m.QueryId); w.I64(m.Challenge); break;
            case SuspectReply m: w.Address(m.Suspect); w.I64(m.QueryId); w.Bool(m.Reachable); WriteBlob(w, m.Ack ?? []); break;
            case DialBackChallenge m: w.Address(m.Seed); w.I64(m.Nonce); break;
            case DialBackAnswer m: w.I64(m.Nonce); break;
            case Plumtree.Ihave m:
                w.Count(m.Announcements.Length);
                foreach (var a in m.Announcements) { w.Address(a.Id.Origin); w.I32(a.Id.Number); w.I64(a.Incarnation); w.I32(a.Hops); }
                break;
            case Plumtree.Graft m: w.Address(m.Id.Origin); w.I32(m.Id.Number); w.I64(m.Incarnation); break;
            case Plumtree.Prune: break;
            case HyParView.NeighbourRequest m: w.U8((byte)m.Ask); w.I64(m.Incarnation); WriteCertificate(w, m.Certificate); break;
            case ProtocolMessage m: WriteProtocolMessage(w, m); break;
            default:
                // A message type added to Engine without a wire form is a programming error, not bad input.
                throw new ArgumentException($"no wire encoding for {message.GetType().Name} ({message.Kind})");
        }
    }

    /// <summary>A role's own message: its slot, type, and its body (as the role writes it) behind a 32-bit length.</summary>
    private static void WriteProtocolMessage(WireWriter w, ProtocolMessage m)
    {
        w.U8((byte)m.Role);
        w.U16(m.Type);
        int lengthAt = w.Length;
        w.U32(0);
        m.Write(w);
        int body = w.Length - lengthAt - 4;
        // A role that writes more is a programming error of the role, named as such, not bad input.
        if (body > ProtocolMessage.MaxBodyBytes)
            throw new ArgumentException($"a {m.Role} message of type {m.Type} ({m.GetType().Name}) wrote {body} bytes, more than the "
                + $"{ProtocolMessage.MaxBodyBytes} a protocol message may carry");
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(w.Buffer.AsSpan(lengthAt, 4), (uint)body);
    }

    private static UnreadProtocolMessage ReadProtocolMessage(ref WireReader r)
    {
        byte slot = r.U8();
        if (!Enum.IsDefined((RoleSlot)slot)) throw new WireFormatException($"unknown role slot {slot}");
        ushort type = r.U16();
        uint length = r.U32();
        if (length > ProtocolMessage.MaxBodyBytes || length > r.Remaining)
            throw new WireFormatException($"a protocol message's body of {length} bytes (at most {ProtocolMessage.MaxBodyBytes}, and "
                + $"{r.Remaining} are left)");
        return new UnreadProtocolMessage(type, r.Bytes((int)length).ToArray()) { Role = (RoleSlot)slot };
    }

    private const int AnnouncementBytes = AddressBytes + 4 + 8 + 4;

    private static Plumtree.Ihave ReadIhave(ref WireReader r)
    {
        int count = r.Count(AnnouncementBytes);
        if (count is 0 or > Plumtree.Ihave.MaxAnnouncements)
            throw new WireFormatException($"an IHAVE of {count} announcements, where 1 to {Plumtree.Ihave.MaxAnnouncements} are allowed");
        var announcements = new Plumtree.Announcement[count];
        for (int i = 0; i < count; i++)
            announcements[i] = new Plumtree.Announcement(new MessageId(r.Address(), r.I32()), r.I64(), r.I32());
        return new Plumtree.Ihave(announcements);
    }

    private static void WritePeerListBody(WireWriter w, PeerListReply m)
    {
        w.Count(m.Entries.Length);
        foreach (var e in m.Entries)
        {
            w.Address(e.Address);
            w.I32(e.Degree);
        }
        w.Bool(m.Complete);
        w.I32(m.TotalPeers);
    }

    private static PeerListReply ReadPeerList(ref WireReader r)
    {
        var entries = new PeerListEntry[r.Count(PeerListEntryBytes)];
        for (int i = 0; i < entries.Length; i++) entries[i] = new PeerListEntry(r.Address(), r.I32());
        return new PeerListReply(entries, r.Bool(), r.I32());
    }

    private static RegisterReply ReadRegisterReply(ref WireReader r)
    {
        bool accepted = r.Bool();
        string reason = r.String();
        var list = r.Bool() ? ReadPeerList(ref r) : null;
        return new RegisterReply(accepted, reason, list, r.I32(), ReadCertificate(ref r), ReadSeedKeys(ref r), r.I64());
    }

    /// <summary>Seed keys a seed vouches for: far above any seed list, so only a forged answer meets it.</summary>
    public const int MaxSeedKeys = 255;

    /// <summary>Seed keys vouched for: a count, then each seed's address and key (none: a count of 0, read back as null).</summary>
    private static void WriteSeedKeys(WireWriter w, SeedKey[]? keys)
    {
        keys ??= [];
        w.Count(keys.Length);
        foreach (var k in keys)
        {
            w.Address(k.Seed);
            WriteKey(w, k.Key);
        }
    }

    private static SeedKey[]? ReadSeedKeys(ref WireReader r)
    {
        int count = r.Count(AddressBytes + 1);
        if (count > MaxSeedKeys) throw new WireFormatException($"{count} seed keys where at most {MaxSeedKeys} are allowed");
        if (count == 0) return null;
        var keys = new SeedKey[count];
        for (int i = 0; i < count; i++)
            keys[i] = new SeedKey(r.Address(), ReadKey(ref r) ?? throw new WireFormatException("a vouched seed key that is empty"));
        return keys;
    }

    /// <summary>A signed ack (a pong's, a witness's reply's): empty on the wire for none.</summary>
    private static byte[]? ReadAck(ref WireReader r) => ReadBlob(ref r) is { Length: > 0 } ack ? ack : null;

    /// <summary>A membership operation's wire form: inside a committed operation, and each entry of a seed's commit snapshot
    /// (RealNet/Storage/CommitSnapshot).</summary>
    public static void WriteOp(WireWriter w, MembershipOp op)
    {
        w.U8((byte)op.Change);
        w.Address(op.Peer.Address);
        w.I64(op.Peer.Incarnation);
    }

    public static MembershipOp ReadOp(ref WireReader r)
    {
        byte change = r.U8();
        if (change != (byte)MembershipChange.Add && change != (byte)MembershipChange.Remove)
            throw new WireFormatException($"unknown membership change {change}");
        return new MembershipOp((MembershipChange)change, new PeerId(r.Address(), r.I64()));
    }

    /// <summary>
    /// A committed operation's wire form, also a record of a seed's commit log file (RealNet/Storage/CommitLogFormat):
    /// the operation, then its proof (a flag; the key an add binds; the signed votes).
    /// </summary>
    public static void WriteCommitted(WireWriter w, CommittedOp c)
    {
        w.Address(c.Proposer);
        w.I64(c.Epoch);
        w.I64(c.Sequence);
        WriteOp(w, c.Op);
        WriteProof(w, c.Proof);
    }

    /// <summary>A proof: a flag; then the key an add binds and the signed votes.</summary>
    /// <summary>A proof's flag: none; counted at the seed list every node starts with (what every proof was before seed sets
    /// changed, so stored logs read back unchanged); or at a later version of the seed set, which follows the flag.</summary>
    private const byte NoProof = 0, ProofAtStart = 1, ProofAtVersion = 2;

    private static void WriteProof(WireWriter w, CommitProof? proof)
    {
        w.U8(proof == null ? NoProof : proof.SetVersion == 0 ? ProofAtStart : ProofAtVersion);
        if (proof == null) return;
        if (proof.SetVersion != 0) w.I64(proof.SetVersion);
        WriteKey(w, proof.PeerKey);
        WriteVotes(w, proof.Votes);
    }

    /// <summary>Signed votes: a count byte (at most 255), then each seed's address and signature.</summary>
    private static void WriteVotes(WireWriter w, SignedVote[] votes)
    {
        if (votes.Length > 255) throw new WireFormatException($"a proof of {votes.Length} votes (at most 255)");
        w.U8((byte)votes.Length);
        foreach (var v in votes)
        {
            w.Address(v.Seed);
            WriteBlob(w, v.Signature);
        }
    }

    private static SignedVote[] ReadVotes(ref WireReader r)
    {
        var votes = new SignedVote[r.U8()];
        for (int i = 0; i < votes.Length; i++) votes[i] = new SignedVote(r.Address(), ReadBlob(ref r));
        return votes;
    }

    /// <summary>A seed set: its version; its seeds (a count byte, then the addresses); while joint, the seeds leaving (likewise;
    /// a count 0 when stable).</summary>
    public static void WriteSeedSet(WireWriter w, SeedSet set)
    {
        w.I64(set.Version);
        WriteSeedAddresses(w, set.Seeds);
        WriteSeedAddresses(w, set.Leaving);
    }

    private static void WriteSeedAddresses(WireWriter w, NodeAddress[] seeds)
    {
        if (seeds.Length > 255) throw new WireFormatException($"a seed set of {seeds.Length} seeds (at most 255)");
        w.U8((byte)seeds.Length);
        foreach (var s in seeds) w.Address(s);
    }

    public static SeedSet ReadSeedSet(ref WireReader r)
    {
        long version = r.I64();
        if (version < 0) throw new WireFormatException($"seed-set version {version} (at least 0)");
        var seeds = ReadSeedAddresses(ref r);
        var leaving = ReadSeedAddresses(ref r);
        if (seeds.Length == 0) throw new WireFormatException("a seed set of no seeds");
        return new SeedSet(version, seeds, leaving);
    }

    private static NodeAddress[] ReadSeedAddresses(ref WireReader r)
    {
        var seeds = new NodeAddress[r.U8()];
        for (int i = 0; i < seeds.Length; i++) seeds[i] = r.Address();
        return seeds;
    }

    /// <summary>A seed-set change: its kind, the seed it adds (or removes), the key it pins (0 bytes: none), the seed it replaces.</summary>
    public static void WriteSeedSetChange(WireWriter w, SeedSetChange c)
    {
        w.U8((byte)c.Kind);
        w.Address(c.Seed);
        WriteKey(w, c.Key);
        w.Address(c.Replaced);
    }

    public static SeedSetChange ReadSeedSetChange(ref WireReader r)
    {
        byte kind = r.U8();
        if (kind is < (byte)SeedSetChangeKind.Add or > (byte)SeedSetChangeKind.Replace)
            throw new WireFormatException($"unknown seed-set change {kind}");
        return new SeedSetChange((SeedSetChangeKind)kind, r.Address(), ReadKey(ref r), r.Address());
    }

    private static CommitProof? ReadProof(ref WireReader r)
    {
        long setVersion;
        switch (r.U8())
        {
            case NoProof: return null;
            case ProofAtStart: setVersion = 0; break;
            case ProofAtVersion:
                setVersion = r.I64();
                if (setVersion <= 0) throw new WireFormatException($"a proof at seed-set version {setVersion} (a later one is positive)");
                break;
            case var flag: throw new WireFormatException($"bad proof flag {flag}");
        }
        var key = ReadKey(ref r);
        return new CommitProof(key, ReadVotes(ref r), setVersion);
    }

    /// <summary>A membership certificate: the incarnation its add admitted, then that add's proof (a flag 0: none).</summary>
    private static void WriteCertificate(WireWriter w, in MembershipCertificate c)
    {
        w.I64(c.Incarnation);
        WriteProof(w, c.Proof);
        w.Bool(c.Renewal != null);
        if (c.Renewal != null) WriteRenewal(w, c.Renewal);
    }

    private static MembershipCertificate ReadCertificate(ref WireReader r) =>
        new(r.I64(), ReadProof(ref r), r.Bool() ? ReadRenewal(ref r) : null);

    /// <summary>A renewal: the seed's address, the time it is valid until (its clock), its signature.</summary>
    private static void WriteRenewal(WireWriter w, CertificateRenewal renewal)
    {
        w.Address(renewal.Seed);
        w.Ticks(renewal.ValidUntil);
        WriteBlob(w, renewal.Signature);
    }

    private static CertificateRenewal ReadRenewal(ref WireReader r) => new(r.Address(), ReadTime(ref r, "renewal"), ReadBlob(ref r));

    /// <summary>Removals a refresh reply may carry: far above what a seed sends (<see cref="RecentRemovals.Max"/>), so only a forged one
    /// meets it.</summary>
    public const int MaxRemovals = 1024;

    private const int RemovedMemberBytes = PeerIdBytes + 8 + 1;

    private static RefreshReply ReadRefreshReply(ref WireReader r)
    {
        long incarnation = r.I64();
        var renewal = ReadRenewal(ref r);
        int count = r.Count(RemovedMemberBytes);
        if (count > MaxRemovals) throw new WireFormatException($"{count} removals where at most {MaxRemovals} are allowed");
        var removals = new RemovedMember[count];
        for (int i = 0; i < count; i++)
            removals[i] = new RemovedMember(new PeerId(r.Address(), r.I64()), ReadTime(ref r, "removal"), ReadProof(ref r));
        return new RefreshReply(incarnation, renewal, removals, ReadSeedKeys(ref r), r.I64());
    }

    /// <param name="proofFollows">False for a commit log record written before version 5, which ends after the operation.</param>
    public static CommittedOp ReadCommitted(ref WireReader r, bool proofFollows = true)
    {
        var (proposer, epoch, sequence, op) = (r.Address(), r.I64(), r.I64(), ReadOp(ref r));
        return new CommittedOp(proposer, epoch, sequence, op, proofFollows ? ReadProof(ref r) : null);
    }

    /// <summary>A key or a signature: a length byte (0..255) and the bytes. Their meaning is checked where they are used (see
    /// ISeedIdentity), not here.</summary>
    public static void WriteBlob(WireWriter w, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 255) throw new WireFormatException($"a key or signature of {bytes.Length} bytes (at most 255)");
        w.U8((byte)bytes.Length);
        w.Bytes(bytes);
    }

    public static byte[] ReadBlob(ref WireReader r)
    {
        int length = r.U8();
        return r.Bytes(length).ToArray();
    }

    private static void WriteKey(WireWriter w, NodeKey? key) => WriteBlob(w, key != null ? key.Bytes : []);

    private static NodeKey? ReadKey(ref WireReader r) => ReadBlob(ref r) is { Length: > 0 } bytes ? new NodeKey(bytes) : null;

    private static SyncRequest ReadSyncRequest(ref WireReader r)
    {
        var marks = new ProposerWatermark[r.Count(WatermarkBytes)];
        for (int i = 0; i < marks.Length; i++) marks[i] = new ProposerWatermark(new LogId(r.Address(), r.I64()), r.I64());
        return new SyncRequest(marks, r.I64());
    }

    private static SyncReply ReadSyncReply(ref WireReader r)
    {
        var ops = new CommittedOp[r.Count(CommittedOpBytes)];
        for (int i = 0; i < ops.Length; i++) ops[i] = ReadCommitted(ref r);
        return new SyncReply(ops, r.Bool());
    }

    private static DegreeRelay ReadDegreeRelay(ref WireReader r)
    {
        var reports = new DegreeReport[r.Count(DegreeReportBytes)];
        for (int i = 0; i < reports.Length; i++) reports[i] = new DegreeReport(r.Address(), r.I64(), r.I32(), r.I64());
        var endorsements = new Endorsement[r.Count(EndorsementBytes)];
        for (int i = 0; i < endorsements.Length; i++) endorsements[i] = new Endorsement(new PeerId(r.Address(), r.I64()), r.Address());
        return new DegreeRelay(reports, endorsements);
    }


    private static Roles.NeighbourAsk ReadAsk(ref WireReader r)
    {
        byte ask = r.U8();
        return ask <= (byte)Roles.NeighbourAsk.Low ? (Roles.NeighbourAsk)ask
            : throw new WireFormatException($"unknown neighbour request priority {ask}");
    }


    /// <summary>
    /// A clock reading (a gossip creation time, a renewal's or a removal's end): the sender's
    /// clock, time since the Unix epoch. Anything before the epoch or past the year 9999 is no
    /// clock reading (and would overflow time arithmetic).
    /// </summary>
    private static TimeSpan ReadTime(ref WireReader r, string what)
    {
        long ticks = r.I64();
        if (ticks < 0 || ticks > MaxCreatedTicks) throw new WireFormatException($"{what} timestamp {ticks} ticks is out of range");
        return TimeSpan.FromTicks(ticks);
    }

    private static readonly long MaxCreatedTicks = (DateTime.MaxValue - DateTime.UnixEpoch).Ticks;
}
