using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;
using GossipSim.Engine.Collections;

namespace GossipSim.Engine.Tests;

public class AddressIndexTests
{
    [Test]
    public void FindsEveryAddedAddress_AndNoOther_AcrossGrowth()
    {
        var index = new AddressIndex();
        var rng = new Rng(5);
        var added = new Dictionary<NodeAddress, int>();
        while (added.Count < 50_000)
        {
            var a = new NodeAddress((uint)rng.NextUInt64(), (ushort)rng.NextInt(65536));
            if (added.ContainsKey(a)) continue;
            index.Add(a, added.Count);
            added[a] = added.Count;
        }
        Assert.That(index.Count, Is.EqualTo(50_000));
        foreach (var (a, i) in added)
        {
            Assert.That(index.TryGet(a, out int found), Is.True);
            Assert.That(found, Is.EqualTo(i));
        }
        int misses = 0;
        for (int k = 0; k < 10_000; k++)
        {
            var a = new NodeAddress((uint)rng.NextUInt64(), 1);
            if (!added.ContainsKey(a) && !index.Contains(a)) misses++;
            else if (!added.ContainsKey(a)) Assert.Fail($"{a} was never added but is found");
        }
        Assert.That(misses, Is.GreaterThan(9_000));
        Assert.That(index.TryGet(NodeAddress.None, out _), Is.False, "the empty address (key 0) is not confused with an empty cell");
    }
}
