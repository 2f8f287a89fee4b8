using System.Text.Json;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.RealNet.Host;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Runtimes.Processes;
using GossipSim.Scenarios.Tests.Definition;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Runtimes.Processes;

/// <summary>
/// Real seed and peer processes, started as the launchers start them (<see cref="NodeArguments"/>
/// and the built node), run every tunable with the value the simulator uses: each node's
/// effective settings (its config.json) are compared with ScenarioConfig's records entry by entry.
/// </summary>
public class TunablesReachRealNodesTests
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    [Test]
    public async Task EveryTunable_ReachesRealSeedsAndPeers_WithTheSimulatorsValues()
    {
        string dir = Directory.CreateTempSubdirectory("gossipsim-tunables-").FullName;
        var nodes = new List<NodeProcess>();
        try
        {
            string scenarioPath = Path.Combine(dir, "every-tunable.json");
            File.WriteAllText(scenarioPath, EveryTunableScenario.Json);
            var s = ScenarioLoader.Load(scenarioPath);
            string seedFile = Path.Combine(dir, "seeds.txt");

            // The seed takes a free port and waits for the seed list, written once that port is known.
            var seed = Start(nodes, dir, seedFile, "seed", 0, [.. NodeArguments.Seed(s), "--seeds-wait", "60"]);
            seed.WaitReady(StartLimit);
            var seedAddress = seed.ListeningAddress!.Value;
            File.WriteAllText(seedFile + ".tmp", SeedListFile.Format([seedAddress]));
            File.Move(seedFile + ".tmp", seedFile);
            var origin = Start(nodes, dir, seedFile, "peer", 0, NodeArguments.Peer(s, originates: true));
            var silent = Start(nodes, dir, seedFile, "peer", 1, NodeArguments.Peer(s, originates: false));

            AssertRunsWith(await EffectiveSettings(seed), SeedTunables.All, ScenarioConfig.SeedConfigOf(s));
            // A peer's own choices: whether it originates is the launcher's (the run's draw), the
            // port in its messages follows its listen address (loopback: peers share the IP).
            var peer = ScenarioConfig.PeerConfigOf(s) with { MessageIncludesPort = true };
            AssertRunsWith(await EffectiveSettings(origin), PeerTunables.All, peer with { Originates = true });
            AssertRunsWith(await EffectiveSettings(silent), PeerTunables.All, peer with { Originates = false });
        }
        finally
        {
            foreach (var n in nodes)
            {
                n.Kill();
                n.WaitExit(StartLimit);
            }
            Directory.Delete(dir, recursive: true);
        }
    }

    private static NodeProcess Start(List<NodeProcess> nodes, string dir, string seedFile, string role, int index, List<string> tunables)
    {
        string outDir = Path.Combine(dir, $"{role}-{index}");
        var args = new List<string> { role };
        args.AddRange(NodeArguments.Common(new NodeAddress((127u << 24) | 1, 0), seedFile, outDir, 7, role, index, Environment.ProcessId));
        args.AddRange(tunables);
        var node = NodeProcess.Start(null, Path.Combine(AppContext.BaseDirectory, "GossipSim.RealNet.dll"), args, $"{role} {index}", outDir);
        nodes.Add(node);
        return node;
    }

    /// <summary>The node's config.json, once it has written it (at start, before it runs).</summary>
    private static async Task<JsonElement> EffectiveSettings(NodeProcess node)
    {
        string path = Path.Combine(node.OutDir, StatusFile.ConfigFileName);
        var deadline = DateTime.UtcNow + StartLimit;
        while (!File.Exists(path))
        {
            if (node.HasExited || DateTime.UtcNow > deadline)
                Assert.Fail($"{node.Name} wrote no {StatusFile.ConfigFileName}: {node.StderrTail()}");
            await Task.Delay(50);
        }
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }

    private static void AssertRunsWith<TConfig>(JsonElement settings, IReadOnlyList<Tunable<TConfig>> table, TConfig expected)
    {
        var written = settings.EnumerateObject().SelectMany(section => section.Value.EnumerateObject().Select(f => $"{section.Name}.{f.Name}"));
        Assert.That(written, Is.EquivalentTo(table.Select(t => t.JsonName)), "config.json holds every tunable of the table, and only those");
        foreach (var t in table)
        {
            var value = settings.GetProperty(t.Section).GetProperty(t.Field);
            double actual = t.Unit switch
            {
                TunableUnit.Flag => value.GetBoolean() ? 1 : 0,
                TunableUnit.Choice => t.TryParse(value.GetString()!, out double chosen) ? chosen : -1,
                _ => value.GetDouble(),
            };
            Assert.That(actual, Is.EqualTo(t.Get(expected)), t.JsonName);
        }
    }
}
