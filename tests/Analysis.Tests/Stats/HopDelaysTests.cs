using GossipSim.Analysis.Stats;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Analysis.Tests.Stats;

public class HopDelaysTests
{
    private static readonly NodeAddress O = NodeAddress.Parse("10.1.0.1:7000"), A = NodeAddress.Parse("10.1.0.2:7000"), B = NodeAddress.Parse("10.1.0.3:7000");
    private static readonly MessageId M = new(O, 1);

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    /// <summary>A triangle O–A–B: O creates M at 0, A has it from O at 2 ms, B from A at 5 ms.</summary>
    private static IEnumerable<TraceEvent> Triangle()
    {
        foreach (var n in new[] { O, A, B }) yield return new(TimeSpan.Zero, TraceKind.NodeStarted, n, A: 1, Detail: "peer");
        foreach (var (x, y) in new[] { (O, A), (O, B), (A, B) })
        {
            yield return new(TimeSpan.Zero, TraceKind.LinkUp, x, y);
            yield return new(TimeSpan.Zero, TraceKind.LinkUp, y, x);
        }
        yield return new(Ms(10), TraceKind.GossipCreated, O, Message: M);
        yield return new(Ms(12), TraceKind.GossipDelivered, A, O, M, A: 1, B: Ms(10).Ticks);
        yield return new(Ms(15), TraceKind.GossipDelivered, B, A, M, A: 2, B: Ms(10).Ticks);
    }

    [Test]
    public void TheFirstCopyToArrive_IsSeenWhole_AndTheCopiesItBeat_AreCensoredAtItsArrival()
    {
        var hops = HopDelays.Of(Triangle()).Select(h => (Math.Round(h.Delay.Value * 1000, 6), h.Delay.Ended, h.SenderFanOut)).ToList();
        Assert.That(hops, Is.EquivalentTo(new[]
        {
            (2.0, true, 2),   // O → A: A's first receipt, 2 ms after O created it; O sent to both neighbours
            (5.0, false, 2),  // O → B: still under way when B had it from A, 5 ms after O sent it
            (3.0, true, 1),   // A → B: A sends only to B (M came from O); O already has it, so B sends nothing
        }));
    }

    [Test]
    public void TheFit_GivesEveryCopysAndTheFirstCopiesQuantiles()
    {
        var fit = HopDelayFit.Of(Triangle(), quantiles: 3);
        Assert.That(fit.FirstQuantilesMs, Is.EqualTo(new[] { 2.0, 2.0, 3.0 }), "nearest rank: the median of 2 and 3 ms is 2");
        Assert.That((fit.Copies, fit.Seen), Is.EqualTo((3, 2)));
        // Kaplan–Meier: 2 ends (F = 1/3), 3 ends (F = 1/3 + 2/3 · 1/2 = 2/3), 5 is censored: the table stops at the last ending.
        Assert.That(fit.QuantilesMs, Is.EqualTo(new[] { 2.0, 3.0, 3.0 }));
    }

    [Test]
    public void ATraceWithoutHops_IsRefusedInWords()
    {
        var ex = Assert.Throws<InvalidDataException>(() => HopDelayFit.Of(Triangle().Take(9)));
        Assert.That(ex!.Message, Does.Contain("no gossip hop"));
    }
}
