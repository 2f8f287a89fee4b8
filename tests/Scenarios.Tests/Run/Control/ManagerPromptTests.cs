using GossipSim.Engine.Core;
using GossipSim.Scenarios.Run.Control;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Run.Control;

public class ManagerPromptTests
{
    private static readonly NodeAddress Peer0 = new((127u << 24) | 1, 4000);

    [Test]
    public void TypedLines_GoToTheRunAsCommands_AndTheirAnswersArePrinted()
    {
        var run = new FakeRun("/nonexistent")
        {
            Answer = c => c is ListNodes
                ? new RunAnswer(true, new[] { "seed 0 127.0.0.1:5000 up", "peer 0 127.0.0.1:4000 up, degree 3" }, Array.Empty<NodeInfo>())
                : RunAnswer.Ok("killed peer 127.0.0.1:4000 (degree 3)"),
        };
        var output = new StringWriter();
        ManagerPrompt.Start(run, run.SendAsync, new StringReader("list\n\n  help \nkill hub\nkill nobody\nkill peer:2\n"), output, announce: true);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (run.Commands.Count < 3 && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Thread.Sleep(100);
        Assert.That(run.Commands, Is.EqualTo(new RunCommand[] { new ListNodes(), new KillNode(NodeTarget.TheHub), new KillNode(NodeTarget.Of(NodeRef.Peer(2))) }));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines[0], Does.StartWith("manager: type a command"));
        Assert.That(lines.Skip(1).Take(5), Is.EqualTo(new[]
        {
            "manager> seed 0 127.0.0.1:5000 up", "manager> peer 0 127.0.0.1:4000 up, degree 3",
            "manager: " + ManagerCommand.Help, "manager> killed peer 127.0.0.1:4000 (degree 3)",
            "manager> error: kill: expected hub, peer:i, seed:i, an address ip:port or a port, not 'nobody'",
        }));
    }

    [TestCase("list", "list")]
    [TestCase("add", "add 1")]
    [TestCase("add 7", "add 7")]
    [TestCase("kill hub", "kill hub")]
    [TestCase("kill seed:1", "kill seed:1")]
    [TestCase("kill 127.0.0.1:4000", "kill 127.0.0.1:4000")]
    [TestCase("restart peer:3", "restart peer:3")]
    [TestCase("partition seed:0, peers:0-4 | peers:5-9", "partition seed:0,peers:0-4 | peers:5-9")]
    [TestCase("partition one-way peer:0 | seeds", "partition one-way peer:0 | seeds")]
    [TestCase("heal", "heal")]
    [TestCase("quit", "quit")]
    public void AManagerLine_IsParsedOnce_AndFormatsBackTheSame(string line, string formatted)
    {
        var command = ManagerCommand.Parse(line, out string error);
        Assert.That(error, Is.Empty);
        Assert.That(ManagerCommand.Format(command!), Is.EqualTo(formatted));
    }

    [TestCase("add many", "add: expected a number")]
    [TestCase("restart hub", "restart: expected peer:i")]
    [TestCase("partition", "partition: expected groups")]
    [TestCase("dance", "unknown command 'dance'")]
    [TestCase("list all", "unknown command 'list all'")]
    public void ABadLine_IsRefusedSayingWhatWasExpected(string line, string expected)
    {
        Assert.That(ManagerCommand.Parse(line, out string error), Is.Null);
        Assert.That(error, Does.StartWith(expected));
    }
}
