using GossipSim.Engine.Tests.Support;

namespace GossipSim.Engine.Tests;

public class DeterminismTests
{
    private static string RunAndHash(ulong seed)
    {
        var h = new SimHarness(3, seed: seed, record: false);
        h.AddPeers(120, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(5));
        h.Net.Schedule(TimeSpan.FromSeconds(9), () => h.Net.Crash(h.HubIndex()));
        h.Net.Schedule(TimeSpan.FromSeconds(10), () => h.Net.SetLoss(0.02));
        h.Run(30);
        h.Net.StopAll();
        return h.Hash.HashText();
    }

    [Test]
    public void TheSameSeed_GivesTheSameTrace_ByteForByte()
    {
        Assert.That(RunAndHash(7), Is.EqualTo(RunAndHash(7)));
    }

    [Test]
    public void ADifferentSeed_GivesADifferentTrace()
    {
        Assert.That(RunAndHash(7), Is.Not.EqualTo(RunAndHash(8)));
    }
}
