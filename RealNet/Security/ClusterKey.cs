using System.Security.Cryptography;

namespace GossipSim.RealNet.Security;

/// <summary>A cluster key that cannot be loaded: the message names the file or variable and says what is wrong.</summary>
public sealed class ClusterKeyException(string message) : Exception(message);

/// <summary>
/// The optional shared secret of a cluster (<c>--cluster-key</c>): 32 random bytes, stored as one
/// line of base64. Every node of a cluster loads the same key; a connection is admitted only once
/// both ends have proved they hold it, and its traffic is then encrypted and authenticated
/// (<see cref="Handshake"/>, <see cref="SecureSession"/>).
/// </summary>
public sealed class ClusterKey
{
    public const int Bytes = 32;
    public const string EnvironmentPrefix = "env:";

    private readonly byte[] _secret;

    private ClusterKey(byte[] secret) => _secret = secret;

    internal ReadOnlySpan<byte> Secret => _secret;

    /// <summary>
    /// A short, safe-to-log name of the key (the first 8 bytes of a hash of it), so operators can
    /// check that two nodes loaded the same key without ever printing the key.
    /// </summary>
    public string Fingerprint
    {
        get
        {
            Span<byte> hash = stackalloc byte[32];
            HMACSHA256.HashData("gossipsim cluster key fingerprint"u8, _secret, hash);
            return Convert.ToHexStringLower(hash[..8]);
        }
    }

    public static ClusterKey Generate() => new(RandomNumberGenerator.GetBytes(Bytes));

    public string ToBase64() => Convert.ToBase64String(_secret);

    /// <summary>Decodes a base64 key; <paramref name="source"/> names where the text came from, for the error.</summary>
    public static ClusterKey FromBase64(string text, string source)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new ClusterKeyException($"{source}: not a base64-encoded key (make one with 'keygen --out FILE')");
        }
        if (bytes.Length != Bytes)
            throw new ClusterKeyException($"{source}: the key is {bytes.Length} bytes; a cluster key is {Bytes} bytes (make "
                + $"one with 'keygen --out FILE')");
        return new ClusterKey(bytes);
    }

    /// <summary>
    /// Loads <c>--cluster-key</c>'s value: <c>env:NAME</c> reads base64 from the environment
    /// variable NAME, anything else is the path of a key file. A key file that other users can
    /// read still loads, with a <paramref name="warning"/> to say so.
    /// </summary>
    public static ClusterKey Load(string spec, out string? warning)
    {
        warning = null;
        if (spec.StartsWith(EnvironmentPrefix, StringComparison.Ordinal))
        {
            string name = spec[EnvironmentPrefix.Length..];
            if (name.Length == 0) throw new ClusterKeyException($"--cluster-key {spec}: name the environment variable after 'env:'");
            string? value = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrWhiteSpace(value))
                throw new ClusterKeyException($"--cluster-key {spec}: the environment variable {name} is not set");
            return FromBase64(value, $"environment variable {name}");
        }
        string text;
        try
        {
            text = File.ReadAllText(spec);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ClusterKeyException($"--cluster-key: key file {spec} not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClusterKeyException($"--cluster-key: cannot read key file {spec}: {e.Message}");
        }
        var key = FromBase64(text, spec);
        warning = SecretFile.OthersCanRead(spec, "cluster key file");
        return key;
    }

    /// <summary>Writes a fresh key to <paramref name="path"/>, readable by its owner only. Refuses to replace a file unless told
    /// to.</summary>
    public static ClusterKey WriteNew(string path, bool overwrite)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ClusterKeyException("--out: give the key file's name");
        if (!overwrite && File.Exists(path))
            throw new ClusterKeyException($"{path} already exists; pass --force to replace it (every node then needs the new key)");
        var key = Generate();
        if (SecretFile.TryWrite(path, key.ToBase64() + "\n", overwrite) is { } error) throw new ClusterKeyException(error);
        return key;
    }
}
