using GossipSim.Engine.Bytes;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using GossipSim.Engine.Core;
using GossipSim.Engine.Wire;
using GossipSim.RealNet.Wire;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Security;

/// <summary>
/// How two nodes open a connection: each proves its node key over a challenge the other chose,
/// and with a cluster key each also proves it holds that key. Three frames:
/// <code>
/// 1. connector -> acceptor   hello:  version | keyed | listen address | N_c (32 random bytes)
/// 2. acceptor  -> connector  reply:  N_s (32 random bytes) | PK_s | SIG_s [| MAC_s]
/// 3. connector -> acceptor   finish: PK_c | SIG_c [| MAC_c]
///
/// T     = hello | N_s | acceptor's listen address
/// SIG_s = ECDSA-P256-SHA256(acceptor's key,  "gossipsim/5 acceptor"  | T)
/// SIG_c = ECDSA-P256-SHA256(connector's key, "gossipsim/5 connector" | T)
/// with a cluster key:
/// K_hs, K_c2s, K_s2c = HKDF-SHA256(cluster key, salt = N_c | N_s, info = "gossipsim/1 handshake" | "c2s" | "s2c")
/// MAC_s = HMAC-SHA256(K_hs, "acceptor" | hello | N_s),  MAC_c = HMAC-SHA256(K_hs, "connector" | hello | N_s)
/// </code>
/// Signatures cover the other side's fresh nonce (no replay) and both claimed and dialled addresses (a
/// relay cannot pass as either end); distinct labels keep one side's proof from serving the other. The
/// claimed address is bound to a proven key, checked against <see cref="KeyBook"/>; session keys depend
/// on both nonces, so each connection encrypts under fresh keys.
/// </summary>
public static class Handshake
{
    public const int NonceBytes = 32;
    public const int MacBytes = 32;
    public const int HelloBytes = Hello.PayloadBytes;
    private const int ProofBytes = NodeIdentity.PublicKeyBytes + NodeIdentity.SignatureBytes;

    public static int ReplyBytes(bool keyed) => NonceBytes + ProofBytes + (keyed ? MacBytes : 0);

    public static int FinishBytes(bool keyed) => ProofBytes + (keyed ? MacBytes : 0);

    private static readonly byte[] AcceptorLabel = Encoding.ASCII.GetBytes("acceptor");
    private static readonly byte[] ConnectorLabel = Encoding.ASCII.GetBytes("connector");
    private static readonly byte[] AcceptorSigLabel = Encoding.ASCII.GetBytes("gossipsim/5 acceptor");
    private static readonly byte[] ConnectorSigLabel = Encoding.ASCII.GetBytes("gossipsim/5 connector");

    /// <summary>The connecting side: sends <see cref="HelloFrame"/>, then completes with the acceptor's reply.</summary>
    public sealed class Connector
    {
        private readonly ClusterKey? _key;
        private readonly NodeIdentity _identity;
        private readonly NodeAddress _dialled;
        private readonly byte[] _hello;

        /// <param name="dialled">The address this side connects to: the acceptor's signature must name it.</param>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public Connector(ClusterKey? key, NodeIdentity identity, NodeAddress listen, NodeAddress dialled)
        {
            _key = key;
            _identity = identity;
            _dialled = dialled;
            _hello = new Hello(MessageCodec.Version, key != null, listen).Payload(RandomNumberGenerator.GetBytes(NonceBytes));
            HelloFrame = Framing.Frame(_hello);
        }

        public byte[] HelloFrame { get; }

        /// <summary>The key the acceptor proved, once <see cref="Complete"/> has checked it.</summary>
        public NodeKey? AcceptorKey { get; private set; }

        /// <summary>Checks the acceptor's proofs; gives the session (with a cluster key) and the finish frame to send. A wrong proof is a
        /// <see cref="WireFormatException"/>.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public SecureSession? Complete(ReadOnlySpan<byte> reply, out byte[] finishFrame)
        {
            bool keyed = _key != null;
            if (reply.Length != ReplyBytes(keyed))
                throw new WireFormatException($"handshake reply of {reply.Length} bytes, expected {ReplyBytes(keyed)}" +
                                              (reply.Length == ReplyBytes(!keyed)
                                                  ? (keyed ? " (it runs without the cluster key)" : " (it runs with a cluster key)") : ""));
            var nonceS = reply[..NonceBytes];
            var transcript = Transcript(_hello, nonceS, _dialled);
            AcceptorKey = CheckProof(reply.Slice(NonceBytes, ProofBytes), AcceptorSigLabel, transcript, "its");
            Keys? keys = null;
            if (_key != null)
            {
                keys = Keys.Derive(_key, Hello.Nonce(_hello), nonceS);
                if (!CryptographicOperations.FixedTimeEquals(Mac(keys.Handshake, AcceptorLabel, _hello, nonceS),
                    reply[(NonceBytes + ProofBytes)..]))
                    throw new WireFormatException("the other node does not hold this cluster key (its handshake proof does not match)");
            }
            var finish = new byte[FinishBytes(keyed)];
            Prove(_identity, ConnectorSigLabel, transcript).CopyTo(finish, 0);
            if (keys != null) Mac(keys.Handshake, ConnectorLabel, _hello, nonceS).CopyTo(finish, ProofBytes);
            finishFrame = Framing.Frame(finish);
            return keys == null ? null : new SecureSession(keys.ConnectorToAcceptor, keys.AcceptorToConnector);
        }
    }

    /// <summary>The accepting side: answers a hello with <see cref="ReplyFrame"/>, then checks the connector's finish.</summary>
    public sealed class Acceptor
    {
        private readonly byte[] _hello;
        private readonly byte[] _transcript;
        private readonly Keys? _keys;
        private readonly byte[] _nonceS = RandomNumberGenerator.GetBytes(NonceBytes);

        /// <summary><paramref name="hello"/> is the hello's payload, already decoded by <see cref="Hello.Decode"/>; <paramref name="self"/>
        /// is this node's listen address.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public Acceptor(ClusterKey? key, NodeIdentity identity, NodeAddress self, ReadOnlySpan<byte> hello)
        {
            if (hello.Length != HelloBytes) throw new WireFormatException($"hello of {hello.Length} bytes, expected {HelloBytes}");
            _hello = hello.ToArray();
            _transcript = Transcript(_hello, _nonceS, self);
            var reply = new byte[ReplyBytes(key != null)];
            _nonceS.CopyTo(reply, 0);
            Prove(identity, AcceptorSigLabel, _transcript).CopyTo(reply, NonceBytes);
            if (key != null)
            {
                _keys = Keys.Derive(key, Hello.Nonce(_hello), _nonceS);
                Mac(_keys.Handshake, AcceptorLabel, _hello, _nonceS).CopyTo(reply, NonceBytes + ProofBytes);
            }
            ReplyFrame = Framing.Frame(reply);
        }

        public byte[] ReplyFrame { get; }

        /// <summary>The key the connector proved, once <see cref="Complete"/> has checked it.</summary>
        public NodeKey? ConnectorKey { get; private set; }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public SecureSession? Complete(ReadOnlySpan<byte> finish)
        {
            bool keyed = _keys != null;
            if (finish.Length != FinishBytes(keyed))
                throw new WireFormatException($"handshake finish of {finish.Length} bytes, expected {FinishBytes(keyed)}");
            ConnectorKey = CheckProof(finish[..ProofBytes], ConnectorSigLabel, _transcript, "its");
            if (_keys == null) return null;
            if (!CryptographicOperations.FixedTimeEquals(Mac(_keys.Handshake, ConnectorLabel, _hello, _nonceS), finish[ProofBytes..]))
                throw new WireFormatException("it does not hold the cluster key (its handshake proof does not match)");
            return new SecureSession(_keys.AcceptorToConnector, _keys.ConnectorToAcceptor);
        }
    }

    private static byte[] Transcript(ReadOnlySpan<byte> hello, ReadOnlySpan<byte> nonceS, NodeAddress acceptor)
    {
        var w = new WireWriter();
        w.Bytes(hello);
        w.Bytes(nonceS);
        w.Address(acceptor);
        return w.ToArray();
    }

    /// <summary>Public key | signature over label | transcript.</summary>
    private static byte[] Prove(NodeIdentity identity, byte[] label, byte[] transcript) =>
        [.. identity.PublicKey.Bytes, .. identity.Sign([.. label, .. transcript])];

    private static NodeKey CheckProof(ReadOnlySpan<byte> proof, byte[] label, byte[] transcript, string whose)
    {
        NodeKey key;
        try
        {
            key = NodeIdentity.FromBytes(proof[..NodeIdentity.PublicKeyBytes], "handshake");
        }
        catch (NodeKeyException e)
        {
            throw new WireFormatException(e.Message);
        }
        if (!NodeIdentity.Verify(key, [.. label, .. transcript], proof[NodeIdentity.PublicKeyBytes..]))
            throw new WireFormatException($"{whose} identity proof does not verify (a signature over this connection's challenge "
                + $"by {key.Fingerprint} was expected)");
        return key;
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
            byte[] Derive(string label)
                => HKDF.DeriveKey(HashAlgorithmName.SHA256, key.Secret.ToArray(), 32, salt,
                    Encoding.ASCII.GetBytes("gossipsim/1 " + label));
            return new Keys(Derive("handshake"), Derive("c2s"), Derive("s2c"));
        }
    }
}
