using GossipSim.Engine.Bytes;
using GossipSim.Engine.HyParView;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Vocabulary;
using GossipSim.Engine.Wire;
using GossipSim.TestSupport;

namespace GossipSim.Engine.Tests.HyParView;

/// <summary>HyParView's walks travel as a user's overlay's messages do: the codec carries them as kind 60 in the overlay's slot, and
/// the overlay's own reader (<see cref="OverlayRole.ReadMessage"/>) reads them back, refusing what the protocol cannot have sent.</summary>
public class WalkMessagesTests
{
    private static readonly NodeAddress A = NodeAddress.Parse("10.0.0.1:1"), B = NodeAddress.Parse("10.0.0.2:2");

    private static IEnumerable<TestCaseData> Walks()
    {
        yield return new TestCaseData(new ForwardJoin(A, 6)).SetName("A FORWARDJOIN comes back as itself");
        yield return new TestCaseData(new Shuffle(A, 0, [A, B])).SetName("A SHUFFLE comes back as itself");
        yield return new TestCaseData(new ShuffleReply([])).SetName("An empty SHUFFLE answer comes back as itself");
        yield return new TestCaseData(new ShuffleReply([B])).SetName("A SHUFFLE answer comes back as itself");
    }

    [TestCaseSource(nameof(Walks))]
    public void ThroughTheCodec_AndTheOverlaysReader(ProtocolMessage walk)
    {
        Assert.That(walk.Role, Is.EqualTo(RoleSlot.Overlay), "the overlay's slot from the start");
        byte[] payload = MessageCodec.Encode(walk);
        var unread = (UnreadProtocolMessage)MessageCodec.Decode(payload);
        Assert.That((unread.Role, unread.Type), Is.EqualTo((RoleSlot.Overlay, walk.Type)));
        var body = new WireReader(unread.Body);
        var read = HyParViewOverlay.Instance.ReadMessage(unread.Type, ref body);
        body.End();
        Assert.That(StructuralEquality.Difference(walk, read), Is.Null);
        Assert.That(MessageCodec.Encode(read), Is.EqualTo(payload), "written back the same");
    }

    [TestCase((ushort)4, "", "HyParView has no message of type 4", TestName = "An unknown type is refused")]
    [TestCase(WalkMessages.Shuffle, "0A000001" + "0001" + "00000006" + "00000002" + "0A000002" + "0002",
        "does not fit", TestName = "A SHUFFLE that claims more entries than it carries is refused")]
    [TestCase(WalkMessages.ForwardJoin, "0A000001" + "0001", "", TestName = "A FORWARDJOIN cut short is refused")]
    public void ABodyTheProtocolCannotHaveSent_IsRefused(ushort type, string hex, string expected)
    {
        var bytes = Convert.FromHexString(hex);
        var e = Assert.Throws<WireFormatException>(() =>
        {
            var body = new WireReader(bytes);
            HyParViewOverlay.Instance.ReadMessage(type, ref body);
            body.End();
        });
        Assert.That(e!.Message, Does.Contain(expected));
    }

    [Test]
    public void AShuffleAnswerOfMoreThanTheMostEntries_IsRefused()
    {
        var w = new WireWriter();
        new ShuffleReply(Enumerable.Range(1, WalkMessages.MaxEntries + 1).Select(i => new NodeAddress((uint)i, 1)).ToArray()).Write(w);
        var bytes = w.ToArray();
        var e = Assert.Throws<WireFormatException>(() =>
        {
            var body = new WireReader(bytes);
            HyParViewOverlay.Instance.ReadMessage(WalkMessages.ShuffleReply, ref body);
        });
        Assert.That(e!.Message, Does.Contain($"at most {WalkMessages.MaxEntries}"));
    }
}
