using GossipSim.Engine.Trace;
using GossipSim.Analysis.Fitting;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Run.Control;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Runtimes.Sim;
using GossipSim.Scenarios.Tests.Support;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Runtimes.Sim;

/// <summary>A simulation's recorded manager commands: read with clear errors, and carried out at their virtual times.</summary>
public class OperatorCommandsTests : RunFolder
{
    private static Scenario Small() => new()
    {
        Name = "operator", Seed = 3, Seeds = 3, Peers = 8, JoinWindowSeconds = 2, DurationSeconds = 30,
        Gossip = new GossipSettings { ["intervalSeconds"] = 1, ["messagesPerPeer"] = 100 },
        PeerSettings = new PeerSettings { ["linksPerNewcomer"] = 3, ["pingIntervalSeconds"] = 1, ["registerTimeoutSeconds"] = 2, ["linkTimeoutSeconds"] = 1 },
        Network = new NetworkSettings { Latency = new LatencySpec { Model = "uniform", MinMs = 1, MaxMs = 5 } },
    };

    private string Write(string json)
    {
        string path = Path.Combine(Dir, "operator-commands.json");
        File.WriteAllText(path, json);
        return path;
    }

    [TestCase("{}", "expected a list of {\"at\": seconds, \"command\": \"...\"}")]
    [TestCase("[{\"command\": \"heal\"}]", "entry 0: field at: expected virtual seconds")]
    [TestCase("[{\"at\": 5, \"command\": \"heal\"}, {\"at\": 4, \"command\": \"heal\"}]", "entry 1: field at: expected virtual seconds, 0 or more and not before the entry above")]
    [TestCase("[{\"at\": 5}]", "entry 0: field command: expected a manager command")]
    [TestCase("[{\"at\": 5, \"command\": \"kill nobody\"}]", "entry 0: field command: kill: expected hub, peer:i, seed:i, an address ip:port or a port, not 'nobody'")]
    [TestCase("[{\"at\": 5, \"command\": \"heal\"", "cannot read the operator commands")]
    public void ABadRecord_IsRefusedNamingTheFileTheEntryAndTheField(string json, string expected)
    {
        string path = Write(json);
        var ex = Assert.Throws<ScenarioException>(() => OperatorLog.Load(path))!;
        Assert.That(ex.Message, Does.StartWith(path + ": ").And.Contain(expected));
    }

    [Test]
    public void ARecord_RoundTrips_AndASummaryHoldingOneIsReadToo()
    {
        var entries = new[] { new OperatorEntry(4.25, "partition one-way seed:0 | peers:0-3"), new OperatorEntry(9, "kill hub") };
        string path = Path.Combine(Dir, OperatorLog.FileName);
        OperatorLog.Save(path, entries);
        Assert.That(OperatorLog.Load(path), Is.EqualTo(new (double, RunCommand)[]
        {
            (4.25, new PartitionNetwork(new[] { new[] { "seed:0" }, new[] { "peers:0-3" } }, true)),
            (9, new KillNode(NodeTarget.TheHub)),
        }).Using<(double At, RunCommand Command)>((a, b) => a.At == b.At && AsTyped(a.Command) == AsTyped(b.Command)));
        string summary = Write("{\"seed\": 3, \"extra\": {\"operatorCommands\": [{\"at\": 1.5, \"command\": \"heal\"}]}}");
        Assert.That(OperatorLog.Load(summary).Single().Command, Is.InstanceOf<HealNetwork>());
    }

    private static string AsTyped(RunCommand c) => ManagerCommand.Format(c);

    [Test]
    public void KillRestartAddAndQuit_ActAtTheirVirtualTimes_ThroughTheRunsFaultInterpreter()
    {
        string record = Write("""
            [
              { "at": 5, "command": "kill peer:3" },
              { "at": 8.5, "command": "restart peer:3" },
              { "at": 9, "command": "add 2" },
              { "at": 9, "command": "kill peer:99" },
              { "at": 15, "command": "quit" }
            ]
            """);
        var result = RunDoor.Run(Small(), new RunOptions { Quiet = true, TraceFile = true, Logs = false, OperatorFile = record }, Dir, _ => { });

        var trace = TraceSamples.Events(Analysis.Trace.TraceFile.Require(Dir)).ToList();
        var peer3 = SimAddresses.Peer(3);
        Assert.That(trace.Single(e => e.Kind == TraceKind.CrashInjected).Node, Is.EqualTo(peer3));
        Assert.That(trace.Single(e => e.Kind == TraceKind.CrashInjected).Time, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(trace.Single(e => e.Kind == TraceKind.Restarted).Node, Is.EqualTo(peer3));
        Assert.That(trace.Single(e => e.Kind == TraceKind.Restarted).Time, Is.EqualTo(TimeSpan.FromSeconds(8.5)));
        foreach (int added in new[] { 8, 9 })
        {
            var started = trace.Single(e => e.Kind == TraceKind.NodeStarted && e.Node == SimAddresses.Peer(added));
            Assert.That(started.Time, Is.EqualTo(TimeSpan.FromSeconds(9)), $"peer {added} added by the manager");
            Assert.That(trace.Any(e => e.Kind == TraceKind.Registered && e.Node == SimAddresses.Peer(added)), Is.True, $"peer {added} registers");
        }
        Assert.That(result.Summary.SimulatedSeconds, Is.EqualTo(15), "quit ends the run at its time");
        Assert.That(result.Summary.Extra!["victims"], Is.EqualTo(new[] { "peer:3" }), "the manager's crash goes through the run's fault interpreter");
        var applied = (IReadOnlyList<OperatorEntry>)result.Summary.Extra[OperatorLog.SummaryField];
        Assert.That(applied.Select(a => a.Command), Is.EqualTo(new[] { "kill peer:3", "restart peer:3", "add 2", "quit" }), "a refused command (no peer 99) changed nothing and is not recorded");
    }
}
