using GossipSim.Engine.Core;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class ShortSeedListTests
{
    [TestCase(1, true, TestName = "A peer given 1 of the 3 seeds warns, once")]
    [TestCase(3, false, TestName = "A peer given every seed does not warn")]
    public void APeerWhoseSeedListIsShorterThanTheSeeds_Warns(int seedsItIsGiven, bool warns)
    {
        var h = new SimHarness(3, seed: 4);
        var lines = new List<(NodeAddress node, string line)>();
        h.Net.LogProvider = _ => (node, _, line) => lines.Add((node, line));
        var address = SimHarness.PeerAddress(0);
        h.Net.AddNode(address, inc => new PeerNode(h.PeerConfig, h.SeedAddresses.Take(seedsItIsGiven).ToArray(), inc), TimeSpan.FromSeconds(0.5));
        h.Run(10);
        var warnings = lines.Where(l => l.node == address && l.line.StartsWith("warning: my seed list has", StringComparison.Ordinal)).ToList();
        Assert.That(warnings.Count, Is.EqualTo(warns ? 1 : 0), string.Join("\n", lines.Select(l => l.line)));
        if (warns) Assert.That(warnings[0].line, Does.Contain($"has {seedsItIsGiven} seed(s), but seed {h.SeedAddresses[0]} knows 3"));
    }
}
