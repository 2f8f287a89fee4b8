using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Runtimes.Sim;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Runtimes.Sim;

/// <summary>A simulation too large for the machine is said before it starts, and running out of memory ends in one line.</summary>
public class SimMemoryTests
{
    private const long GiB = 1L << 30;

    [TestCase(1_000_000, 2, 4.2, 4.5, TestName = "A million peers with two messages: about 4 GiB, as sim-1m peaks")]
    [TestCase(100_000, 100, 1.8, 2.3, TestName = "Messages kept until their time to live ends cost each peer their share: sim-100k, about 2 GiB")]
    [TestCase(10_000_000, 2, 39, 41, TestName = "Ten million peers: about 40 GiB")]
    public void Estimate_FollowsTheMeasuredRuns(long peers, long messages, double minGiB, double maxGiB)
    {
        double gib = SimMemory.Estimate(peers, messages) / (double)GiB;
        Assert.That(gib, Is.InRange(minGiB, maxGiB));
    }

    // origins ("all" = -1), messages each, interval s, time to live s, capacity -> a Message List's messages at once
    [TestCase(10, 10, 5, 300, 100_000, 100, TestName = "sim-100k: 10 origins of 10 messages, all within the time to live: 100")]
    [TestCase(2, 1, 90, 120, 100_000, 2, TestName = "sim-1m: 2 origins of one message: 2")]
    [TestCase(-1, 12, 10, 300, 100_000, 12_000, TestName = "every one of 1,000 peers an origin of 12: 12,000")]
    [TestCase(10, 1_000, 1, 60, 100_000, 610, TestName = "an origin's messages past the time to live are gone: 61 of each origin's 1,000")]
    [TestCase(-1, 12, 10, 300, 500, 500, TestName = "never past the capacity")]
    [TestCase(10, 0, 5, 300, 100_000, 0, TestName = "no messages: 0, the ring grows from one")]
    public void AMessageListsExpectedCount_FollowsTheGossipSchedule(int origins, int messages, double interval, double ttl, int capacity, int expected)
    {
        var s = new Scenario { Name = "t", Peers = 1_000 };
        s.Gossip["messagesPerPeer"] = messages;
        s.Gossip["intervalSeconds"] = interval;
        s.Gossip.Origins = System.Text.Json.JsonDocument.Parse(origins < 0 ? "\"all\"" : $"{origins}").RootElement.Clone();
        s.PeerSettings["messageListTtlSeconds"] = ttl;
        s.PeerSettings["messageListCapacity"] = capacity;
        Assert.That(ScenarioConfig.MessagesHeldAtOnce(s, ScenarioConfig.PeerConfigOf(s)), Is.EqualTo(expected));
        Assert.That(ScenarioConfig.PeerConfigOf(s).MessageListExpected, Is.EqualTo(expected), "every runtime's peers get it");
    }

    [Test]
    public void AnEstimateWithinWhatTheProcessMayUse_SaysNothing() =>
        Assert.That(SimMemory.Warning(4 * GiB, 23 * GiB), Is.Null);

    [Test]
    public void AnEstimateBeyondIt_SaysBothFiguresInOneLine()
    {
        string? line = SimMemory.Warning(40 * GiB, 23 * GiB);
        Assert.That(line, Does.StartWith("memory: a run this size needs about 40.0 GiB at its peak"));
        Assert.That(line, Does.Contain("may use 23.0 GiB: it will likely run out of memory"));
        Assert.That(line, Does.Not.Contain("\n"));
    }

    /// <summary>
    /// The command run as a user runs it, in a process whose heap is capped (as a container's
    /// limit caps it): the run warns first, then ends with one error line and no stack trace.
    /// </summary>
    [Test]
    public void RunningOutOfMemory_EndsInOneLine_NotAStackTrace() =>
        RunTooBig("", new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x8000000" }, // 128 MiB
            "memory: a run this size needs about", "error: out of memory: big with 200,000 peers needed more than this process may use");

    /// <summary>
    /// Runs a 200,000-peer scenario (with <paramref name="extraFields"/>) in a process of its own, which must run out of memory:
    /// the warning before the run, then one error line, no stack trace.
    /// </summary>
    internal static void RunTooBig(string extraFields, IReadOnlyDictionary<string, string> environment, string warning, string error)
    {
        string dir = Directory.CreateTempSubdirectory("gossipsim-oom-").FullName;
        try
        {
            string scenario = Path.Combine(dir, "big.json");
            File.WriteAllText(scenario, $$"""
                { "name": "big", "seed": 1, "seeds": 3, "peers": 200000, "joinWindowSeconds": 5,{{extraFields}}
                  "gossip": { "origins": 2, "intervalSeconds": 5, "messagesPerPeer": 1 } }
                """);
            using var run = ScenariosProcess.Alone(environment, scenario, "--out", Path.Combine(dir, "out"), "--quiet");
            Assert.That(run.WaitExit(TimeSpan.FromMinutes(5)), Is.True, "the run did not end");
            string errors = string.Join("\n", run.Errors).Trim();
            Assert.That(run.ExitCode, Is.Not.Zero);
            Assert.That(run.Output, Has.Some.Contains(warning));
            Assert.That(errors, Does.StartWith(error));
            Assert.That(run.Errors, Has.Count.EqualTo(1), errors);
            Assert.That(errors, Does.Not.Contain("Exception").And.Not.Contain(" at "));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
