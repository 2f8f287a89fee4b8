using GossipSim.Analysis.Trace;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Trust;
using GossipSim.Engine.Vocabulary;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;

namespace GossipSim.Scenarios.Tests.Runtimes.Sim;

/// <summary>
/// More peers crash at once than a seed's refresh replies carry removals (<see cref="RecentRemovals.Max"/>): every live peer
/// still ends its links to them. Only a removal's proof ends a classic-overlay link to a crashed member, so a reporter of one of
/// the first removals must get a notice with its proof; otherwise a peer whose every neighbour crashed keeps dead links for good
/// and hears no gossip again.
/// </summary>
public class CrashBurstTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDir() => _dir = Directory.CreateTempSubdirectory("gossipsim-burst-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(_dir, recursive: true);

    // The paper's failure run, smaller: the seeds apply more than a reply's worth of removals before the last of a crashed
    // member's neighbours (pinging every 2 s) suspects and reports it.
    private const string Burst = """
    {
      "name": "crash-burst", "seed": 3, "seeds": 3, "peers": 300, "joinWindowSeconds": 5, "drainSeconds": 30,
      "gossip": { "origins": 5, "intervalSeconds": 5, "messagesPerPeer": 4 },
      "peerSettings": { "linksPerNewcomer": 3, "pingIntervalSeconds": 2, "missesBeforeSuspect": 3, "witnessProbeTimeoutSeconds": 1,
        "suspicionQueryTimeoutSeconds": 2 },
      "seedSettings": { "probeTimeoutSeconds": 1, "proposalTimeoutSeconds": 2 },
      "faults": [ { "at": 8, "after": "allLinked", "action": "crash", "target": "random-peers", "count": 120 } ]
    }
    """;

    [Test]
    public void EveryLivePeer_EndsItsLinksToCrashedPeers_WhenMoreCrashAtOnceThanARefreshCarries()
    {
        string path = Path.Combine(_dir, "burst.json");
        File.WriteAllText(path, Burst);
        var scenario = ScenarioLoader.Load(path);
        var result = RunDoor.Run(scenario, new RunOptions { Quiet = true }, Path.Combine(_dir, "out"), _ => { });
        Assert.That(result.Summary.Failures, Has.Count.GreaterThan(RecentRemovals.Max), "the burst outgrows a refresh reply");

        var crashed = new HashSet<NodeAddress>();
        var linked = new HashSet<(NodeAddress Node, NodeAddress Peer)>();
        foreach (var e in TraceFile.Read(Path.Combine(_dir, "out", "trace.jsonl.gz")))
        {
            if (e.Kind == TraceKind.CrashInjected) crashed.Add(e.Node);
            else if (e.Kind == TraceKind.LinkUp) linked.Add((e.Node, e.Peer));
            else if (e.Kind == TraceKind.LinkDown) linked.Remove((e.Node, e.Peer));
        }
        var deadLinks = linked.Where(l => !crashed.Contains(l.Node) && crashed.Contains(l.Peer)).ToList();
        Assert.That(deadLinks, Is.Empty, "live peers still linked to crashed ones at the end");
    }
}
