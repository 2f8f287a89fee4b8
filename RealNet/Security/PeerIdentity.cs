using GossipSim.Engine.Bytes;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Wire;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Security;

/// <summary>
/// A real peer's <see cref="IPeerIdentity"/>: its gossip signed with its node key, an origin's checked with
/// the key its certificate binds; seeds' votes checked against pinned or learned keys (<see cref="KeyBook.SeedKey"/>)
/// or the key the seed last proved here (<see cref="SeedProved"/>). An unknown seed is taken on its word: the
/// peer heard from a majority at registration, so every majority of votes holds one it checks. Neighbours'
/// bound keys go into the <see cref="KeyBook"/>. Used from the node's loop only.
/// </summary>
/// <param name="moved">Hears each seed (by name) and the address its signed word moved it to (see <see cref="SeedIdentity"/>).</param>
/// <param name="added">Hears each seed a step of the seed set brings in (see <see cref="SeedIdentity"/>).</param>
public sealed class PeerIdentity(NodeIdentity own, KeyBook book, Action<NodeAddress, NodeAddress>? moved = null,
    Action<NodeAddress, NodeKey>? added = null) : IPeerIdentity
{
    /// <summary>Bindings remembered at most: far more than the origins a peer hears from at once; beyond, the memory starts over.</summary>
    public const int KnownBindingsCap = 4096;

    private static readonly byte[] Label = "gossipsim/6 gossip"u8.ToArray();
    private readonly Dictionary<PeerId, NodeKey> _known = new();
    private readonly Dictionary<PeerId, CertificateRenewal> _renewals = new();
    private readonly Dictionary<NodeAddress, NodeKey> _seedsHeard = new(); // at most the seed list: only seeds' replies teach it

    public byte[] Sign(in MembershipOp op, NodeKey? peerKey, long setVersion = 0) =>
        own.Sign(SeedIdentity.VoteBytes(op, peerKey, setVersion));

    public bool Verify(NodeAddress seed, in MembershipOp op, NodeKey? peerKey, ReadOnlySpan<byte> signature, long setVersion = 0) =>
        (book.SeedKey(seed) ?? _seedsHeard.GetValueOrDefault(seed)) is not { } key
            || NodeIdentity.Verify(key, SeedIdentity.VoteBytes(op, peerKey, setVersion), signature);

    public byte[] SignRenewal(in PeerId member, TimeSpan validUntil) => own.Sign(SeedIdentity.RenewalBytes(member, validUntil));

    /// <summary>
    /// A seed's renewal, checked as its votes are (a seed whose key this peer does not know is
    /// taken on its word, as for votes); the last renewal that verified for each member is
    /// remembered, so a busy origin's gossip costs one check per renewal, not per message.
    /// </summary>
    public bool VerifyRenewal(NodeAddress seed, in PeerId member, TimeSpan validUntil, ReadOnlySpan<byte> signature)
    {
        if (_renewals.TryGetValue(member, out var known) && known.Seed == seed && known.ValidUntil == validUntil
            && signature.SequenceEqual(known.Signature)) return true;
        if ((book.SeedKey(seed) ?? _seedsHeard.GetValueOrDefault(seed)) is { } key
            && !NodeIdentity.Verify(key, SeedIdentity.RenewalBytes(member, validUntil), signature)) return false;
        if (_renewals.Count >= KnownBindingsCap) _renewals.Clear();
        _renewals[member] = new CertificateRenewal(seed, validUntil, signature.ToArray());
        return true;
    }

    public void SeedProved(NodeAddress seed, NodeKey key)
    {
        if (book.Pinned(seed) == null) _seedsHeard[seed] = key;
    }

    public bool Vouched(NodeAddress seed) => book.IsVouched(seed);

    public void SeedsVouch(NodeAddress seed, NodeKey key, SeedKey[] vouched) => book.Vouch(seed, key, vouched);

    public void Bind(NodeAddress peer, NodeKey key) => book.Bind(peer, key);

    public bool ProvesKeys => true;

    public byte[] SignAddress(NodeAddress seed, NodeAddress at, long sequence) => own.Sign(SeedIdentity.AddressBytes(seed, at, sequence));

    public byte[] SignSeedSet(SeedSet proposed, in SeedSetChange change) => own.Sign(SeedIdentity.SeedSetBytes(proposed, change));

    public bool VerifySeedSet(NodeAddress seed, SeedSet proposed, in SeedSetChange change, ReadOnlySpan<byte> signature) =>
        SeedIdentity.VerifySeedSetUnder(book, seed, proposed, change, signature);

    public void SeedAdded(NodeAddress seed, NodeKey key) => SeedIdentity.AddSeed(book, seed, key, added);

    // A peer never judges a change (the seeds vote on it; a peer takes a step by the seeds' signed votes).
    public bool VerifyOperator(in SeedSetChange change, long fromVersion, ReadOnlySpan<byte> signature) => false;

    public bool VerifyAddress(NodeAddress seed, NodeAddress at, long sequence, ReadOnlySpan<byte> signature) =>
        SeedIdentity.VerifyAddressUnder(book, seed, at, sequence, signature);

    public void SeedMoved(NodeAddress seed, NodeAddress at) => SeedIdentity.BindMoved(book, seed, at, moved);

    public void Unbind(NodeAddress peer) => book.Unbind(peer);

    private static readonly byte[] AckLabel = "gossipsim/10 ack"u8.ToArray();

    public long NewChallenge(long queryId) => (BitConverter.ToInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)) & long.MaxValue) | 1;

    public byte[] SignAck(NodeAddress self, long challenge) => own.Sign(AckBytes(self, challenge));

    public bool VerifyAck(NodeAddress suspect, long challenge, ReadOnlySpan<byte> ack) =>
        book.Bound(suspect) is { } key && NodeIdentity.Verify(key, AckBytes(suspect, challenge), ack);

    /// <summary>What a suspect signs for a witness probe: a label, its address and the asker's challenge.</summary>
    internal static byte[] AckBytes(NodeAddress suspect, long challenge)
    {
        var w = new WireWriter();
        w.Bytes(AckLabel);
        w.Address(suspect);
        w.I64(challenge);
        return w.ToArray();
    }

    public byte[] SignGossip(MessageId id, TimeSpan createdAt) => own.Sign(GossipBytes(id, createdAt));

    public bool VerifyGossip(NodeKey? origin, MessageId id, TimeSpan createdAt, ReadOnlySpan<byte> signature) =>
        origin != null && NodeIdentity.Verify(origin, GossipBytes(id, createdAt), signature);

    public bool Knows(PeerId member, NodeKey? key) => key != null && _known.TryGetValue(member, out var known) && known.Equals(key);

    public void Learn(PeerId member, NodeKey? key)
    {
        if (key == null) return;
        if (_known.Count >= KnownBindingsCap) _known.Clear();
        _known[member] = key;
    }

    /// <summary>What an origin signs: a label, its address, the message number and the creation time (what R9's text is made of).</summary>
    internal static byte[] GossipBytes(MessageId id, TimeSpan createdAt)
    {
        var w = new WireWriter();
        w.Bytes(Label);
        w.Address(id.Origin);
        w.I32(id.Number);
        w.Ticks(createdAt);
        return w.ToArray();
    }
}
