using GossipSim.Engine.Bytes;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using GossipSim.Engine.Wire;
using GossipSim.RealNet.Wire;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Security;

/// <summary>
/// One connection's encryption after a <see cref="Handshake"/>: AES-256-GCM, a fresh key per direction.
/// A payload becomes <c>counter (8 bytes, big-endian) | ciphertext | tag (16 bytes)</c>, nonce = four zero
/// bytes | counter, the counter rising by one from 0 so no (key, nonce) repeats. The receiver takes only
/// the next counter (older: replay; later: frames cut out) and an authentic tag, else closes the
/// connection. Not thread-safe: one writer seals, one reader opens.
/// </summary>
public sealed class SecureSession : IDisposable
{
    public const int CounterBytes = 8;
    public const int TagBytes = 16;
    public const int Overhead = CounterBytes + TagBytes;

    private readonly AesGcm _send;
    private readonly AesGcm _receive;
    private ulong _nextSend;
    private ulong _nextReceive;

    internal SecureSession(ReadOnlySpan<byte> sendKey, ReadOnlySpan<byte> receiveKey)
    {
        _send = new AesGcm(sendKey, TagBytes);
        _receive = new AesGcm(receiveKey, TagBytes);
    }

    /// <summary>Frames sealed so far (the next counter).</summary>
    public ulong Sent => _nextSend;

    /// <summary>Frames opened so far (the counter expected next).</summary>
    public ulong Received => _nextReceive;

    /// <summary>Encrypts one payload into a whole frame (length header included), using the next counter.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // keeps OpenSSL out of nodes without a key (see TcpConnection)
    public byte[] Seal(ReadOnlySpan<byte> payload)
    {
        // 2^64 frames is beyond any connection's life; refusing is still better than reusing a nonce.
        if (_nextSend == ulong.MaxValue) throw new WireFormatException("frame counter exhausted: the connection must be reopened");
        ulong counter = _nextSend++;
        var frame = new byte[Framing.HeaderBytes + Overhead + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, Overhead + payload.Length);
        var body = frame.AsSpan(Framing.HeaderBytes);
        BinaryPrimitives.WriteUInt64BigEndian(body, counter);
        Span<byte> nonce = stackalloc byte[12];
        Nonce(counter, nonce);
        _send.Encrypt(nonce, payload, body.Slice(CounterBytes, payload.Length), body[^TagBytes..]);
        return frame;
    }

    /// <summary>Checks and decrypts one frame's payload; any failure is a <see cref="WireFormatException"/> naming it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // keeps OpenSSL out of nodes without a key (see TcpConnection)
    public byte[] Open(ReadOnlySpan<byte> sealedPayload)
    {
        if (sealedPayload.Length <= Overhead)
            throw new WireFormatException($"encrypted frame of {sealedPayload.Length} bytes is too short");
        ulong counter = BinaryPrimitives.ReadUInt64BigEndian(sealedPayload);
        if (counter < _nextReceive)
            throw new WireFormatException($"replayed frame: counter {counter} was already received (expected {_nextReceive})");
        if (counter > _nextReceive)
            throw new WireFormatException($"frame counter {counter} skips ahead of {_nextReceive}: frames were removed or injected");
        var plain = new byte[sealedPayload.Length - Overhead];
        Span<byte> nonce = stackalloc byte[12];
        Nonce(counter, nonce);
        try
        {
            _receive.Decrypt(nonce, sealedPayload.Slice(CounterBytes, plain.Length), sealedPayload[^TagBytes..], plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new WireFormatException($"frame {counter} failed authentication: tampered with, or sealed with another key");
        }
        _nextReceive++;
        return plain;
    }

    private static void Nonce(ulong counter, Span<byte> nonce)
    {
        nonce[..4].Clear();
        BinaryPrimitives.WriteUInt64BigEndian(nonce[4..], counter);
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // keeps OpenSSL out of nodes without a key (see TcpConnection)
    public void Dispose()
    {
        _send.Dispose();
        _receive.Dispose();
    }
}
