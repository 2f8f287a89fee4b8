using GossipSim.Engine.Bytes;
using FsCheck;
using FsCheck.NUnit;
using GossipSim.Engine.Wire;
using GossipSim.RealNet.Wire;
using GossipSim.TestSupport;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Wire;

/// <summary>
/// Whatever a stream holds, reading frames from it either gives payloads or raises the wire's
/// one clean error (the payloads' decoding: Engine.Tests/Wire/CodecProperties).
/// </summary>
public class FramingProperties
{
    [Property(MaxTest = 1000)]
    public bool ReadFrame_OfATruncatedValidFrame_EndsCleanlyOnlyAtZeroBytes(NonNegativeInt sample, NonNegativeInt cut)
    {
        var frame = Framing.EncodeFrame(MessageSamples.All[sample.Get % MessageSamples.All.Count], Framing.DefaultMaxFrameBytes);
        int length = cut.Get % frame.Length;
        using var stream = new MemoryStream(frame, 0, length);
        try
        {
            var payload = Framing.ReadFrameAsync(stream, Framing.DefaultMaxFrameBytes, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            return length == 0 && payload == null;
        }
        catch (WireFormatException)
        {
            return length > 0;
        }
    }

    [Property(MaxTest = 1000)]
    public bool ReadFrames_OfARandomStream_RaiseOnlyWireFormatException(byte[] bytes, bool smallCap)
    {
        int cap = smallCap ? 64 : Framing.DefaultMaxFrameBytes;
        using var stream = new MemoryStream(bytes);
        try
        {
            while (Framing.ReadFrameAsync(stream, cap, CancellationToken.None).AsTask().GetAwaiter().GetResult() is { } payload)
            {
                try { MessageCodec.Decode(payload); }
                catch (WireFormatException) { } // a bad payload is refused alone: the next frame is still read
            }
            return true;
        }
        catch (WireFormatException)
        {
            return true;
        }
    }
}
