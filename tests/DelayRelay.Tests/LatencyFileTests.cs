using GossipSim.Engine.Core;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Latency.Wan;
using GossipSim.Simulator.Threads;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.DelayRelay.Tests;

/// <summary>The relay's latency file gives back the model the bed wrote: every parameter, and so every draw.</summary>
public class LatencyFileTests
{
    private static readonly EmpiricalLatency Table = new([0.5, 1.25, 2.0000001, 9], "the committed run");

    private static IEnumerable<LatencyModel> Models()
    {
        yield return new ConstantLatency(20);
        yield return new UniformLatency(10, 50);
        yield return new LogNormalLatency(30, 0.5, 1.5);
        yield return Table;
        yield return new SlotLatency(new MessageFactorLatency(new ReceiverDelayLatency(new UniformLatency(1, 2), Table), 1.1, 0.3), Table, 0.15).ForRun(42);
    }

    [TestCaseSource(nameof(Models))]
    public void AModelWrittenAndRead_IsTheSameModel_AndDrawsTheSameDelays(LatencyModel model)
    {
        string path = Path.GetTempFileName();
        try
        {
            LatencyFile.Write(path, model);
            var read = LatencyFile.Read(path);
            Assert.That(read, Is.EqualTo(model));
            Assert.That(read.Describe(), Is.EqualTo(model.Describe()));
            Rng a = new(7), b = new(7);
            for (int i = 0; i < 100; i++) Assert.That(read.SampleTicks(b), Is.EqualTo(model.SampleTicks(a)));
        }
        finally { File.Delete(path); }
    }

    private static IEnumerable<TestCaseData> WanModels()
    {
        var atlas = WanAtlas.Shipped;
        byte Code(string c) => atlas.TryIndex(c, out byte i) ? i : throw new ArgumentException(c);
        yield return new TestCaseData(new WanLatency(CountryMix.OfName("atlas", atlas), [Code("DE"), Code("US"), Code("SG")], 40))
            .SetArgDisplayNames("the atlas mix, seeds pinned");
        // Weights whose shares are not round in binary: the relay's shares must be the simulator's to the last bit.
        yield return new TestCaseData(new WanLatency(CountryMix.OfWeights(new Dictionary<string, double>
            { ["US"] = 0.3, ["DE"] = 0.2, ["JP"] = 1.0 / 3, ["BR"] = 0.1, ["AU"] = 0 }, atlas), [], 25))
            .SetArgDisplayNames("weights by country");
    }

    [TestCaseSource(nameof(WanModels))]
    public void AWanModelWrittenAndRead_PlacesEveryNodeAndDrawsEveryPairAsTheSimulatorDoes(WanLatency model)
    {
        var read = (WanLatency)LatencyFile.FromJson(LatencyFile.ToJson(model));
        var (sim, relay) = ((WanLatency)model.ForRun(42), (WanLatency)read.ForRun(42));
        Assert.That(relay.Describe(), Is.EqualTo(sim.Describe()));
        Assert.That(relay.Mix.Countries.Select(relay.Mix.ShareOf), Is.EqualTo(sim.Mix.Countries.Select(sim.Mix.ShareOf)));
        // Past the nodes known at the start too (a peer that joins later is placed by the same rule).
        Assert.That(Enumerable.Range(0, 2 * model.Nodes).Select(relay.CountryOf), Is.EqualTo(Enumerable.Range(0, 2 * model.Nodes).Select(sim.CountryOf)));
        Rng a = new(7), b = new(7);
        for (int from = 0; from < model.Nodes; from++)
            for (int to = 0; to < model.Nodes; to++)
                Assert.That(relay.SampleTicks(b, from, to), Is.EqualTo(sim.SampleTicks(a, from, to)), $"{from} to {to}");
    }

    [Test]
    public void AnUnknownModel_IsRefusedWithItsName()
    {
        var ex = Assert.Throws<FormatException>(() => LatencyFile.FromJson(System.Text.Json.Nodes.JsonNode.Parse("""{"model":"netem"}""")!));
        Assert.That(ex!.Message, Does.Contain("netem"));
    }
}
