using System.Collections.Concurrent;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Roles;
using GossipSim.Engine.Vocabulary;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Runtimes.Sim;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Roles;

/// <summary>
/// A send across a partition times out, as TCP's connect does: on sim-partition (seed 0 and peers 0-49 cut off from 40 s to 100 s) a
/// peer's detector hears of its sends to neighbours across the cut (<see cref="FailureDetectorRole.OnSendFailed"/>), only to those,
/// no sooner than the transport's connect timeout after the cut, and the same on two threads.
/// </summary>
public class PartitionSendTimeoutTests : RunFolder
{

    /// <summary>What every peer's detector heard, as "ticks peer neighbour" lines (peers run on several threads: a concurrent bag).</summary>
    private static readonly ConcurrentBag<string> Heard = new();


    private static readonly FailureDetectorChoice HearsTimeouts = ListeningDetector.Choice("test-hears-send-timeouts", Heard);

    private List<string> RunPartition(int threads)
    {
        Heard.Clear();
        var s = ScenarioLoader.Load(ScenarioLoader.Resolve("sim-partition.json"));
        s.Protocol["failureDetector"] = (double)FailureDetectorMenu.Register(HearsTimeouts);
        RunDoor.Run(s, new RunOptions { Quiet = true, Logs = false, TraceFile = false, Threads = threads },
            Path.Combine(Dir, $"threads-{threads}"), _ => { });
        return Heard.OrderBy(l => l, StringComparer.Ordinal).ToList();
    }

    /// <summary>Peers 0-49 are on seed 0's side of sim-partition's cut.</summary>
    private static readonly HashSet<string> CutOff = Enumerable.Range(0, 50).Select(i => SimAddresses.Peer(i).ToString()).ToHashSet();

    [Test]
    public void SendsAcrossTheCut_FailAfterTheConnectTimeout_OnlyAcrossIt_TheSameOnTwoThreads()
    {
        var one = RunPartition(1);
        var ticks = one.Select(l => long.Parse(l.Split(' ')[0])).ToList();
        TestContext.Out.WriteLine($"{one.Count} failed sends heard by {one.Select(l => l.Split(' ')[1]).Distinct().Count()} peers, "
            + $"from {ticks.DefaultIfEmpty().Min() / 1e7:F3} s to {ticks.DefaultIfEmpty().Max() / 1e7:F3} s");
        Assert.That(one, Is.Not.Empty, "peers ping and gossip across the cut while it lasts");
        foreach (var line in one)
        {
            var f = line.Split(' ');
            Assert.That(CutOff.Contains(f[1]), Is.Not.EqualTo(CutOff.Contains(f[2])), $"{line}: a report between two sides of the cut");
        }
        var cut = TimeSpan.FromSeconds(40);
        var healed = TimeSpan.FromSeconds(100);
        Assert.That(ticks, Is.All.InRange((cut + TransportTimeouts.Connect).Ticks, (healed + TransportTimeouts.Connect).Ticks),
            "a message sent during the cut is reported the connect timeout after its send");
        Assert.That(RunPartition(2), Is.EqualTo(one), "the same reports, at the same times, on two threads");
    }
}
