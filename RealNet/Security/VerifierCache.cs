using System.Security.Cryptography;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Security;

/// <summary>
/// The public keys a node checks signatures with, each imported once. Importing a P-256 point into OpenSSL (the curve check and
/// the key object) costs several times the verification itself: a node that imported the origin's key for every gossip message
/// spent about 1 ms of CPU on each first receipt before it could forward it, the larger part of a hop on loopback
/// (docs/performance.md, section 5). Bounded: past its capacity the cache starts over, as <see cref="PeerIdentity"/>'s
/// bindings do. A key that is not a point on the curve is not kept. Thread-safe: the node's loop and the transport's handshakes
/// check signatures, one at a time (an <see cref="ECDsa"/> object is not documented as safe to share across threads).
/// </summary>
internal sealed class VerifierCache(int capacity)
{
    /// <summary>Keys kept at most by the process's cache: far more than the origins and seeds a node hears from at once.</summary>
    public const int DefaultCapacity = 4096;

    /// <summary>The process's cache (<see cref="NodeIdentity.Verify"/>).</summary>
    public static readonly VerifierCache Shared = new(DefaultCapacity);

    private readonly object _gate = new();
    private readonly Dictionary<NodeKey, ECDsa> _keys = new();

    /// <summary>Whether <paramref name="signature"/> (P1363, 64 bytes) is <paramref name="key"/>'s over SHA-256 of <paramref name="data"/>;
    /// false for a key that is not a point on P-256.</summary>
    public bool Verify(NodeKey key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        lock (_gate)
        {
            if (!_keys.TryGetValue(key, out var ecdsa))
            {
                try
                {
                    ecdsa = ECDsa.Create(NodeIdentity.Parameters(key.Bytes));
                }
                catch (CryptographicException)
                {
                    return false; // not a point on the curve
                }
                if (_keys.Count >= capacity) Clear();
                _keys[key] = ecdsa;
            }
            return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }

    /// <summary>Keys held now (tests).</summary>
    internal int Count
    {
        get { lock (_gate) return _keys.Count; }
    }

    private void Clear()
    {
        foreach (var k in _keys.Values) k.Dispose();
        _keys.Clear();
    }
}
