using GossipSim.TestSupport;

namespace GossipSim.Scenarios.Tests.Suite;

/// <summary>The decision every test that needs an outside part takes: run, skip with the install line, or fail in CI.</summary>
public class MachinePartsTests
{
    private const string Missing = "no mpirun on PATH";

    [TestCase(null, false, PartOutcome.Run, TestName = "A part that is there runs the test")]
    [TestCase(null, true, PartOutcome.Run, TestName = "A part that is there runs the test in CI too")]
    [TestCase(Missing, false, PartOutcome.Skip, TestName = "A missing part skips the test outside CI")]
    [TestCase(Missing, true, PartOutcome.Fail, TestName = "A missing part fails the test in CI")]
    public void Decide(string? missing, bool ci, PartOutcome expected) =>
        Assert.That(MachineParts.Decide(MachinePart.Mpirun, missing, ci).Outcome, Is.EqualTo(expected));

    [Test]
    public void ASkip_SaysInOneLine_ThePart_TheCommandThatInstallsIt_AndWhatIsMissingHere()
    {
        string reason = MachineParts.Decide(MachinePart.Mpirun, "no mpirun\non PATH", ci: false).Reason;
        Assert.That(reason, Is.EqualTo("needs Open MPI's mpirun: apt-get install -y openmpi-bin libopenmpi-dev (here: no mpirun on PATH)"));
    }

    [Test]
    public void AFailureInCi_SaysWhyItIsNotASkip()
    {
        string reason = MachineParts.Decide(MachinePart.Chromium, "/usr/bin/chromium is missing", ci: true).Reason;
        Assert.That(reason, Does.StartWith("needs Chromium: apt-get install -y chromium (here: /usr/bin/chromium is missing)"));
        Assert.That(reason, Does.EndWith("CI=true turns a missing part into a failure"));
    }

    [Test]
    public void EveryPart_HasAName_AndAnInstallCommand()
    {
        foreach (var part in Enum.GetValues<MachinePart>())
        {
            Assert.That(part.Needs(), Is.Not.Empty.And.Not.Contain('\n'), $"{part}");
            Assert.That(part.Install(), Is.Not.Empty.And.Not.Contain('\n'), $"{part}");
        }
    }
}
