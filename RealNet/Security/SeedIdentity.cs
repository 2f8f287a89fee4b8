using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Messages;
using GossipSim.RealNet.Wire;

namespace GossipSim.RealNet.Security;

/// <summary>
/// A real seed's side of <see cref="ISeedIdentity"/>: yes votes signed with the seed's own key,
/// other seeds' votes checked against the keys pinned for them in the seed list, and members'
/// bound keys kept in the <see cref="KeyBook"/> the transport checks connections against.
/// A seed whose line in the seed list has no key cannot be checked: its votes count on the
/// word of its connection, as before identity (the node logs which seeds are unpinned).
/// </summary>
public sealed class SeedIdentity(NodeIdentity own, KeyBook book) : ISeedIdentity
{
    private static readonly byte[] Label = "gossipsim/5 vote"u8.ToArray();

    public byte[] Sign(in MembershipOp op, NodeKey? peerKey) => own.Sign(VoteBytes(op, peerKey));

    public bool Verify(NodeAddress seed, in MembershipOp op, NodeKey? peerKey, ReadOnlySpan<byte> signature) =>
        book.Pinned(seed) is not { } key || NodeIdentity.Verify(key, VoteBytes(op, peerKey), signature);

    public void Bind(NodeAddress peer, NodeKey key) => book.Bind(peer, key);

    public void Unbind(NodeAddress peer) => book.Unbind(peer);

    public NodeKey? BoundKey(NodeAddress peer) => book.Bound(peer);

    /// <summary>What a vote signs: a label, the change, the peer and its incarnation, and the key an add binds.</summary>
    internal static byte[] VoteBytes(in MembershipOp op, NodeKey? peerKey)
    {
        var w = new WireWriter();
        w.Bytes(Label);
        w.U8((byte)op.Change);
        w.Address(op.Peer.Address);
        w.I64(op.Peer.Incarnation);
        w.U8((byte)(peerKey?.Length ?? 0));
        if (peerKey != null) w.Bytes(peerKey.Bytes);
        return w.ToArray();
    }
}
