using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Runtimes.Processes;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Runtimes.Processes;

/// <summary>The scenario's "metrics" field: node k gets --metrics on its listen IP at basePort + k, seeds first; bad values are named.</summary>
public class MetricsOptionTests
{
    private static readonly Scenario WithMetrics = new() { Runtime = "real", Seeds = 3, Peers = 5, Metrics = new MetricsSettings { BasePort = 9100 } };

    [TestCase(true, 0, "127.0.0.1:9100")]
    [TestCase(true, 2, "127.0.0.1:9102")]
    [TestCase(false, 0, "127.0.0.1:9103")]
    [TestCase(false, 4, "127.0.0.1:9107")]
    public void NodeK_ServesAtBasePortPlusK_OnItsListenIp(bool isSeed, int index, string expected) =>
        Assert.That(NodeArguments.Metrics(WithMetrics, new NodeAddress(0x7F000001, 0), isSeed, index), Is.EqualTo(new[] { "--metrics", expected }));

    [Test]
    public void ANamespaceNode_ServesOnItsOwnAddress() =>
        Assert.That(NodeArguments.Metrics(WithMetrics, new NodeAddress(0x0A000105, 7000), false, 1), Is.EqualTo(new[] { "--metrics", "10.0.1.5:9104" }));

    [Test]
    public void WithoutTheField_NoNodeServesMetrics() =>
        Assert.That(NodeArguments.Metrics(new Scenario { Runtime = "real" }, new NodeAddress(0x7F000001, 0), true, 0), Is.Empty);

    [Test]
    public void APeerAddedPastPort65535_ServesNone() =>
        Assert.That(new MetricsSettings { BasePort = 65530 }.PortOf(3, false, 10), Is.Null);

    [TestCase("{ \"runtime\": \"real\", \"metrics\": { \"basePort\": 0 } }", "field metrics.basePort: expected a port from 1 to")]
    [TestCase("{ \"runtime\": \"real\", \"seeds\": 3, \"peers\": 10, \"metrics\": { \"basePort\": 65530 } }", "field metrics.basePort: expected a port from 1 to 65523")]
    [TestCase("{ \"runtime\": \"sim\", \"metrics\": { \"basePort\": 9100 } }", "field metrics: expected node processes")]
    [TestCase("{ \"runtime\": \"real\", \"realHosting\": \"in-process\", \"metrics\": { \"basePort\": 9100 } }", "field metrics: expected node processes")]
    [TestCase("{ \"runtime\": \"real\", \"metrics\": { \"port\": 9100 } }", "unknown field 'port'")]
    public void ABadMetricsField_IsNamed(string json, string expected)
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("gossipsim-metrics-").FullName, "s.json");
        File.WriteAllText(path, json);
        var ex = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        Assert.That(ex!.Message, Does.Contain(expected));
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    /// <summary>The launcher's copy of the node (beside Scenarios, which has the ASP.NET Core framework) serves what the option asks for.</summary>
    [Test]
    public async Task TheLaunchersNode_ServesMetrics_AtItsScenarioPort()
    {
        string dir = Directory.CreateTempSubdirectory("gossipsim-metrics-").FullName;
        NodeProcess? seed = null;
        try
        {
            (seed, int port, _) = MetricsSeed.Start(Path.Combine(AppContext.BaseDirectory, "GossipSim.RealNet.dll"), dir);
            await MetricsSeed.ServesItsMemberCountAsync(seed, port);
        }
        finally
        {
            seed?.Kill();
            seed?.WaitExit(TimeSpan.FromSeconds(30));
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void AGoodMetricsField_Loads()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("gossipsim-metrics-").FullName, "s.json");
        File.WriteAllText(path, "{ \"runtime\": \"real\", \"metrics\": { \"basePort\": 9100 } }");
        Assert.That(ScenarioLoader.Load(path).Metrics!.BasePort, Is.EqualTo(9100));
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
