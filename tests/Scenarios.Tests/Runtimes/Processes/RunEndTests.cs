using GossipSim.Scenarios.Runtimes.Processes;

namespace GossipSim.Scenarios.Tests.Runtimes.Processes;

/// <summary>A real run's end: planned, and moved by a fault applied after its time so that what follows the fault keeps its time.</summary>
public class RunEndTests
{
    // planned end 31 s (1 s start-up + 30 s), the end so far, how late the fault is applied → the new end, or -1 for "unchanged".
    [TestCase(31, 31, 0.0, -1, Description = "on time: the end stays")]
    [TestCase(31, 31, 0.2, -1, Description = "within a loop's turns: the end stays")]
    [TestCase(31, 31, 5.2, 36.2, Description = "late by 5.2 s (a busy engine, or a trigger): the end moves by as much")]
    [TestCase(31, 36.2, 3.0, -1, Description = "a second fault, less late: the end the first set holds")]
    [TestCase(31, 36.2, 8.0, 39, Description = "a second fault, later still: lateness counts from the planned end, it does not add up")]
    public void AFaultAppliedLate_MovesTheEnd_ByItsLateness_FromThePlannedEnd(double planned, double current, double late, double expected)
    {
        double? end = RunEnd.After(planned, current, late);
        if (expected < 0) Assert.That(end, Is.Null);
        else Assert.That(end, Is.EqualTo(expected).Within(1e-9));
    }
}
