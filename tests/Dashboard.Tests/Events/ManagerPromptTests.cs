using GossipSim.Scenarios.Dashboard;
using GossipSim.Dashboard.Tests.Support;

namespace GossipSim.Dashboard.Tests.Events;

public class ManagerPromptTests
{
    [Test]
    public void TypedCommands_GoToTheRun_AndTheirAnswersArePrinted()
    {
        var run = new FakeRun("/nonexistent") { Answer = c => c == "list" ? new[] { "seed 0 127.0.0.1:5000 up", "peer 0 127.0.0.1:4000 up, degree 3" } : new[] { $"killed peer 127.0.0.1:4000 (degree 3)" } };
        var output = new StringWriter();
        ManagerPrompt.Start(run, run.ExecuteAsync, new StringReader("list\n\n  help \nkill hub\n"), output, announce: true);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!output.ToString().Contains("killed") && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Assert.That(run.Commands, Is.EqualTo(new[] { "list", "kill hub" }));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines[0], Does.StartWith("manager: type a command"));
        Assert.That(lines.Skip(1), Is.EqualTo(new[]
        {
            "manager> seed 0 127.0.0.1:5000 up", "manager> peer 0 127.0.0.1:4000 up, degree 3",
            "manager: " + ManagerPrompt.Help, "manager> killed peer 127.0.0.1:4000 (degree 3)",
        }));
    }
}
