using GossipSim.Engine.Liveness;
using GossipSim.Engine.Roles;
using static GossipSim.Engine.Roles.NeighbourHealth;
using static GossipSim.Engine.Liveness.MissStep;

namespace GossipSim.Engine.Tests;

/// <summary>R11 at a missed ping: the threshold in a row suspects, a suspect not confirmed is asked about again at its next miss, a
/// report nobody answered for as many misses again is suspected anew, and a verdict awaited waits.</summary>
public class ClassicRulesTests
{
    [TestCase(Alive, 1, 0, 3, Count)]
    [TestCase(Alive, 3, 0, 3, Suspect)]
    [TestCase(Missed, 2, 0, 3, Count)]
    [TestCase(Missed, 3, 0, 3, Suspect)]
    [TestCase(Missed, 7, 0, 3, Suspect)]
    [TestCase(Suspected, 4, 0, 3, AskAgain)]
    [TestCase(QueryingWitnesses, 4, 0, 3, Count)]
    [TestCase(Reported, 5, 3, 3, Count)]
    [TestCase(Reported, 6, 3, 3, SuspectAgain)]
    [TestCase(Alive, 1, 0, 1, Suspect)]
    public void AtMiss(NeighbourHealth health, int inARow, int atReport, int threshold, MissStep step) =>
        Assert.That(ClassicRules.AtMiss(health, inARow, atReport, threshold), Is.EqualTo(step));
}
