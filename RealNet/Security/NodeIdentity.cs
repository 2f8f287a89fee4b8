using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Security;

/// <summary>A node key that cannot be loaded, or a public key that does not parse: the message names where and what.</summary>
public sealed class NodeKeyException(string message) : Exception(message);

/// <summary>
/// A node's own key pair: ECDSA on NIST P-256 with SHA-256 (the .NET 10 library has no Ed25519;
/// P-256 comes with OpenSSL on every supported system). The private key lives in a PKCS#8 PEM
/// file of mode 600 (<c>node.key</c> in the node's state directory, or <c>--key FILE</c>),
/// made on first start; the public key is the 65-byte uncompressed point, which hellos, votes
/// and the seed list carry (base64 in files and logs).
/// </summary>
public sealed class NodeIdentity : IDisposable
{
    public const string FileName = "node.key";
    public const int PublicKeyBytes = 65;
    public const int SignatureBytes = 64;

    private readonly ECDsa _key;

    private NodeIdentity(ECDsa key)
    {
        _key = key;
        var q = key.ExportParameters(false).Q;
        PublicKey = new NodeKey([0x04, .. q.X!, .. q.Y!]);
    }

    public NodeKey PublicKey { get; }

    /// <summary>A key that lives as long as this process (tests, and transports given none).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static NodeIdentity Ephemeral() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Loads the key file, or makes it when it does not exist (<paramref name="created"/> says which); a file other users can read
    /// loads with a warning.</summary>
    public static NodeIdentity LoadOrCreate(string path, out bool created, out string? warning)
    {
        warning = null;
        created = !File.Exists(path);
        if (created) return Create(path, replace: false);
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NodeKeyException($"cannot read node key file {path}: {e.Message}");
        }
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new NodeKeyException($"{path}: not an ECDSA private key in PEM form ({e.Message}); move it aside to make a new one, "
                + $"which makes this node a new identity");
        }
        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new NodeKeyException($"{path}: a {key.KeySize}-bit key; a node key is ECDSA P-256");
        }
        warning = SecretFile.OthersCanRead(path, "node key file");
        return new NodeIdentity(key);
    }

    /// <summary>
    /// Makes a new key and writes it to <paramref name="path"/>: a temporary file of mode 600
    /// renamed over it, so a failure leaves an old key in place. Refuses an existing file unless
    /// <paramref name="replace"/>.
    /// </summary>
    public static NodeIdentity Create(string path, bool replace)
    {
        var fresh = Ephemeral();
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
        if (SecretFile.TryWrite(path, fresh._key.ExportPkcs8PrivateKeyPem() + "\n", overwrite: replace) is { } error)
        {
            fresh.Dispose();
            throw new NodeKeyException(error);
        }
        return fresh;
    }

    /// <summary>A P1363 signature (r | s, 64 bytes) over SHA-256 of <paramref name="data"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public byte[] Sign(ReadOnlySpan<byte> data)
        => _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <summary>Whether <paramref name="signature"/> is <paramref name="key"/>'s signature over <paramref name="data"/>; false for anything
    /// malformed.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool Verify(NodeKey key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureBytes || key.Length != PublicKeyBytes) return false;
        return VerifierCache.Shared.Verify(key, data, signature); // each key imported once
    }

    /// <summary>Decodes a public key (65 bytes, base64) and checks that it is a point on P-256; <paramref name="source"/> names where the
    /// text came from.</summary>
    public static NodeKey ParsePublic(string base64, string source)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new NodeKeyException($"{source}: '{base64}' is not a base64 public key: expected the seed's public key, "
                + $"{PublicKeyBytes} bytes in base64 (a node logs its public key at start; 'keygen --node' prints it)");
        }
        return FromBytes(bytes, source);
    }

    /// <summary>A public key from its wire bytes, checked to be a point on P-256.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static NodeKey FromBytes(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.Length != PublicKeyBytes || bytes[0] != 0x04)
            throw new NodeKeyException($"{source}: a public key of {bytes.Length} bytes; a node's public key is {PublicKeyBytes} bytes "
                + $"(expected an uncompressed P-256 point: 'keygen --node' prints one)");
        try
        {
            using var ecdsa = ECDsa.Create(Parameters(bytes));
        }
        catch (CryptographicException)
        {
            throw new NodeKeyException($"{source}: the public key is not a point on the P-256 curve");
        }
        return new NodeKey(bytes);
    }

    internal static ECParameters Parameters(ReadOnlySpan<byte> point) => new()
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = point.Slice(1, 32).ToArray(), Y = point.Slice(33, 32).ToArray() },
    };

    public void Dispose() => _key.Dispose();
}
