using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Simulator.Ranks;
using GossipSim.Simulator.Tests.Ranks;

namespace GossipSim.Scenarios.Tests.Runtimes.Sim;

/// <summary>
/// A simulated run is the same trace, byte for byte, on any number of ranks: here ranks are
/// threads of the test process (<see cref="ThreadRanks"/>), each running the whole run path with
/// its share of the nodes, as mpirun's processes do (<see cref="SimRanksUnderMpirunTests"/> runs
/// the real thing). Every fault crosses ranks: loss, duplication and reordering, churn's joins,
/// leaves and crashes, a seed's crash and restart.
/// </summary>
public class RankCountTests
{
    [Test]
    public void LossDuplicationAndReordering_GiveOneTrace_On1_2And3Ranks()
    {
        var s = Load("sim-loss.json");
        s.Network.Latency = new LatencySpec { Model = "uniform", MinMs = 5, MaxMs = 60 };
        s.Peers = 60;
        AssertOneTrace(s);
    }

    [Test]
    public void ChurnJoinsLeavesAndCrashes_GiveOneTrace_On1_2And3Ranks()
    {
        var s = Load("sim-churn.json");
        s.Peers = 50;
        AssertOneTrace(s);
    }

    [Test]
    public void ASeedsCrashAndRestart_GiveOneTrace_On1_2And3Ranks()
    {
        var s = Load("sim-seed-crash.json");
        s.Peers = 40;
        AssertOneTrace(s);
    }

    // The shipped scenarios that SimRanksUnderMpirunTests also runs under mpirun, there on 2 or 3 ranks each.
    [TestCase("sim-partition.json")]
    [TestCase("wan-crash-hub-small.json")] // a node's country and a pair's base drawn alike on every rank
    [TestCase("sim-seed-set.json")] // each question to a seed answered by its rank to every rank (SimNetwork.Ask)
    [TestCase("drain-host.json")] // a seed's next life at a place kept for it, on whichever rank holds that place
    public void AShippedScenario_GivesOneTrace_On1_2And3Ranks(string name) => AssertOneTrace(Load(name));

    [Test]
    public void RecordedManagerCommands_GiveOneTrace_On1_2And3Ranks()
    {
        // The dashboard-free manager log (--operator): kills, a partition and its heal, peers added and a restart, each at its
        // virtual time, on whichever rank owns the node.
        var s = Load("sim-seed-crash.json");
        s.Peers = 40;
        string dir = Temp();
        try
        {
            string record = Path.Combine(dir, "operator-commands.json");
            File.WriteAllText(record, """
                [
                  { "at": 30, "command": "kill peer:5" },
                  { "at": 32, "command": "partition seed:0,peers:0-9 | peers:10-39" },
                  { "at": 45, "command": "heal" },
                  { "at": 46, "command": "add 3" },
                  { "at": 60, "command": "restart peer:5" },
                  { "at": 62, "command": "kill hub" }
                ]
                """);
            var one = AssertOneTrace(s, record);
            Assert.That((IEnumerable<object>)one.Summary.Extra![GossipSim.Scenarios.Run.Control.OperatorLog.SummaryField], Has.Count.EqualTo(6), "every command was carried out");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void OnlyRankZero_WritesTheResultsFolder()
    {
        var s = Load("sim-churn.json");
        s.Peers = 30;
        s.DurationSeconds = 40;
        var dirs = new[] { Temp(), Temp() };
        try
        {
            ThreadRanks.Run(2, ranks => RunDoor.Run(s, new RunOptions { Quiet = true, Logs = true, Threads = 1, Ranks = ranks },
                dirs[ranks.Rank], _ => { }));
            Assert.That(Directory.EnumerateFileSystemEntries(dirs[0]), Is.Not.Empty, "rank 0 wrote the trace and the node logs");
            Assert.That(Directory.EnumerateFileSystemEntries(dirs[1]), Is.Empty, "rank 1 wrote nothing");
        }
        finally
        {
            foreach (var d in dirs) Directory.Delete(d, recursive: true);
        }
    }

    [Test]
    public void ALatencyThatCanBeZero_OnRanks_IsRefusedInOneLine()
    {
        var s = Load("sim-loss.json"); // log-normal: no smallest delay above 0, so no window for ranks to run side by side
        var failure = Assert.Throws<RankExchangeException>(() => ThreadRanks.Run(2, ranks => Run(s, ranks)));
        Assert.That(failure!.Message, Does.Contain("0 ms").And.Contain("ranks"));
    }

    private static RunResult AssertOneTrace(Scenario s, string? operatorFile = null)
    {
        var one = Run(s, ranks: null, operatorFile);
        foreach (int count in new[] { 2, 3 })
        {
            var results = ThreadRanks.Run(count, ranks => Run(s, ranks, operatorFile));
            var zero = results[0];
            Assert.That(zero.Summary.Extra!["ranks"], Is.EqualTo(count), "the run did not split across ranks: nothing here tested them");
            Assert.That(zero.Summary.TraceHash, Is.EqualTo(one.Summary.TraceHash), $"{count} ranks gave another trace than one process");
            Assert.That(zero.Summary.Events, Is.EqualTo(one.Summary.Events), "every rank's events, summed");
            Assert.That(zero.Summary.Extra["messagesSent"], Is.EqualTo(one.Summary.Extra!["messagesSent"]));
            Assert.That(zero.Summary.Extra["victims"], Is.EqualTo(one.Summary.Extra["victims"]), "the same victims");
        }
        Assert.That(one.Summary.Checks!.Where(c => c.Verdict == Analysis.Summary.CheckVerdict.Failed).Select(c => c.Name), Is.Empty);
        return one;
    }

    private static RunResult Run(Scenario s, IRankExchange? ranks, string? operatorFile = null)
    {
        string dir = Temp();
        try
        {
            return RunDoor.Run(s, new RunOptions { Quiet = true, Logs = false, TraceFile = false, Threads = 1, Ranks = ranks,
                OperatorFile = operatorFile }, dir, _ => { });
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Temp() => Directory.CreateTempSubdirectory("gossipsim-ranks-").FullName;

    private static Scenario Load(string name) => ScenarioLoader.Load(Path.Combine(GoldenTraceHashTests.ScenariosFolder(), name));
}
