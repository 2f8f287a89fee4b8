using System.Text.Json;
using GossipSim.Scenarios.Commands;
using GossipSim.Scenarios.Runtimes.Processes;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Commands;

/// <summary>
/// <c>up</c> keeps a network of real node processes under the manager until exit: typed lines
/// are carried out (a kill by bare port among them), and exit ends the run with its results.
/// </summary>
[NonParallelizable] // swaps Console.In and Console.Out
public class UpCommandTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Test]
    public void Up_RunsUntilExit_TakingManagerCommands_ThenWritesTheResults()
    {
        string dir = Directory.CreateTempSubdirectory("gossipsim-up-").FullName;
        string nodes = Path.Combine(dir, "nodes");
        string? killed = null;
        var input = new ScriptedInput(
            () =>
            {
                // Both peers registered: the network is up and kept. (If it never comes up, exit, and the asserts below say so.)
                bool up = Until(() => Enumerable.Range(0, 2).All(i => NodeStatus.Read(Path.Combine(nodes, $"peer-{i}")) is { } s && s.GetProperty("registered").GetBoolean()));
                return up ? "list" : "exit";
            },
            () =>
            {
                killed = NodeStatus.Read(Path.Combine(nodes, "peer-1"))?.GetProperty("address").GetString();
                return killed == null ? "exit" : "kill " + killed.Split(':')[1];
            },
            () => "frobnicate",
            () => "exit");
        var (oldIn, oldOut) = (Console.In, Console.Out);
        var output = new SharedOutput();
        string Printed() => output.Printed();
        try
        {
            Console.SetIn(input);
            Console.SetOut(output.Writer);
            Assert.That(ScenariosCli.Run(["up", "--seeds", "1", "--peers", "2", "--out", dir]), Is.Zero, Printed);
        }
        finally
        {
            Console.SetIn(oldIn);
            Console.SetOut(oldOut);
            ChildProcesses.KillAll();
        }
        try
        {
            string printed = Printed();
            Assert.That(printed, Does.Contain("manager> peer 1 " + killed + " up"), "list");
            Assert.That(printed, Does.Contain($"manager> killed peer {killed}"), "kill by a bare port");
            Assert.That(printed, Does.Contain("manager> error: unknown command 'frobnicate'; commands: list"));
            Assert.That(printed, Does.Contain("manager> stopping the run"), "exit, as quit");
            using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
            Assert.That(summary.RootElement.GetProperty("failures").EnumerateArray().Select(f => f.GetProperty("node").GetString()), Is.EqualTo(new[] { killed }));
            Assert.That(File.ReadAllText(Path.Combine(dir, "outputfile.txt")), Does.Contain($"[run] crash: peer {killed} killed"));
            Assert.That(File.ReadAllText(Path.Combine(dir, "repro.txt")), Does.Contain("-- up --seeds 1 --peers 2"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// The operator kills a peer: the terminal tells the network suspecting, reporting and removing
    /// it as it happens (before the quit), and the checks at the quit judge the kill as a crash the
    /// seeds had to remove in time, passed. Classic timings: about 45 s from the kill to the removal.
    /// </summary>
    [Test]
    public void Up_TellsAKilledPeersSuspicionAndRemovalAsTheyHappen_AndTheQuitJudgesItRemovedInTime()
    {
        string dir = Directory.CreateTempSubdirectory("gossipsim-up-").FullName;
        string nodes = Path.Combine(dir, "nodes");
        var output = new SharedOutput();
        string Printed() => output.Printed();
        string? killed = null, survivor = null;
        var input = new ScriptedInput(
            () =>
            {
                bool up = Until(() => Enumerable.Range(0, 3).All(i => NodeStatus.Read(Path.Combine(nodes, $"peer-{i}")) is { } s
                    && s.GetProperty("registered").GetBoolean() && s.GetProperty("degree").GetInt32() == 2));
                killed = NodeStatus.Read(Path.Combine(nodes, "peer-1"))?.GetProperty("address").GetString();
                survivor = NodeStatus.Read(Path.Combine(nodes, "peer-0"))?.GetProperty("address").GetString();
                return up && killed != null ? "kill peer:1" : "exit";
            },
            // Quit once the terminal has told the removal: it is printed while the run goes on.
            () =>
            {
                Until(() => Printed().Contains($"removed peer {killed}", StringComparison.Ordinal), TimeSpan.FromSeconds(240));
                return "exit";
            });
        var (oldIn, oldOut) = (Console.In, Console.Out);
        try
        {
            Console.SetIn(input);
            Console.SetOut(output.Writer);
            Assert.That(ScenariosCli.Run(["up", "--seeds", "1", "--peers", "3", "--out", dir]), Is.Zero, Printed);
        }
        finally
        {
            Console.SetIn(oldIn);
            Console.SetOut(oldOut);
            ChildProcesses.KillAll();
        }
        try
        {
            string text = Printed();
            Assert.That(killed, Is.Not.Null, text);
            Assert.That(text, Does.Contain($"peer {survivor} joined: registered with 1 seed"), "a join is told");
            int suspected = text.IndexOf($"suspects peer {killed}", StringComparison.Ordinal);
            int reported = text.IndexOf($"reports peer {killed} dead to the seeds", StringComparison.Ordinal);
            int removed = text.IndexOf($"removed peer {killed}; no other seed listed it", StringComparison.Ordinal);
            int quit = text.IndexOf("manager> stopping the run", StringComparison.Ordinal);
            Assert.That(new[] { suspected, reported, removed }, Is.All.GreaterThanOrEqualTo(0), text);
            Assert.That(new[] { suspected, reported, removed, quit }, Is.Ordered, "told as it happened, before the quit:\n" + text);
            var summary = Analysis.Summary.RunSummary.FromJson(File.ReadAllText(Path.Combine(dir, "summary.json")));
            var crash = summary.Checks!.Single(c => c.Name == Analysis.Checks.TraceChecks.CrashedRemoved);
            Assert.That(crash.Verdict, Is.EqualTo(Analysis.Summary.CheckVerdict.Passed), crash.Line());
            var news = summary.Checks!.Single(c => c.Name == Analysis.Checks.TraceChecks.NewGossipReachesAll);
            // Quit at the removal, before the heal could settle: nothing to judge, said in words (not an empty window of times).
            Assert.That(news.Verdict, Is.EqualTo(Analysis.Summary.CheckVerdict.NotExercised), news.Line());
            Assert.That(news.Detail, Does.StartWith("the run ended at t=").And.Contain($"too soon after the crash of peer {killed} at t="));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static bool Until(Func<bool> condition, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? Limit);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            Thread.Sleep(100);
        }
        return true;
    }

    /// <summary>Lines a person would type, each given when its step returns (a step may wait for the network first).</summary>
    private sealed class ScriptedInput(params Func<string>[] steps) : TextReader
    {
        private int _next;

        public override string? ReadLine() => _next < steps.Length ? steps[_next++]() : null;
    }
}
