using GossipSim.Engine.Vocabulary;
using GossipSim.RealNet.Security;
using GossipSim.RealNet.Storage;

namespace GossipSim.RealNet.Tests.Storage;

/// <summary>The operator's request to a running seed (issue 56, 2): read back as written, and a bad one refused naming its line and field;
/// the operator's approval verifies only under the pinned key and for the version it was signed at.</summary>
public class SeedSetRequestFileTests
{
    private static readonly NodeAddress A = NodeAddress.Parse("127.0.0.1:7001"), B = NodeAddress.Parse("127.0.0.1:7002");

    [TestCase(SeedSetChangeKind.Add)]
    [TestCase(SeedSetChangeKind.Remove)]
    [TestCase(SeedSetChangeKind.Replace)]
    public void ARequest_IsReadBackAsWritten(SeedSetChangeKind kind)
    {
        var written = new SeedSetRequestFile.Request(kind, A, kind == SeedSetChangeKind.Remove ? null : "KEY",
            kind == SeedSetChangeKind.Replace ? B : default, 4, [1, 2, 3]);
        var read = SeedSetRequestFile.Parse(SeedSetRequestFile.Format(written), "r");
        Assert.That(read with { Approval = [] }, Is.EqualTo(written with { Approval = [] }));
        Assert.That(read.Approval, Is.EqualTo(written.Approval));
    }

    [TestCase("change grow\naddress 127.0.0.1:1\nfrom-version 0\napproval AA==", "r:1: change: expected add, remove or replace, got 'grow'")]
    [TestCase("change remove\naddress 127.0.0.1\nfrom-version 0\napproval AA==", "r:2: address: ")]
    [TestCase("change add\naddress 127.0.0.1:1\nfrom-version 0\napproval AA==", "r: field 'key' is missing")]
    [TestCase("change remove\naddress 127.0.0.1:1\nfrom-version -1\napproval AA==", "r:3: from-version: expected a whole number")]
    [TestCase("change remove\naddress 127.0.0.1:1\nfrom-version 0\napproval !!", "r:4: approval: not base64")]
    [TestCase("change remove\nchange add", "r:2: field 'change' given twice")]
    [TestCase("colour blue", "r:1: unknown field 'colour'")]
    [TestCase("change remove\naddress 127.0.0.1:1\napproval AA==", "r: field 'from-version' is missing")]
    public void ABadRequest_IsRefused_NamingItsLineAndField(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => SeedSetRequestFile.Parse(text, "r"));
        Assert.That(e!.Message, Does.StartWith(expected));
    }

    [Test]
    public void TheOperatorsApproval_VerifiesOnlyUnderItsKey_ForTheChangeAndVersionItSigned()
    {
        using var op = NodeIdentity.Ephemeral();
        using var stranger = NodeIdentity.Ephemeral();
        var change = SeedSetChange.Add(A, stranger.PublicKey);
        byte[] approval = OperatorApproval.Sign(op, change, 2);

        Assert.That(OperatorApproval.Verify(op.PublicKey, change, 2, approval), Is.True);
        Assert.That(OperatorApproval.Verify(op.PublicKey, change, 4, approval), Is.False, "another version: replayed");
        Assert.That(OperatorApproval.Verify(op.PublicKey, SeedSetChange.Add(B, stranger.PublicKey), 2, approval), Is.False, "another seed");
        Assert.That(OperatorApproval.Verify(op.PublicKey, SeedSetChange.Add(A, op.PublicKey), 2, approval), Is.False, "another key pinned");
        Assert.That(OperatorApproval.Verify(stranger.PublicKey, change, 2, approval), Is.False, "under another key");
        Assert.That(OperatorApproval.Verify(null, change, 2, approval), Is.False, "no operator key pinned");
        Assert.That(OperatorApproval.Verify(stranger.PublicKey, change, 2, OperatorApproval.Sign(stranger, change, 2)), Is.True,
            "(the stranger's own signature verifies under its own key: it is the pin that decides)");
    }
}
