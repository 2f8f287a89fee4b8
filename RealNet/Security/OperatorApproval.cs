using GossipSim.Engine.Bytes;
using GossipSim.Engine.Vocabulary;
using GossipSim.Engine.Wire;

namespace GossipSim.RealNet.Security;

/// <summary>
/// The operator's approval of a change of the seed set (issue 56, 2): a signature, by the key the seed list pins on its
/// "operator KEY" line, over the change and the version of the set in force it starts from. Bound to that version, an approval
/// cannot be replayed once the set has moved on (the same change later needs a new one); a seed list without the line gives no
/// seed a key to check, and every change is refused.
/// </summary>
public static class OperatorApproval
{
    private static readonly byte[] Label = "gossipsim/14 operator approval"u8.ToArray();

    /// <summary>What the operator signs: a label, the version the change starts from, and the change.</summary>
    internal static byte[] BytesOf(in SeedSetChange change, long fromVersion)
    {
        var w = new WireWriter();
        w.Bytes(Label);
        w.I64(fromVersion);
        MessageCodec.WriteSeedSetChange(w, change);
        return w.ToArray();
    }

    /// <summary>The operator's signature of the change at the set's version <paramref name="fromVersion"/>.</summary>
    public static byte[] Sign(NodeIdentity operatorKey, in SeedSetChange change, long fromVersion) =>
        operatorKey.Sign(BytesOf(change, fromVersion));

    /// <summary>Whether <paramref name="signature"/> is the pinned operator's over the change at that version; false with no key pinned.</summary>
    public static bool Verify(NodeKey? operatorKey, in SeedSetChange change, long fromVersion, ReadOnlySpan<byte> signature) =>
        operatorKey is { } key && NodeIdentity.Verify(key, BytesOf(change, fromVersion), signature);
}
