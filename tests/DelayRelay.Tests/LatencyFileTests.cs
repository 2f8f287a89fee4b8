using GossipSim.Engine.Core;
using GossipSim.Simulator.Latency;
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

    [Test]
    public void AnUnknownModel_IsRefusedWithItsName()
    {
        var ex = Assert.Throws<FormatException>(() => LatencyFile.FromJson(System.Text.Json.Nodes.JsonNode.Parse("""{"model":"netem"}""")!));
        Assert.That(ex!.Message, Does.Contain("netem"));
    }
}
