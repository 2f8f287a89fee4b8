using GossipSim.Analysis.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Tests.Trace;

/// <summary>Whether a seed's `seed-set` line, as the engine writes it, leaves the seed out.</summary>
public class SeedSetLineTests
{
    [TestCase("version 2: [10.0.0.2:5000, 10.0.0.3:5000] (remove 10.0.0.1:5000)", "10.0.0.1:5000", false)]
    [TestCase("version 2: [10.0.0.2:5000, 10.0.0.3:5000] (remove 10.0.0.1:5000)", "10.0.0.3:5000", true)]
    [TestCase("version 3: [10.0.0.1:5000] (replace 10.0.0.2:5000 with 10.0.0.1:5000)", "10.0.0.1:5000", true)]
    [TestCase("version 1: [10.0.0.2:5000] joint with [10.0.0.1:5000, 10.0.0.2:5000] (remove 10.0.0.1:5000)", "10.0.0.1:5000", null)]
    [TestCase("version 2: [] (remove 10.0.0.1:5000)", "10.0.0.1:5000", false)]
    [TestCase("version 2: [not an address] (remove 10.0.0.1:5000)", "10.0.0.1:5000", null)]
    [TestCase("something else", "10.0.0.1:5000", null)]
    [TestCase(null, "10.0.0.1:5000", null)]
    // A seed named by host is listed under an address made from its key (240.x), not the one it traces under: its own word decides.
    [TestCase("version 2: [240.1.2.3:5001, 240.4.5.6:5001] (remove 240.7.8.9:5001); this seed is in it", "10.0.1.5:5001", true)]
    [TestCase("version 2: [240.1.2.3:5001, 240.4.5.6:5001] (remove 240.7.8.9:5001); this seed is not in it", "10.0.1.7:5001", false)]
    [TestCase("version 2: [10.0.0.1:5000] (remove 10.0.0.2:5000); this seed is not in it", "10.0.0.1:5000", false)]
    public void FinalSetHolds(string? line, string seed, bool? holds) =>
        Assert.That(SeedSetLine.FinalSetHolds(line, NodeAddress.Parse(seed)), Is.EqualTo(holds));

    [Test]
    public void TheEnginesOwnWords_AreRead()
    {
        var a = NodeAddress.Parse("10.0.0.1:5000");
        var b = NodeAddress.Parse("10.0.0.2:5000");
        var set = new SeedSet(2, [b], []);
        Assert.That(SeedSetLine.FinalSetHolds($"{set} (remove {a})", a), Is.False);
        Assert.That(SeedSetLine.FinalSetHolds($"{set} (remove {a})", b), Is.True);
    }
}
