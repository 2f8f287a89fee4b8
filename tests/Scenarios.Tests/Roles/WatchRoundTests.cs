using GossipSim.Engine.Config;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Roles;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Roles;

/// <summary>
/// How a detector's watch proceeds is its menu entry's word (<see cref="FailureDetectorChoice.WatchRoundStep"/>), not a flag on
/// SWIM: a registered detector that probes its neighbours in rounds gets SWIM's allowance per neighbour of its watchers' round, and
/// the simulator notes that round at a crash; one that says nothing, or the classic detector, watches every neighbour at once.
/// </summary>
public class WatchRoundTests : RunFolder
{
    private static FailureDetectorChoice Swim => FailureDetectorMenu.Choices[(int)FailureDetector.Swim];

    /// <summary>SWIM's role under another name, as a host would register a round-based detector of its own.</summary>
    private static readonly FailureDetectorChoice InRounds = new("test-in-rounds", "SWIM's role, saying it watches in rounds",
        c => Swim.Create(c)) { ReportedWithin = c => Swim.ReportedWithin!(c), WatchRoundStep = c => 3 * c.SwimPeriod };

    /// <summary>The same role, its entry silent on how it watches.</summary>
    private static readonly FailureDetectorChoice AllAtOnce = new("test-all-at-once", "SWIM's role, saying nothing of rounds",
        c => Swim.Create(c)) { ReportedWithin = c => Swim.ReportedWithin!(c) };

    private static Scenario CrashHub(FailureDetector detector) => CrashHubUnder.OnTheSimulator(BroadcastProtocol.Flood, detector);

    [Test]
    public void TheRemovalCheck_AllowsEachDetectorTheStepItsEntryGives()
    {
        double StepUnder(FailureDetector d) => ScenarioChecks.BoundsOf(CrashHub(d), 100).SecondsPerWatchRoundStep;
        var period = ScenarioConfig.PeerConfigOf(CrashHub(FailureDetector.Swim)).SwimPeriod.TotalSeconds;
        Assert.That(StepUnder(FailureDetector.Swim), Is.EqualTo(2 * period), "SWIM: two periods a neighbour");
        Assert.That(StepUnder(FailureDetectorMenu.Register(InRounds)), Is.EqualTo(3 * period), "the registered detector's own step");
        Assert.That(StepUnder(FailureDetectorMenu.Register(AllAtOnce)), Is.EqualTo(0));
        Assert.That(StepUnder(FailureDetector.Classic), Is.EqualTo(0));
    }

    [Test]
    public void ACrashUnderADetectorThatWatchesInRounds_NotesItsWatchersRound_AndUnderOneThatDoesNot_NoRound()
    {
        int? RoundOfTheHub(FailureDetector d, string name) => RunDoor.Run(CrashHub(d),
            new RunOptions { Quiet = true, Logs = false, TraceFile = false }, Path.Combine(Dir, name), _ => { }).Summary.Failures.Single().WatchRound;
        Assert.That(RoundOfTheHub(FailureDetectorMenu.Register(InRounds), "in-rounds"), Is.GreaterThan(0));
        Assert.That(RoundOfTheHub(FailureDetectorMenu.Register(AllAtOnce), "all-at-once"), Is.Null);
    }
}
