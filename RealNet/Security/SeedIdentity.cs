using GossipSim.Engine.Bytes;
using GossipSim.Engine.Trust;
using System.Security.Cryptography;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Wire;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Security;

/// <summary>
/// A real seed's <see cref="ISeedIdentity"/>: votes signed with its own key, every seed's vote checked
/// against the key known for it (<see cref="KeyBook.SeedKey"/>; unknown: counts for nothing, so a squatter
/// cannot vote in a seed's name), members' bound keys kept in the <see cref="KeyBook"/>. Every seed checks
/// every commit, so a vote's signed bytes are built once per operation and each key's verifier once
/// (importing costs about a check). Used from the seed's loop only.
/// </summary>
/// <param name="moved">Hears each seed (by name) and the address its signed word moved it to (the transport sends to it there over
/// any connection it holds under either).</param>
/// <param name="added">Hears each seed a step of the seed set brings in, with the key the step pins (the transport takes seeds' messages
/// from it from then on).</param>
/// <param name="operatorKey">The operator's key the seed list pins: a change of the seed set begins only with its approval (null: none
/// pinned, and every change is refused).</param>
public sealed class SeedIdentity(NodeIdentity own, KeyBook book, Action<NodeAddress, NodeAddress>? moved = null,
    Action<NodeAddress, NodeKey>? added = null, NodeKey? operatorKey = null) : ISeedIdentity
{
    /// <summary>Verifiers kept at most: seed lists are far shorter; past it (pins that keep changing) all are let go and made
    /// again.</summary>
    internal const int MaxVerifiers = 64;

    private static readonly byte[] Label = "gossipsim/5 vote"u8.ToArray();

    private readonly Dictionary<NodeKey, ECDsa> _verifiers = new();
    private (MembershipOp Op, NodeKey? PeerKey, long SetVersion, byte[]? Bytes) _lastVote;

    public byte[] Sign(in MembershipOp op, NodeKey? peerKey, long setVersion = 0) => own.Sign(VoteBytesOf(op, peerKey, setVersion));

    public bool Verify(NodeAddress seed, in MembershipOp op, NodeKey? peerKey, ReadOnlySpan<byte> signature, long setVersion = 0)
    {
        if (book.SeedKey(seed) is not { } key) return false;
        return signature.Length == NodeIdentity.SignatureBytes
               && VerifierOf(key) is { } verifier
               && verifier.VerifyData(VoteBytesOf(op, peerKey, setVersion), signature, HashAlgorithmName.SHA256,
               DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    public byte[] SignRenewal(in PeerId member, TimeSpan validUntil) => own.Sign(RenewalBytes(member, validUntil));

    public bool VerifyRenewal(NodeAddress seed, in PeerId member, TimeSpan validUntil, ReadOnlySpan<byte> signature) =>
        book.SeedKey(seed) is { } key && signature.Length == NodeIdentity.SignatureBytes && VerifierOf(key) is { } verifier
        && verifier.VerifyData(RenewalBytes(member, validUntil), signature, HashAlgorithmName.SHA256,
        DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    private static readonly byte[] RenewalLabel = "gossipsim/7 renewal"u8.ToArray();

    /// <summary>What a renewal signs: a label, the member's address and incarnation, and the time it is valid until.</summary>
    internal static byte[] RenewalBytes(in PeerId member, TimeSpan validUntil)
    {
        var w = new WireWriter();
        w.Bytes(RenewalLabel);
        w.Address(member.Address);
        w.I64(member.Incarnation);
        w.Ticks(validUntil);
        return w.ToArray();
    }

    public bool Vouched(NodeAddress seed) => book.IsVouched(seed);

    public NodeKey? KeyOf(NodeAddress seed) => book.SeedKey(seed);

    public void Bind(NodeAddress peer, NodeKey key) => book.Bind(peer, key);

    public bool ProvesKeys => true;

    public byte[] SignAddress(NodeAddress seed, NodeAddress at, long sequence) => own.Sign(AddressBytes(seed, at, sequence));

    public byte[] SignSeedSet(SeedSet proposed, in SeedSetChange change) => own.Sign(SeedSetBytes(proposed, change));

    public bool VerifySeedSet(NodeAddress seed, SeedSet proposed, in SeedSetChange change, ReadOnlySpan<byte> signature) =>
        VerifySeedSetUnder(book, seed, proposed, change, signature);

    public void SeedAdded(NodeAddress seed, NodeKey key) => AddSeed(book, seed, key, added);

    /// <summary>A seed a step brings in: its key pinned, and the transport told.</summary>
    internal static void AddSeed(KeyBook book, NodeAddress seed, NodeKey key, Action<NodeAddress, NodeKey>? added)
    {
        book.Pin(seed, key);
        added?.Invoke(seed, key);
    }

    public bool VerifyOperator(in SeedSetChange change, long fromVersion, ReadOnlySpan<byte> signature) =>
        OperatorApproval.Verify(operatorKey, change, fromVersion, signature);

    public bool VerifyAddress(NodeAddress seed, NodeAddress at, long sequence, ReadOnlySpan<byte> signature) =>
        VerifyAddressUnder(book, seed, at, sequence, signature);

    public void SeedMoved(NodeAddress seed, NodeAddress at) => BindMoved(book, seed, at, moved);

    private static readonly byte[] AddressLabel = "gossipsim/13 seed address"u8.ToArray();

    private static readonly byte[] SeedSetLabel = "gossipsim/14 seed set"u8.ToArray();

    /// <summary>What a yes vote on a seed set signs: a label, the set (version, seeds, seeds leaving) and the change that gives it.</summary>
    internal static byte[] SeedSetBytes(SeedSet proposed, in SeedSetChange change)
    {
        var w = new WireWriter();
        w.Bytes(SeedSetLabel);
        MessageCodec.WriteSeedSet(w, proposed);
        MessageCodec.WriteSeedSetChange(w, change);
        return w.ToArray();
    }

    /// <summary>Under the key this node holds for the seed (pinned, or pinned by the step that brought it in).</summary>
    internal static bool VerifySeedSetUnder(KeyBook book, NodeAddress seed, SeedSet proposed, in SeedSetChange change,
        ReadOnlySpan<byte> signature) =>
        book.SeedKey(seed) is { } key && signature.Length == NodeIdentity.SignatureBytes
        && NodeIdentity.Verify(key, SeedSetBytes(proposed, change), signature);

    /// <summary>What a seed's word on its address signs: a label, its name, where it is and its life (the sequence).</summary>
    internal static byte[] AddressBytes(NodeAddress seed, NodeAddress at, long sequence)
    {
        var w = new WireWriter();
        w.Bytes(AddressLabel);
        w.Address(seed);
        w.Address(at);
        w.I64(sequence);
        return w.ToArray();
    }

    /// <summary>Only under the key the seed list pins for the seed: a key learned on first use, or an address alone, proves nothing.</summary>
    internal static bool VerifyAddressUnder(KeyBook book, NodeAddress seed, NodeAddress at, long sequence, ReadOnlySpan<byte> signature) =>
        book.Pinned(seed) is { } key && signature.Length == NodeIdentity.SignatureBytes
        && NodeIdentity.Verify(key, AddressBytes(seed, at, sequence), signature);

    /// <summary>From now on only the seed's pinned key speaks as its new address.</summary>
    internal static void BindMoved(KeyBook book, NodeAddress seed, NodeAddress at, Action<NodeAddress, NodeAddress>? moved)
    {
        if (at == seed || book.Pinned(seed) is not { } key) return;
        book.Bind(at, key);
        moved?.Invoke(seed, at);
    }

    public void Unbind(NodeAddress peer) => book.Unbind(peer);

    /// <summary>The verifier of a seed's known key, made on its first use; null for a key that is no point of the curve (keys are checked
    /// when parsed or proven, so never in practice).</summary>
    private ECDsa? VerifierOf(NodeKey key)
    {
        if (_verifiers.TryGetValue(key, out var verifier)) return verifier;
        if (_verifiers.Count >= MaxVerifiers)
        {
            foreach (var v in _verifiers.Values) v.Dispose();
            _verifiers.Clear();
        }
        try
        {
            verifier = ECDsa.Create(NodeIdentity.Parameters(key.Bytes));
        }
        catch (CryptographicException)
        {
            return null;
        }
        _verifiers[key] = verifier;
        return verifier;
    }

    private byte[] VoteBytesOf(in MembershipOp op, NodeKey? peerKey, long setVersion)
    {
        if (_lastVote.Bytes is { } kept && _lastVote.Op == op && Equals(_lastVote.PeerKey, peerKey) && _lastVote.SetVersion == setVersion)
            return kept;
        var bytes = VoteBytes(op, peerKey, setVersion);
        _lastVote = (op, peerKey, setVersion, bytes);
        return bytes;
    }

    /// <summary>What a vote signs: a label, the change, the peer and its incarnation, the key an add binds, and the seed set's
    /// version it is cast at when not 0 (so the votes of the seed list every node starts with sign what they always signed, and a
    /// vote of one version cannot be shown as another's).</summary>
    internal static byte[] VoteBytes(in MembershipOp op, NodeKey? peerKey, long setVersion = 0)
    {
        var w = new WireWriter();
        w.Bytes(Label);
        w.U8((byte)op.Change);
        w.Address(op.Peer.Address);
        w.I64(op.Peer.Incarnation);
        w.U8((byte)(peerKey?.Length ?? 0));
        if (peerKey != null) w.Bytes(peerKey.Bytes);
        if (setVersion != 0) w.I64(setVersion);
        return w.ToArray();
    }
}
