using GossipSim.Analysis.Fitting;

namespace GossipSim.Analysis.Tests.Fitting;

public class TraceSamplesTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "gs-samples-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string Trace(params string[] lines)
    {
        string path = Path.Combine(_dir, "trace.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Test]
    public void Read_TakesDegreesAtTheRunEnd_NotAfterTheShutdownGoodbyes()
    {
        var path = Trace(
            """{"t":1.0,"ev":"node-started","node":"10.0.0.1:1","incarnation":1,"detail":"seed"}""",
            """{"t":1.1,"ev":"node-started","node":"10.0.0.2:1","incarnation":1,"detail":"peer"}""",
            """{"t":1.2,"ev":"node-started","node":"10.0.0.3:1","incarnation":1,"detail":"peer"}""",
            """{"t":1.3,"ev":"node-started","node":"10.0.0.4:1","incarnation":1,"detail":"peer"}""",
            """{"t":2.0,"ev":"link-up","node":"10.0.0.2:1","peer":"10.0.0.3:1"}""",
            """{"t":2.0,"ev":"link-up","node":"10.0.0.3:1","peer":"10.0.0.2:1"}""",
            """{"t":2.1,"ev":"link-up","node":"10.0.0.3:1","peer":"10.0.0.4:1"}""",
            """{"t":2.1,"ev":"link-up","node":"10.0.0.4:1","peer":"10.0.0.3:1"}""",
            """{"t":3.0,"ev":"crash","node":"10.0.0.4:1","degree":1,"detail":"peer"}""",
            """{"t":9.0,"ev":"run-end","node":"0.0.0.0:0"}""",
            """{"t":9.1,"ev":"link-down","node":"10.0.0.3:1","peer":"10.0.0.2:1","detail":"goodbye"}""");
        var s = TraceSamples.Read(path);
        Assert.That(s.Degrees.OrderBy(x => x), Is.EqualTo(new double[] { 1, 2 }), "peer .2 has 1 link, .3 has 2; crashed .4 and the seed are left out");
    }

    [Test]
    public void Read_GivesHopsLatencyAndLatencyPerHopOfEachDelivery()
    {
        var path = Trace(
            """{"t":5.0,"ev":"gossip-delivered","node":"10.0.0.2:1","from":"10.0.0.3:1","msg":"10.0.0.3:1#1","hops":1,"createdTicks":49000000}""",
            """{"t":5.3,"ev":"gossip-delivered","node":"10.0.0.4:1","from":"10.0.0.2:1","msg":"10.0.0.3:1#1","hops":3,"createdTicks":49000000}""",
            """{"t":6.0,"ev":"partition","node":"0.0.0.0:0","detail":"[seed:0] | [everyone else]"}""");
        var s = TraceSamples.Read(path);
        Assert.That(s.Hops, Is.EqualTo(new double[] { 1, 3 }));
        Assert.That(s.LatencySeconds[0], Is.EqualTo(0.1).Within(1e-9));
        Assert.That(s.LatencySeconds[1], Is.EqualTo(0.4).Within(1e-9));
        Assert.That(s.LatencyPerHopSeconds[1], Is.EqualTo(0.4 / 3).Within(1e-9));
    }

    [Test]
    public void Read_NamesTheFileAndLineOfAnUnreadableEvent()
    {
        var path = Trace("""{"t":1.0,"ev":"node-started","node":"10.0.0.1:1","incarnation":1,"detail":"seed"}""", "{not json");
        var ex = Assert.Throws<FormatException>(() => TraceSamples.Read(path));
        Assert.That(ex!.Message, Does.StartWith($"{path}:2:"));
    }
}
