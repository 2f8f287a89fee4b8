using GossipSim.Simulator.Partitions;

namespace GossipSim.Simulator.Tests.Partitions;

/// <summary>Which deliveries reach their node, which are dropped, and which come back to their sender as a failed send.</summary>
public class DeadLetterTests
{
    // runs, stale (sent to an earlier life), had a life, is itself a report -> fate
    [TestCase(true, false, true, false, DeadLetterFate.Deliver)]     // the life it was sent to runs
    [TestCase(true, false, true, true, DeadLetterFate.Deliver)]      // a report reaches its sender's sending life
    [TestCase(true, true, true, false, DeadLetterFate.Drop)]         // sent to an earlier life of a node that runs again
    [TestCase(true, true, true, true, DeadLetterFate.Drop)]          // a report for a sender that restarted since its send
    [TestCase(false, false, true, false, DeadLetterFate.TellSender)] // sent while it was down
    [TestCase(false, true, true, false, DeadLetterFate.TellSender)]  // sent before it went down, arriving after
    [TestCase(false, false, true, true, DeadLetterFate.Drop)]        // a report to a sender that is down: never answered
    [TestCase(false, true, true, true, DeadLetterFate.Drop)]
    [TestCase(false, false, false, false, DeadLetterFate.Drop)]      // never ran: not yet started
    public void Fate(bool runs, bool stale, bool hadLife, bool isReport, DeadLetterFate expected) =>
        Assert.That(DeadLetter.Fate(runs, stale, hadLife, isReport), Is.EqualTo(expected));
}
