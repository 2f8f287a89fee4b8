using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using GossipSim.Engine.Core;
using GossipSim.RealNet.Wire;

namespace GossipSim.RealNet.Security;

/// <summary>
/// How two holders of the cluster key open a connection. Three frames:
/// <code>
/// 1. connector -> acceptor   hello:  version | listen address | N_c (32 random bytes)
/// 2. acceptor  -> connector  reply:  N_s (32 random bytes) | MAC_s
/// 3. connector -> acceptor   finish: MAC_c
///
/// K_hs, K_c2s, K_s2c = HKDF-SHA256(cluster key, salt = N_c | N_s, info = "gossipsim/1 handshake" | "c2s" | "s2c")
/// MAC_s = HMAC-SHA256(K_hs, "acceptor" | hello | N_s),  MAC_c = HMAC-SHA256(K_hs, "connector" | hello | N_s)
/// </code>
/// Each side proves it holds the key by a MAC over both nonces, which the other side chose
/// fresh, so a recorded handshake cannot be played again; the hello (with the listen address
/// the acceptor will attribute messages to) is covered by both MACs. The session keys depend
/// on both nonces too, so every connection encrypts under keys never used before.
/// </summary>
public static class ClusterHandshake
{
    public const int NonceBytes = 32;
    public const int MacBytes = 32;
    public const int HelloBytes = Hello.PayloadBytes + NonceBytes;
    public const int ReplyBytes = NonceBytes + MacBytes;
    public const int FinishBytes = MacBytes;

    private static readonly byte[] AcceptorLabel = Encoding.ASCII.GetBytes("acceptor");
    private static readonly byte[] ConnectorLabel = Encoding.ASCII.GetBytes("connector");

    /// <summary>The connecting side: sends <see cref="HelloFrame"/>, then completes with the acceptor's reply.</summary>
    public sealed class Connector
    {
        private readonly ClusterKey _key;
        private readonly byte[] _hello;

        [MethodImpl(MethodImplOptions.NoInlining)] // keeps OpenSSL out of nodes without a key (see TcpConnection)
        public Connector(ClusterKey key, NodeAddress listen)
        {
            _key = key;
            _hello = new byte[HelloBytes];
            var plain = new Hello(MessageCodec.Version, listen).EncodeFrame();
            plain.AsSpan(Framing.HeaderBytes).CopyTo(_hello);
            RandomNumberGenerator.Fill(_hello.AsSpan(Hello.PayloadBytes));
            HelloFrame = Framing.Frame(_hello);
        }

        public byte[] HelloFrame { get; }

        /// <summary>Checks the acceptor's proof; gives the session and the finish frame to send. A wrong proof is a <see cref="WireFormatException"/>.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)] // keeps OpenSSL out of nodes without a key (see TcpConnection)
        public SecureSession Complete(ReadOnlySpan<byte> reply, out byte[] finishFrame)
        {
            if (reply.Length != ReplyBytes)
                throw new WireFormatException($"cluster-key handshake reply of {reply.Length} bytes, expected {ReplyBytes}");
            var nonceS = reply[..NonceBytes];
            var keys = Keys.Derive(_key, _hello.AsSpan(Hello.PayloadBytes), nonceS);
            if (!CryptographicOperations.FixedTimeEquals(Mac(keys.Handshake, AcceptorLabel, _hello, nonceS), reply[NonceBytes..]))
                throw new WireFormatException("the other node does not hold this cluster key (its handshake proof does not match)");
            finishFrame = Framing.Frame(Mac(keys.Handshake, ConnectorLabel, _hello, nonceS));
            return new SecureSession(keys.ConnectorToAcceptor, keys.AcceptorToConnector);
        }
    }

    /// <summary>The accepting side: answers a keyed hello with <see cref="ReplyFrame"/>, then checks the connector's finish.</summary>
    public sealed class Acceptor
    {
        private readonly byte[] _hello;
        private readonly Keys _keys;
        private readonly byte[] _nonceS = RandomNumberGenerator.GetBytes(NonceBytes);

        /// <summary><paramref name="hello"/> is the keyed hello's payload, already decoded by <see cref="Hello.DecodeKeyed"/>.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)] // keeps OpenSSL out of nodes without a key (see TcpConnection)
        public Acceptor(ClusterKey key, ReadOnlySpan<byte> hello)
        {
            if (hello.Length != HelloBytes) throw new WireFormatException($"keyed hello of {hello.Length} bytes, expected {HelloBytes}");
            _hello = hello.ToArray();
            _keys = Keys.Derive(key, _hello.AsSpan(Hello.PayloadBytes), _nonceS);
            var reply = new byte[ReplyBytes];
            _nonceS.CopyTo(reply, 0);
            Mac(_keys.Handshake, AcceptorLabel, _hello, _nonceS).CopyTo(reply, NonceBytes);
            ReplyFrame = Framing.Frame(reply);
        }

        public byte[] ReplyFrame { get; }

        [MethodImpl(MethodImplOptions.NoInlining)] // keeps OpenSSL out of nodes without a key (see TcpConnection)
        public SecureSession Complete(ReadOnlySpan<byte> finish)
        {
            if (finish.Length != FinishBytes)
                throw new WireFormatException($"cluster-key handshake finish of {finish.Length} bytes, expected {FinishBytes}");
            if (!CryptographicOperations.FixedTimeEquals(Mac(_keys.Handshake, ConnectorLabel, _hello, _nonceS), finish))
                throw new WireFormatException("it does not hold the cluster key (its handshake proof does not match)");
            return new SecureSession(_keys.AcceptorToConnector, _keys.ConnectorToAcceptor);
        }
    }

    private static byte[] Mac(byte[] key, byte[] label, ReadOnlySpan<byte> hello, ReadOnlySpan<byte> nonceS)
    {
        using var mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        mac.AppendData(label);
        mac.AppendData(hello);
        mac.AppendData(nonceS);
        return mac.GetHashAndReset();
    }

    private sealed record Keys(byte[] Handshake, byte[] ConnectorToAcceptor, byte[] AcceptorToConnector)
    {
        public static Keys Derive(ClusterKey key, ReadOnlySpan<byte> nonceC, ReadOnlySpan<byte> nonceS)
        {
            var salt = new byte[NonceBytes * 2];
            nonceC.CopyTo(salt);
            nonceS.CopyTo(salt.AsSpan(NonceBytes));
            byte[] Derive(string label) => HKDF.DeriveKey(HashAlgorithmName.SHA256, key.Secret.ToArray(), 32, salt, Encoding.ASCII.GetBytes("gossipsim/1 " + label));
            return new Keys(Derive("handshake"), Derive("c2s"), Derive("s2c"));
        }
    }
}
