namespace GossipSim.Engine.Vocabulary;

/// <summary>
/// A node's public key as the runtime proved it (a real node: the bytes of an ECDSA P-256
/// point; the simulator has none). The engine only compares, stores and forwards keys; what
/// the bytes mean and how a proof is checked is the runtime's business (see
/// <see cref="Trust.ISeedIdentity"/>).
/// </summary>
public sealed class NodeKey : IEquatable<NodeKey>
{
    private readonly byte[] _bytes;

    public NodeKey(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) throw new ArgumentException("a key has at least one byte", nameof(bytes));
        _bytes = bytes.ToArray();
    }

    public ReadOnlySpan<byte> Bytes => _bytes;

    public int Length => _bytes.Length;

    /// <summary>A short name for log lines: the first 8 bytes after the point's format byte, in hex.</summary>
    public string Fingerprint => Convert.ToHexStringLower(_bytes, Math.Min(1, _bytes.Length - 1), Math.Min(8, _bytes.Length - 1));

    public string ToBase64() => Convert.ToBase64String(_bytes);

    public bool Equals(NodeKey? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => Equals(obj as NodeKey);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.AddBytes(_bytes);
        return h.ToHashCode();
    }

    public override string ToString() => "key " + Fingerprint;
}
