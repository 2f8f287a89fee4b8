using GossipSim.Engine.Vocabulary;
using GossipSim.RealNet.Security;

namespace GossipSim.RealNet.Tests.Security;

/// <summary>The keys a node checks signatures with, imported once: the verdicts are the same as a fresh import's, a key that is not a
/// point on the curve is refused and not kept, and the cache stays within its capacity.</summary>
public class VerifierCacheTests
{
    private static readonly byte[] Data = "gossipsim test data"u8.ToArray();

    [Test]
    public void AKeysSignature_Verifies_AndTheKeyIsImportedOnce()
    {
        var cache = new VerifierCache(capacity: 8);
        using var signer = NodeIdentity.Ephemeral();
        var signature = signer.Sign(Data);
        for (int i = 0; i < 5; i++) Assert.That(cache.Verify(signer.PublicKey, Data, signature), Is.True);
        Assert.That(cache.Count, Is.EqualTo(1));
    }

    [Test]
    public void AnotherKeysSignature_OrOtherData_DoesNotVerify_WithTheKeyCached()
    {
        var cache = new VerifierCache(capacity: 8);
        using var signer = NodeIdentity.Ephemeral();
        using var other = NodeIdentity.Ephemeral();
        var signature = signer.Sign(Data);
        Assert.That(cache.Verify(signer.PublicKey, Data, signature), Is.True);
        Assert.That(cache.Verify(signer.PublicKey, "other data"u8, signature), Is.False);
        Assert.That(cache.Verify(other.PublicKey, Data, signature), Is.False);
        Assert.That(cache.Verify(signer.PublicKey, Data, other.Sign(Data)), Is.False);
    }

    [Test]
    public void AKeyOffTheCurve_IsRefused_AndNotKept()
    {
        var cache = new VerifierCache(capacity: 8);
        using var signer = NodeIdentity.Ephemeral();
        var bytes = signer.PublicKey.Bytes.ToArray();
        bytes[^1] ^= 1; // the point's y no longer fits its x
        var offCurve = new NodeKey(bytes);
        Assert.That(cache.Verify(offCurve, Data, signer.Sign(Data)), Is.False);
        Assert.That(cache.Count, Is.Zero);
    }

    [Test]
    public void PastItsCapacity_TheCacheStartsOver_AndStillVerifies()
    {
        var cache = new VerifierCache(capacity: 3);
        var signers = Enumerable.Range(0, 7).Select(_ => NodeIdentity.Ephemeral()).ToList();
        try
        {
            foreach (var s in signers)
            {
                Assert.That(cache.Verify(s.PublicKey, Data, s.Sign(Data)), Is.True);
                Assert.That(cache.Count, Is.InRange(1, 3));
            }
            // The first keys were let go: each verifies again, imported anew.
            Assert.That(cache.Verify(signers[0].PublicKey, Data, signers[0].Sign(Data)), Is.True);
        }
        finally
        {
            foreach (var s in signers) s.Dispose();
        }
    }
}
