using GossipSim.Engine.Peer;
using GossipSim.Engine.Roles;
using static GossipSim.Engine.Roles.NeighbourHealth;
using static GossipSim.Engine.Peer.HealthEvent;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Tests;

public class NeighbourHealthTests
{
    [TestCase(Alive, Answered, Alive)]
    [TestCase(NeighbourHealth.Missed, Answered, Alive)]
    [TestCase(Suspected, Answered, Alive)]
    [TestCase(QueryingWitnesses, Answered, Alive)]
    [TestCase(Reported, Answered, Alive)]
    [TestCase(Alive, HealthEvent.Missed, NeighbourHealth.Missed)]
    [TestCase(NeighbourHealth.Missed, HealthEvent.Missed, NeighbourHealth.Missed)]
    [TestCase(Alive, MissedThreshold, Suspected)]
    [TestCase(NeighbourHealth.Missed, MissedThreshold, Suspected)]
    [TestCase(Suspected, MissedThreshold, Suspected)]
    [TestCase(QueryingWitnesses, MissedThreshold, QueryingWitnesses)]
    [TestCase(Reported, MissedThreshold, Reported)]
    [TestCase(Suspected, WitnessesAsked, QueryingWitnesses)]
    [TestCase(Alive, WitnessesAsked, Alive)]
    [TestCase(Suspected, VerdictReport, Reported)]
    [TestCase(QueryingWitnesses, VerdictReport, Reported)]
    [TestCase(Alive, VerdictReport, Alive)]
    [TestCase(QueryingWitnesses, VerdictNotConfirmed, Suspected)]
    [TestCase(Alive, VerdictNotConfirmed, Alive)]
    [TestCase(Reported, ReportUnanswered, Suspected)]
    [TestCase(Suspected, ReportUnanswered, Suspected)]
    [TestCase(Reported, ReportRejected, Suspected)]
    [TestCase(Alive, ReportRejected, Alive)]
    public void Next(NeighbourHealth from, HealthEvent e, NeighbourHealth to) =>
        Assert.That(NeighbourHealthRules.Next(from, e), Is.EqualTo(to));

    [TestCase(Alive, false)]
    [TestCase(NeighbourHealth.Missed, false)]
    [TestCase(Suspected, true)]
    [TestCase(QueryingWitnesses, true)]
    [TestCase(Reported, true)]
    public void IsSuspected(NeighbourHealth health, bool suspected) =>
        Assert.That(NeighbourHealthRules.IsSuspected(health), Is.EqualTo(suspected));
}
