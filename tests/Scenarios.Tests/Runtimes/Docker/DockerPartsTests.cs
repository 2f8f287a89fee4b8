using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Scenarios.Runtimes.Docker;
using GossipSim.Scenarios.Runtimes.Netns;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Scenarios.Tests.Runtimes.Docker;

/// <summary>The docker runtime's pure parts: names and addresses by index, the node's command, the rules in a container, the
/// refusals.</summary>
public class DockerPartsTests
{
    private static readonly DockerAddresses Run = new("gossipsim-crash-hub", 200);

    [TestCase("docker: Error response from daemon: attaching to network failed, make sure your network options are correct and check "
        + "manager logs: context deadline exceeded", true, Description = "the swarm's attach timed out (local CI, 2026-12-01): tried again")]
    [TestCase("docker: Error response from daemon: Conflict. The container name \"/gossipsim-x-seed-1\" is already in use", false,
        Description = "a name taken: final")]
    [TestCase("docker: Error response from daemon: Address already in use.", false, Description = "an address taken: final")]
    [TestCase("Unable to find image 'gossipsim-node:latest' locally", false, Description = "no image: final")]
    [TestCase("docker: Error response from daemon: attaching to network failed, make sure your network options are correct", false,
        Description = "an attach refused, not timed out: final")]
    public void ADockerRun_IsTriedAgain_OnlyWhenTheSwarmsAttachTimedOut(string stderr, bool again) =>
        Assert.That(DockerRunRetry.AttachTimedOut(stderr), Is.EqualTo(again));

    // What `docker image inspect --format NodeImage.MadeFormat` prints: the creation time, then the build script's label.
    [TestCase("2026-11-20T08:00:00.123456789Z|2026-12-02T15:19:40Z", "2026-12-02T15:19:40Z",
        Description = "a cached rebuild: the script's label (today), not the cached image's creation (its first build)")]
    [TestCase("2026-11-20T08:00:00.123456789Z|<no value>", "2026-11-20T08:00:00.123456789Z",
        Description = "an image without the label (an older script, or made by hand): its creation time")]
    [TestCase("2026-11-20T08:00:00Z|\n", "2026-11-20T08:00:00Z", Description = "an empty label: its creation time")]
    [TestCase("not a time|<no value>", null, Description = "nothing readable: not known, so not taken for stale")]
    public void TheNodeImage_WasMade_WhenTheScriptLastBuiltIt_ElseWhenDockerCreatedIt(string inspected, string? made) =>
        Assert.That(NodeImage.Made(inspected),
            Is.EqualTo(made == null ? (DateTime?)null : DateTimeOffset.Parse(made, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime));

    [TestCase("crash-hub", "gossipsim-crash-hub")]
    [TestCase("Partition 2/1 (minority)", "gossipsim-partition-2-1--minority")]
    [TestCase("a-very-long-scenario-name-that-goes-on-and-on", "gossipsim-a-very-long-scenario-name-that")]
    public void TheStackName_IsTheScenariosName_InLettersDockerAllows(string scenario, string stack) =>
        Assert.That(DockerAddresses.StackOf(scenario), Is.EqualTo(stack));

    // Three engines; engine 2's label places seed 0 and engine 0's seed 2 (as `docker node update --label-add gossipsim.seed=...`).
    [TestCase("seed", 0, 2, Description = "a labelled seed goes to the engine its label names")]
    [TestCase("seed", 2, 0, Description = "so does another")]
    [TestCase("seed", 1, 1, Description = "a seed no label names goes to index mod engines")]
    [TestCase("seed", 4, 1, Description = "a seed a seed-set change adds, no label: index mod engines")]
    [TestCase("peer", 0, 0, Description = "peers go in turn")]
    [TestCase("peer", 4, 1, Description = "peers go in turn, past the engines' count")]
    public void EachNode_RunsOnTheEngineItsSeedLabelNames_ElseInTurn(string role, int index, int engine)
    {
        IReadOnlyList<IReadOnlyList<int>> labels = [[2], [], [0]];
        var node = role == "seed" ? NodeRef.Seed(index) : NodeRef.Peer(index);
        Assert.That(EnginePlacement.EngineOf(node, 3, labels), Is.EqualTo(engine));
        Assert.That(EnginePlacement.EngineOf(node, 1, [[]]), Is.Zero, "one engine runs everything");
    }

    [Test]
    public void SeedLabels_AreSeedIndices_NamingTheNodeWhenNot_AndASeedOnTwoEnginesIsFound()
    {
        Assert.That(DockerEngines.SeedsOf("", "gse-h1"), Is.Empty);
        Assert.That(DockerEngines.SeedsOf("<no value>", "gse-h1"), Is.Empty, "docker's word for a label the node lacks");
        Assert.That(DockerEngines.SeedsOf("1", "gse-h1"), Is.EqualTo(new[] { 1 }));
        Assert.That(DockerEngines.SeedsOf("0, 3", "gse-h1"), Is.EqualTo(new[] { 0, 3 }));
        var bad = Assert.Throws<DockerException>(() => DockerEngines.SeedsOf("first", "gse-h2"))!;
        Assert.That(bad.Message, Is.EqualTo("the label gossipsim.seed of swarm node gse-h2 is \"first\": expected seed indices such as 1 or 0,3"));
        Assert.That(EnginePlacement.TwiceLabelled([[0], [1, 0], []]), Is.EqualTo(0));
        Assert.That(EnginePlacement.TwiceLabelled([[0], [1], [2, 2]]), Is.Null, "one engine naming a seed twice places it once");
    }

    [Test]
    public void EachNode_HasAFixedAddress_HostAndContainerByIndex_AndTheNameLeadsBackToTheIndex()
    {
        Assert.That(Run.IpOf(NodeRef.Seed(0)), Is.EqualTo("10.200.0.10"));
        Assert.That(Run.IpOf(NodeRef.Peer(0)), Is.EqualTo("10.200.1.2"));
        Assert.That(Run.IpOf(NodeRef.Peer(249)), Is.EqualTo("10.200.1.251"));
        Assert.That(Run.IpOf(NodeRef.Peer(250)), Is.EqualTo("10.200.2.2"));
        Assert.That(Run.ContainerOf(NodeRef.Peer(12)), Is.EqualTo("gossipsim-crash-hub-peer-12"));
        var all = Enumerable.Range(0, 3).Select(NodeRef.Seed).Concat(Enumerable.Range(0, 600).Select(NodeRef.Peer)).ToList();
        Assert.That(all.Select(n => Run.NodeOf(Run.ContainerOf(n))), Is.EqualTo(all.Cast<NodeRef?>()));
        Assert.That(all.Select(Run.IpOf).Distinct().Count(), Is.EqualTo(all.Count), "no two nodes share an address");
        Assert.That(Run.NodeOf("gossipsim-other-peer-1"), Is.Null);
        Assert.That(Run.NodeOf("gossipsim-crash-hub-relay-1"), Is.Null);
    }

    [Test]
    public void TheSeedList_NamesEachSeedByHost_PinnedByItsKey_AndANodeReadsIt()
    {
        string text = DockerAddresses.SeedList(["KEY0", "KEY1"]);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToList();
        Assert.That(lines, Is.EqualTo(new[] { "seed-0:5001 KEY0", "seed-1:5001 KEY1" }));
        var names = RealNet.Cli.SeedNames.Parse(text.Split('\n'), "seeds.txt",
            host => (System.Net.IPAddress.Parse(host == "seed-0" ? "10.200.0.10" : "10.200.0.11"), ""));
        Assert.That(names.Entries.Select(e => (e.Address.ToString(), e.Key)),
            Is.EqualTo(new[] { ("10.200.0.10:5001", (string?)"KEY0"), ("10.200.0.11:5001", "KEY1") }));
        Assert.That(names.OperatorKey, Is.Null, "no operator line: the seed set is fixed");
    }

    [Test]
    public void TheSeedList_PinsTheRunsOperatorKey_OnALineOfItsOwn()
    {
        string text = DockerAddresses.SeedList(["KEY0"], "OPERATOR");
        var names = RealNet.Cli.SeedNames.Parse(text.Split('\n'), "seeds.txt", _ => (System.Net.IPAddress.Parse("10.200.0.10"), ""));
        Assert.That(names.OperatorKey, Is.EqualTo("OPERATOR"));
        Assert.That(names.Entries, Has.Count.EqualTo(1));
    }

    [Test]
    public void ASeedASeedSetChangeAdds_StartsJoining_AtTheNextSeedAddress()
    {
        var s = ScenarioLoader.Load(ScenarioLoader.Resolve("crash-hub.json"));
        var added = DockerLauncher.NodeCommand(s, NodeRef.Seed(3), Run.AddressOf(NodeRef.Seed(3)), 42, originates: false);
        var first = DockerLauncher.NodeCommand(s, NodeRef.Seed(2), Run.AddressOf(NodeRef.Seed(2)), 42, originates: false);
        Assert.That(added, Does.Contain("--joining"));
        Assert.That(first, Does.Not.Contain("--joining"));
        Assert.That(Value(added, "--state-dir"), Is.EqualTo("/nodes/seed-3/state"));
        Assert.That(Run.IpOf(NodeRef.Seed(3)), Is.EqualTo("10.200.0.13"));
    }

    [Test]
    public void TheNodeCommand_ListensOnAuto_ReadsAndWritesInTheRunsVolume_AndWatchesNoParent()
    {
        var s = ScenarioLoader.Load(ScenarioLoader.Resolve("crash-hub.json"));
        var seed = DockerLauncher.NodeCommand(s, NodeRef.Seed(1), Run.AddressOf(NodeRef.Seed(1)), 42, originates: false);
        var peer = DockerLauncher.NodeCommand(s, NodeRef.Peer(3), Run.AddressOf(NodeRef.Peer(3)), 42, originates: true);
        Assert.That(seed[0], Is.EqualTo("seed"));
        Assert.That(peer[0], Is.EqualTo("peer"));
        foreach (var args in new[] { seed, peer })
        {
            Assert.That(args, Does.Not.Contain("--parent-pid"));
            Assert.That(Value(args, "--listen"), Is.EqualTo("auto:5001"));
            Assert.That(Value(args, "--seeds"), Is.EqualTo("/nodes/seeds.txt"));
            Assert.That(args, Does.Contain("--quiet"));
        }
        Assert.That(Value(seed, "--out"), Is.EqualTo("/nodes/seed-1"));
        Assert.That(Value(peer, "--out"), Is.EqualTo("/nodes/peer-3"));
        Assert.That(Value(seed, "--state-dir"), Is.EqualTo("/nodes/seed-1/state"));
        Assert.That(Value(peer, "--seed"), Is.EqualTo(RngStreams.NodeSeed(42, NodeRole.Peer, 3).ToString()), "the same node seed as a process");
        Assert.That(Value(peer, "--originates"), Is.EqualTo("true"));
    }

    private static string Value(List<string> args, string option) => args[args.IndexOf(option) + 1];

    [Test]
    public void APartition_DropsInAContainer_WhatCrossesToTheGroupsItIsCutFrom_AndLossOnlyWhatComesIn()
    {
        var cut = new BedPartition([["10.200.1.2", "10.200.1.3"], ["10.200.0.10", "10.200.1.4"]], OneWay: false, "test");
        string minority = ContainerRules.Script("10.200.1.2", "10.200.0.0/16", cut, 0);
        Assert.That(minority, Does.Contain("ip daddr { 10.200.0.10, 10.200.1.4 } drop")
            .And.Contain("ip saddr { 10.200.0.10, 10.200.1.4 } drop"));
        Assert.That(minority, Does.Not.Contain("numgen"));
        Assert.That(minority, Does.StartWith("table ip gossipsim {}\ndelete table ip gossipsim\n"), "each script replaces the table");

        var oneWay = new BedPartition([["10.200.1.2"], ["10.200.1.3"]], OneWay: true, "test");
        Assert.That(ContainerRules.Script("10.200.1.2", "10.200.0.0/16", oneWay, 0), Does.Contain("ip daddr 10.200.1.3 drop")
            .And.Not.Contain("saddr"));
        Assert.That(ContainerRules.Script("10.200.1.3", "10.200.0.0/16", oneWay, 0), Does.Contain("ip saddr 10.200.1.2 drop")
            .And.Not.Contain("daddr"));

        string lossy = ContainerRules.Script("10.200.1.2", "10.200.0.0/16", null, 0.05);
        Assert.That(lossy, Does.Contain("ip saddr 10.200.0.0/16 numgen random mod 1000000 < 50000 drop").And.Not.Contain("daddr"));
    }

    [TestCase("5.59MiB / 23.47GiB", 5_861_539L)]
    [TestCase("812KiB / 1GiB", 831_488L)]
    [TestCase("1.5GiB / 2GiB", 1_610_612_736L)]
    [TestCase("0B / 0B", 0L)]
    [TestCase("-- / --", null)]
    public void AContainersMemory_IsTheUsedSideOfWhatDockerStatsPrints(string memUsage, long? bytes) =>
        Assert.That(ContainerStates.BytesOf(memUsage), Is.EqualTo(bytes));

    [Test]
    public void AStackFoundOnTheEngine_IsKeptOnlyWhileItsRunLives()
    {
        Assert.That(Leftover.Of("4242", pid => pid == 4242), Is.EqualTo("a run of process 4242 still uses it"));
        Assert.That(Leftover.Of("4242", _ => false), Is.Null);
        Assert.That(Leftover.Of("", _ => true), Is.Null, "a stack that names no launcher is nobody's");
        Assert.That(Leftover.Of("4242@here", _ => false, "here"), Is.Null, "a dead run of this machine");
        Assert.That(Leftover.Of("4242@here", pid => pid == 4242, "here"), Is.EqualTo("a run of process 4242 still uses it"));
        Assert.That(Leftover.Of("4242@build-2", _ => false, "here"), Is.EqualTo("a run of process 4242 on build-2 may still use it"),
            "another machine's run on a shared engine is never taken for dead");
        Assert.That(DockerBed.RemoveCommand("gossipsim-crash-hub"), Is.EqualTo(
            "docker rm -f $(docker ps -aq --filter label=gossipsim.stack=gossipsim-crash-hub); docker volume rm gossipsim-crash-hub; "
            + "docker network rm gossipsim-crash-hub"));
    }

    [Test]
    public void ARunThatNeedsMoreMemoryThanThereIs_IsRefused_WithTheEstimate()
    {
        long gib = 1L << 30;
        Assert.That(DockerLimits.Refusal(103, 24 * gib), Is.Null);
        Assert.That(DockerLimits.Refusal(1003, 24 * gib), Is.EqualTo("the docker runtime would start 1003 containers, about 48144 MiB "
            + "at 48 MiB each (node and containerd shim), more than 75% of the 24576 MiB available to the engine: run fewer peers, or run it with "
            + "--runtime sim"));
    }
}
