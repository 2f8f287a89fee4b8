using System.Text.Json;
using GossipSim.Scenarios.Commands;
using GossipSim.Scenarios.Runtimes.Processes;

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
        var output = new StringWriter();
        try
        {
            Console.SetIn(input);
            Console.SetOut(TextWriter.Synchronized(output));
            Assert.That(ScenariosCli.Run(["up", "--seeds", "1", "--peers", "2", "--out", dir]), Is.Zero, output.ToString);
        }
        finally
        {
            Console.SetIn(oldIn);
            Console.SetOut(oldOut);
            ChildProcesses.KillAll();
        }
        try
        {
            string printed = output.ToString();
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

    private static bool Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Limit;
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
