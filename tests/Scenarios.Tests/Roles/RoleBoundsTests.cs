using GossipSim.Engine.Bytes;
using GossipSim.Engine.Config;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Roles;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Roles;

/// <summary>
/// A user's broadcast that throws, or breaks a bound the peer keeps (sends to a peer that is not a neighbour, sets timers without
/// end), stops the run with one line naming the node, the virtual time and what happened: no stack trace, and nothing else runs on.
/// The roles are registered on the menu as a host registers its own.
/// </summary>
public class RoleBoundsTests : RunFolder
{
    private sealed record Nothing : ProtocolMessage
    {
        public override ushort Type => 1;
        public override void Write(WireWriter writer) { }
    }

    /// <summary>Throws at its first message.</summary>
    private sealed class Thrower : BroadcastRole
    {
        public override void OnFirstReceipt(BroadcastContext peer, in GossipCopy copy) =>
            throw new InvalidOperationException("this broadcast is not finished yet");
    }

    /// <summary>Speaks to itself, which is no neighbour.</summary>
    private sealed class Stranger : BroadcastRole
    {
        public override void OnFirstReceipt(BroadcastContext peer, in GossipCopy copy) => peer.Send(peer.Self, new Nothing());
    }

    /// <summary>Sets a timer for every number it can think of.</summary>
    private sealed class Timers : BroadcastRole
    {
        public override void OnFirstReceipt(BroadcastContext peer, in GossipCopy copy)
        {
            for (int i = 0; i < 1_000_000; i++) peer.SetTimer(TimeSpan.FromSeconds(1), i);
        }
    }

    private static readonly BroadcastChoice ThrowsChoice = new("test-throws", "throws", _ => new Thrower());
    private static readonly BroadcastChoice StrangerChoice = new("test-stranger", "sends to a stranger", _ => new Stranger());
    private static readonly BroadcastChoice TimersChoice = new("test-timers", "sets a million timers", _ => new Timers());

    private string RunUnder(BroadcastChoice choice)
    {
        var position = BroadcastMenu.Register(choice);
        var s = CrashHubUnder.OnTheSimulator(position, FailureDetector.Classic);
        return RoleFailureLine.Of(s, Dir, "broadcast", "its own message ");
    }

    [Test]
    public void ARoleThatThrows_StopsTheRun_NamingTheNodeTheTimeAndTheMessage() =>
        Assert.That(RunUnder(ThrowsChoice), Does.EndWith(": this broadcast is not finished yet"));

    [Test]
    public void ARoleThatSendsToANonNeighbour_HitsTheBound() =>
        Assert.That(RunUnder(StrangerChoice), Does.Contain("which is not a neighbour: a broadcast speaks only to its neighbours"));

    [Test]
    public void ARoleThatSetsAMillionTimers_HitsTheBound() =>
        Assert.That(RunUnder(TimersChoice), Does.Contain($"set more than {BroadcastContext.MaxTimers} timers at once"));

    [Test]
    public void ATakenName_OrABadOne_IsRefused_WhileTheSameChoiceAgainIsHarmless()
    {
        Assert.That(BroadcastMenu.Register(ThrowsChoice), Is.EqualTo(BroadcastMenu.Register(ThrowsChoice)));
        Assert.That(() => BroadcastMenu.Register(new BroadcastChoice("flood", "another flood", _ => new Thrower())),
            Throws.ArgumentException.With.Message.EqualTo("a broadcast named \"flood\" is on the menu already"));
        Assert.That(() => BroadcastMenu.Register(new BroadcastChoice("Push Pull", "?", _ => new Thrower())),
            Throws.ArgumentException.With.Message.Contains("\"Push Pull\" is not"));
    }
}
