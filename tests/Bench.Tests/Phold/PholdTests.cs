using GossipSim.Engine.Core;
using GossipSim.Bench.Phold;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Bench.Tests.Phold;

/// <summary>PHOLD is one exact run per seed and has ROSS's shape: a quarter of events remote, two time units per hop.</summary>
public class PholdTests
{
    [Test]
    public void ASeed_IsOneExactRun_AndAnotherSeedAnother()
    {
        var a = PholdSimulation.Run(500, 200, new Rng(1));
        var b = PholdSimulation.Run(500, 200, new Rng(1));
        var c = PholdSimulation.Run(500, 200, new Rng(2));
        Assert.That(b, Is.EqualTo(a));
        Assert.That(c.Hash, Is.Not.EqualTo(a.Hash));
    }

    [TestCase(100, 2000.0)]
    [TestCase(10_000, 50.0)]
    public void EachProcess_HandlesAnEventEveryTwoTimeUnits_AQuarterOfThemSentAnywhere(int processes, double end)
    {
        var r = PholdSimulation.Run(processes, end, new Rng(3));
        // Each process always holds one event (each event makes one), so it handles one per
        // delay: lookahead 1 + mean 1 = 2 time units, the first one from time 0.
        double expected = processes * end / (PholdSimulation.Lookahead + PholdSimulation.Mean);
        Assert.That(r.Events, Is.EqualTo(expected).Within(0.03 * expected));
        Assert.That((double)r.RemoteEvents / r.Events, Is.EqualTo(PholdSimulation.RemoteFraction).Within(0.01));
    }

    [Test]
    public void NothingHappens_BeforeTheLookahead()
    {
        var r = PholdSimulation.Run(1000, PholdSimulation.Lookahead, new Rng(4));
        Assert.That(r.Events, Is.Zero);
    }
}
