using GossipSim.Engine.Core;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run.Control;
using GossipSim.Scenarios.Run.Faults;
using GossipSim.Scenarios.Tests.Support;
using GossipSim.Engine.Vocabulary;
using GossipSim.TestSupport;

namespace GossipSim.Scenarios.Tests.Run.Control;

public class ManagerPromptTests
{
    private static readonly NodeAddress Peer0 = new((127u << 24) | 1, 4000);

    [Test]
    public async Task TypedLines_GoToTheRunAsCommands_AndTheirAnswersArePrinted()
    {
        var run = new FakeRun("/nonexistent")
        {
            Answer = c => c is ListNodes
                ? new RunAnswer(true, new[] { "seed 0 127.0.0.1:5000 up", "peer 0 127.0.0.1:4000 up, degree 3" }, Array.Empty<NodeInfo>())
                : RunAnswer.Ok("killed peer 127.0.0.1:4000 (degree 3)"),
        };
        var output = new SharedOutput();
        ManagerPrompt.Start(run, run.SendAsync, new StringReader("list\n\n  help \nkill hub\nkill nobody\nkill peer:2\n"), output.Writer, announce: true);
        // The last line typed is answered last: its answer (the second "killed") proves every line before it carried out and printed.
        await Eventually.HoldsAsync(() => output.Printed().Split("manager> killed peer").Length - 1 == 2, "the answer to 'kill peer:2' is printed");
        Assert.That(run.Commands, Is.EqualTo(new RunCommand[] { new ListNodes(), new KillNode(NodeTarget.TheHub), new KillNode(NodeTarget.Of(NodeRef.Peer(2))) }));
        var lines = output.Printed().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines[0], Does.StartWith("manager: type a command"));
        Assert.That(lines.Skip(1).Take(5), Is.EqualTo(new[]
        {
            "manager> seed 0 127.0.0.1:5000 up", "manager> peer 0 127.0.0.1:4000 up, degree 3",
            "manager: " + ManagerCommand.HelpFor(RunCapability.NodeCommands), "manager> killed peer 127.0.0.1:4000 (degree 3)",
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
    [TestCase("seed-set add", "seed-set add")]
    [TestCase("seed-set remove 1", "seed-set remove 1")]
    [TestCase("seed-set  replace 0", "seed-set replace 0")]
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
    [TestCase("seed-set grow", "seed-set: expected 'add', 'remove <seed index>' or 'replace <seed index>', not 'grow'")]
    [TestCase("seed-set remove", "seed-set: expected 'add'")]
    public void ABadLine_IsRefusedSayingWhatWasExpected(string line, string expected)
    {
        Assert.That(ManagerCommand.Parse(line, out string error), Is.Null);
        Assert.That(error, Does.StartWith(expected));
    }

    // Loopback processes and in-process hosting cannot cut the network; the netns bed and Docker with nft can.
    [TestCase(NetworkEffects.None, false, TestName = "TheLoopbackPrompt_OffersNoPartitionOrHeal_AndRefusesOneTypedAnyway")]
    [TestCase(NetworkEffects.Partition | NetworkEffects.Loss | NetworkEffects.LatencySpike, true, TestName = "TheNetnsPrompt_OffersPartitionAndHeal")]
    public async Task ThePrompt_OffersOnlyTheCommandsItsRuntimeCarriesOut(NetworkEffects network, bool cuts)
    {
        var run = new FakeRun("/nonexistent") { Capabilities = RunCapability.Of(network) };
        run.Answer = c => RunCapability.Refusal(c, run.Capabilities, "loopback processes") is { } no ? RunAnswer.Refused(no) : RunAnswer.Ok("healed");
        var output = new SharedOutput();
        ManagerPrompt.Start(run, run.SendAsync, new StringReader("help\nheal\ndance\n"), output.Writer, announce: true);
        // The last line typed is answered last: its answer proves the ones before it printed.
        await Eventually.HoldsAsync(() => output.Printed().Contains("unknown command 'dance'"), "the answer to the last line ('dance') is printed");
        var lines = output.Printed().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var offered = new[] { lines[0], lines[1], lines[3] }; // the announcement, help, and the commands an unknown line lists
        Assert.That(offered[0], Does.StartWith("manager: type a command and Enter: list | add [n] | kill "));
        Assert.That(offered[1], Does.StartWith("manager: list | add [n] | kill "));
        Assert.That(offered[2], Does.StartWith("manager> error: unknown command 'dance'; commands: list | add [n] | kill "));
        foreach (var line in offered)
        {
            Assert.That(line.Contains("partition", StringComparison.Ordinal), Is.EqualTo(cuts), line);
            Assert.That(line.Contains("| heal |", StringComparison.Ordinal), Is.EqualTo(cuts), line);
            Assert.That(line, Does.Contain("restart <peer:i|seed:i|ip:port|port>").And.Contain("quit (or exit)"), line);
        }
        Assert.That(lines[2], Is.EqualTo(cuts ? "manager> healed"
            : "manager> heal needs control of the network between nodes: loopback processes has none (use \"runtime\": \"netns\", or the "
            + "simulator with --dashboard)"), "a command typed anyway is carried out or refused with the reason");
    }
}
