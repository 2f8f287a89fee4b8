using GossipSim.Engine.Config;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Roles;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Roles;

/// <summary>
/// A user's failure detector that throws, or breaks a bound the peer keeps (pings a peer that is not a neighbour, reports a
/// neighbour it never suspected, sets timers without end), stops the run with one line naming the node, the virtual time and what
/// happened. The detectors are registered on the menu as a host registers its own.
/// </summary>
public class DetectorBoundsTests : RunFolder
{
    /// <summary>Throws as it starts.</summary>
    private sealed class Thrower : FailureDetectorRole
    {
        public override void OnStart(DetectorContext peer) => throw new InvalidOperationException("this detector is not finished yet");
        public override void OnTimer(DetectorContext peer, long arg) { }
    }

    /// <summary>Pings itself, which is no neighbour.</summary>
    private sealed class Stranger : FailureDetectorRole
    {
        public override void OnStart(DetectorContext peer) => peer.Ping(peer.Self);
        public override void OnTimer(DetectorContext peer, long arg) { }
    }

    /// <summary>Reports its first neighbour a second after its start, never having suspected it.</summary>
    private sealed class Slanderer : FailureDetectorRole
    {
        public override void OnStart(DetectorContext peer) => peer.SetTimer(TimeSpan.FromSeconds(1), 7);
        public override void OnTimer(DetectorContext peer, long arg)
        {
            if (peer.Neighbours.Length > 0) peer.Report(0, agreeing: 0, asked: 0);
        }
    }

    /// <summary>Sets a timer for every number it can think of.</summary>
    private sealed class Timers : FailureDetectorRole
    {
        public override void OnStart(DetectorContext peer)
        {
            for (int i = 0; i < 1_000_000; i++) peer.SetTimer(TimeSpan.FromSeconds(1), i);
        }
        public override void OnTimer(DetectorContext peer, long arg) { }
    }

    private static readonly FailureDetectorChoice ThrowsChoice = new("test-throws", "throws", _ => new Thrower());
    private static readonly FailureDetectorChoice StrangerChoice = new("test-stranger", "pings a stranger", _ => new Stranger());
    private static readonly FailureDetectorChoice SlandererChoice = new("test-slanderer", "reports the living", _ => new Slanderer());
    private static readonly FailureDetectorChoice TimersChoice = new("test-timers", "sets a million timers", _ => new Timers());

    private string RunUnder(FailureDetectorChoice choice, string during)
    {
        var position = FailureDetectorMenu.Register(choice);
        var s = CrashHubUnder.OnTheSimulator(BroadcastProtocol.Flood, position);
        return RoleFailureLine.Of(s, Dir, "failure detector", during + @"\): ");
    }

    [Test]
    public void ADetectorThatThrows_StopsTheRun_NamingTheNodeTheTimeAndTheEvent() =>
        Assert.That(RunUnder(ThrowsChoice, "its start"), Does.EndWith(": this detector is not finished yet"));

    [Test]
    public void ADetectorThatPingsANonNeighbour_HitsTheBound() =>
        Assert.That(RunUnder(StrangerChoice, "its start"), Does.Contain("which is not a neighbour: a failure detector watches only its neighbours"));

    [Test]
    public void ADetectorThatReportsANeighbourItNeverSuspected_HitsTheBound() =>
        Assert.That(RunUnder(SlandererChoice, "its timer 7"), Does.Contain("which it does not suspect (Alive): a detector reports only a suspect"));

    [Test]
    public void ADetectorThatSetsAMillionTimers_HitsTheBound() =>
        Assert.That(RunUnder(TimersChoice, "its start"), Does.Contain($"set more than {DetectorContext.MaxTimers} timers at once"));

    [Test]
    public void ATakenName_OrABadOne_IsRefused_WhileTheSameChoiceAgainIsHarmless()
    {
        Assert.That(FailureDetectorMenu.Register(ThrowsChoice), Is.EqualTo(FailureDetectorMenu.Register(ThrowsChoice)));
        Assert.That(() => FailureDetectorMenu.Register(new FailureDetectorChoice("swim", "another swim", _ => new Thrower())),
            Throws.ArgumentException.With.Message.EqualTo("a failure detector named \"swim\" is on the menu already"));
        Assert.That(() => FailureDetectorMenu.Register(new FailureDetectorChoice("Phi Accrual", "?", _ => new Thrower())),
            Throws.ArgumentException.With.Message.Contains("\"Phi Accrual\" is not"));
    }
}
