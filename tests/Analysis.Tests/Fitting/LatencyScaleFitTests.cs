using GossipSim.Engine.Messages;
using GossipSim.Analysis.Fitting;
using GossipSim.Simulator;
using GossipSim.Simulator.Latency;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Tests.Fitting;

public class LatencyScaleFitTests
{
    /// <summary>
    /// 2,000 messages of 12 deliveries each, their latencies from one distribution; every latency of
    /// a message times level · exp(sigma · z), z the message's normal number at the given seed.
    /// </summary>
    private static (double[] Latency, double[] Normals) Run(int seed, double level, double sigma)
    {
        var rng = new Random(seed);
        ulong salt = SimStreams.LatencySalt((ulong)seed);
        var latency = new List<double>();
        var normals = new List<double>();
        for (int n = 0; n < 2000; n++)
        {
            double z = MessageFactorLatency.NormalOf(salt, new MessageId(new NodeAddress(0x0a000001, 7000), n));
            for (int k = 0; k < 12; k++)
            {
                latency.Add((1 + k % 4) * Math.Exp(0.4 * (rng.NextDouble() - 0.5)) * level * Math.Exp(sigma * z));
                normals.Add(z);
            }
        }
        return (latency.ToArray(), normals.ToArray());
    }

    [TestCase(1.0, 0.0)]
    [TestCase(1.3, 0.6)]
    [TestCase(0.5, 0.9)]
    public void TheFit_FindsTheLevelAndSpread_OfAnotherRunOfTheModel(double level, double sigma)
    {
        var real = Run(1, level, sigma);
        var sim = Run(2, 1, 0);
        var fit = LatencyScaleFit.Of(real.Latency, sim.Latency, sim.Normals, LatencyScaleFit.Sigmas);
        Assert.That(fit.Sigma, Is.EqualTo(sigma).Within(0.1));
        Assert.That(fit.Level, Is.EqualTo(level).Within(level * 0.06));
        Assert.That(fit.D, Is.LessThan(0.02), "another draw of the same model is near");
    }

    [TestCase(1.0)]
    [TestCase(1.3)]
    [TestCase(0.7)]
    public void TheClosestLevel_UndoesAScaling(double factor)
    {
        var rng = new Random(2);
        double[] sim = Enumerable.Range(0, 5000).Select(_ => Math.Exp(rng.NextDouble() * 3)).OrderBy(x => x).ToArray();
        double[] real = sim.Select(x => x * factor).ToArray();
        Assert.That(LatencyScaleFit.ClosestLevel(real, sim).Level, Is.EqualTo(factor).Within(factor * 0.006));
    }
}
