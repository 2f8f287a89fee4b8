using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Definition;

public class FaultParserTests
{
    private static IReadOnlyList<Fault> Parse(params FaultSpec[] faults)
    {
        var s = new Scenario { Seeds = 3, Peers = 10 };
        s.Faults.AddRange(faults);
        return FaultParser.Parse(s);
    }

    [Test]
    public void EachAction_BecomesItsTypedFault_InTimeOrder_KeepingTheFilesOrderAtEqualTimes()
    {
        var faults = Parse(
            new FaultSpec { At = 9, Action = "heal" },
            new FaultSpec { At = 3, Action = "crash", Target = "random-peers", Count = 2 },
            new FaultSpec { At = 3, Action = "restart", Target = "crashed" },
            new FaultSpec { At = 5, Action = "partition", Direction = "one-way", Groups = new() { new() { "seed:0" }, new() { "peers:2-4" } }, DurationSeconds = 4 },
            new FaultSpec { At = 6, Action = "loss", Rate = 0.1 },
            new FaultSpec { At = 7, Action = "latency-spike", Factor = 3, DurationSeconds = 2 });
        Assert.That(faults, Is.EqualTo(new Fault[]
        {
            new CrashFault(3, new VictimSelector(VictimKind.RandomPeers, Count: 2)),
            new RestartFault(3, RestartKind.Crashed),
            faults[2],
            new LossFault(6, 0.1, null),
            new LatencySpikeFault(7, 3, 0, 2),
            new HealFault(9),
        }));
        var p = (PartitionFault)faults[2];
        Assert.That((p.OneWay, p.DurationSeconds, p.Groups[1][0]), Is.EqualTo((true, (double?)4, new NodeSelector(false, 2, 4))));
        Assert.That(p.Description, Is.EqualTo("[seed:0] -> [peers:2-4] lost (reverse works)"));
    }

    [TestCase("crash", "peer", 10, "faults[0].index: expected a peer index 0 to 9")]
    [TestCase("restart", "hub", 0, "faults[0].target: expected \"peer\", \"seed\" or \"crashed\"")]
    [TestCase("crash", "random-peers", 0, "faults[0].count: expected 1 to 10 peers")]
    [TestCase("move", "peer", 1, "faults[0].target: expected \"seed\" (+\"index\"): a seed moves, with its key, to a new address")]
    [TestCase("move", "seed", 3, "faults[0].index: expected a seed index 0 to 2")]
    [TestCase("evacuate", "seed", 1, "faults[0].action: expected \"crash\", \"restart\", \"leave\", \"join\", \"move\", \"drain\", \"partition\"")]
    public void ABadFault_IsRefusedNamingTheFieldAndWhatWasExpected(string action, string target, int index, string expected)
    {
        var ex = Assert.Throws<ScenarioException>(() => Parse(new FaultSpec { At = 1, Action = action, Target = target, Index = index, Count = 0 }));
        Assert.That(ex!.Message, Does.Contain(expected));
    }

    // A host's crash: the hosts the nodes are spread over in turn, and which one dies (3 seeds, 10 peers).
    [TestCase(3, 2, null, TestName = "host 2 of 3: a crash of its seeds and peers")]
    [TestCase(1, 0, "faults[0].hosts: expected 2 to 13 hosts the nodes are spread over in turn", TestName = "one host: refused")]
    [TestCase(null, 0, "faults[0].hosts: expected 2 to 13", TestName = "no hosts: refused")]
    [TestCase(3, 3, "faults[0].index: expected a host index 0 to 2", TestName = "a host past the count: refused")]
    public void AHostsCrash_NamesHowManyHostsAndWhichDies(int? hosts, int index, string? refusal)
    {
        var spec = new FaultSpec { At = 5, Action = "crash", Target = "host", Hosts = hosts, Index = index };
        if (refusal == null)
        {
            Assert.That(Parse(spec), Is.EqualTo(new Fault[] { new CrashFault(5, new VictimSelector(VictimKind.Host, Count: 3, Index: 2, Seeds: 3)) }));
            Assert.That(Parse(spec)[0].Describe(), Is.EqualTo("crash host #2 of 3 (its seeds and peers)"));
        }
        else Assert.That(Assert.Throws<ScenarioException>(() => Parse(spec))!.Message, Does.Contain(refusal));
    }

    [Test]
    public void HostsWithAnotherFault_IsRefused() =>
        Assert.That(Assert.Throws<ScenarioException>(() => Parse(new FaultSpec { At = 5, Action = "crash", Target = "hub", Hosts = 3 }))!
            .Message, Does.Contain("faults[0].hosts: expected only with a crash or drain of target \"host\""));

    [Test]
    public void ADrain_IsOfAHost_AndKeepsAPlaceForEachOfItsSeeds()
    {
        var drain = Parse(new FaultSpec { At = 10, Action = "drain", Target = "host", Hosts = 3, Index = 1 }).Single();
        Assert.That(drain, Is.EqualTo(new DrainFault(10, new VictimSelector(VictimKind.Host, Count: 3, Index: 1, Seeds: 3))));
        Assert.That(drain.Needs, Is.EqualTo(NetworkEffects.SeedMove));
        Assert.That(VictimPicker.SeedMovesOf([drain]), Is.EqualTo(1), "host 1 of 3 holds seed 1");
        Assert.That(VictimPicker.SeedMovesOf([new DrainFault(10, new VictimSelector(VictimKind.Host, Count: 2, Index: 0, Seeds: 5))]),
            Is.EqualTo(3), "host 0 of 2 holds seeds 0, 2 and 4");
        Assert.That(Assert.Throws<ScenarioException>(() => Parse(new FaultSpec { At = 1, Action = "drain", Target = "seed", Hosts = 3, Index = 1 }))!
            .Message, Does.Contain("faults[0].target: expected \"host\" (+\"hosts\", \"index\")"));
        Assert.That(Assert.Throws<ScenarioException>(() => Parse(new FaultSpec { At = 1, Action = "drain", Target = "host", Hosts = 3, Index = 3 }))!
            .Message, Does.Contain("faults[0].index: expected a host index 0 to 2"));
    }

    [Test]
    public void AMove_IsOfASeed_AndNeedsARuntimeThatCanStartOneElsewhere()
    {
        var move = Parse(new FaultSpec { At = 10, Action = "move", Target = "seed", Index = 1 }).Single();
        Assert.That(move, Is.EqualTo(new MoveFault(10, 1)));
        Assert.That(move.Needs, Is.EqualTo(NetworkEffects.SeedMove));
        Assert.That(move.PlanLine(), Is.EqualTo("fault at 10 s: move seed #1"));
        Assert.That(VictimPicker.SeedMovesOf([move, new MoveFault(20, 1), new JoinFault(30, 1)]), Is.EqualTo(2), "a place kept for each move");
    }

    [Test]
    public void SeedSetChanges_NumberTheirNewSeedsAfterTheScenariosInTimeOrder()
    {
        var faults = Parse(
            new FaultSpec { At = 30, Action = "seed-set", Change = "replace", Index = 1 },
            new FaultSpec { At = 10, Action = "seed-set", Change = "add" },
            new FaultSpec { At = 20, Action = "seed-set", Change = "remove", Index = 2 });
        Assert.That(faults, Is.EqualTo(new Fault[]
        {
            new SeedSetFault(10, Engine.Vocabulary.SeedSetChangeKind.Add) { NewSeed = 3 },
            new SeedSetFault(20, Engine.Vocabulary.SeedSetChangeKind.Remove, 2),
            new SeedSetFault(30, Engine.Vocabulary.SeedSetChangeKind.Replace, 1) { NewSeed = 4 },
        }));
        Assert.That(SeedSetFault.NewSeedsOf(faults), Is.EqualTo(2));
        Assert.That(faults.Select(f => f.Describe()), Is.EqualTo(new[]
            { "seed-set add new seed #3", "seed-set remove seed #2", "seed-set replace seed #1 by new seed #4" }));
    }

    [TestCase(null, null, "faults[0].change: expected \"add\" (a new seed), \"remove\" (seed \"index\") or \"replace\"")]
    [TestCase("grow", null, "faults[0].change: expected \"add\"")]
    [TestCase("remove", 3, "faults[0].index: expected the seed to remove: 0 to 2")]
    [TestCase("replace", null, "faults[0].index: expected the seed to replace: 0 to 2")]
    [TestCase("add", 1, "faults[0].index: expected no index with \"add\"")]
    public void ABadSeedSetChange_IsRefusedNamingTheField(string? change, int? index, string expected)
    {
        var ex = Assert.Throws<ScenarioException>(() => Parse(new FaultSpec { At = 1, Action = "seed-set", Change = change, Index = index }));
        Assert.That(ex!.Message, Does.Contain(expected));
    }

    [Test]
    public void ARuntimeWithoutNetworkControl_SkipsNetworkFaults_AndSaysSoInOneLine()
    {
        var faults = Parse(
            new FaultSpec { At = 1, Action = "crash", Target = "hub" },
            new FaultSpec { At = 2, Action = "partition", Groups = new() { new() { "seeds" } } },
            new FaultSpec { At = 3, Action = "loss", Rate = 0.2 });
        var interpreter = new FaultInterpreter(new FakeFaultRuntime([]), 1);
        Assert.That(interpreter.NotApplied(faults), Is.EqualTo(faults.Skip(1)));
        string? line = interpreter.NotAppliedLine(faults, "loopback");
        Assert.That(line, Does.StartWith("note: loopback cannot apply 'partition [seeds]' at 2 s, 'loss ").And.Contain("' at 3 s: they are skipped")
            .And.EndWith("(the simulator and the netns bed apply network faults)"));

        var withChange = Parse(new FaultSpec { At = 1, Action = "seed-set", Change = "add" });
        Assert.That(interpreter.NotAppliedLine(withChange, "my-runtime"), Is.EqualTo("note: my-runtime cannot apply 'seed-set add new seed #3' at 1 s: "
            + "they are skipped (the simulator, loopback processes, in-process nodes, docker and the netns bed apply seed-set changes)"));
    }
}
