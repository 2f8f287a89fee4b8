using GossipSim.Engine.Messages;
using GossipSim.Engine.Tests.Support;
using GossipSim.Simulator.Latency;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Tests.Latency;

public class SlotLatencyTests
{
    private static readonly NodeAddress Origin = new(0x0a000001, 7000);
    private static Engine.Messages.Gossip Message(int n, long createdTicks = 0) => new(new MessageId(Origin, n), new TimeSpan(createdTicks), 1, false);

    // (path, slot, time since creation) → delay: the path when it reaches the node at or after the
    // slot; else the wait until the slot, plus the path's arrival over TieOrder (ties in arrival order).
    [TestCase(50, 40, 0, 50, TestName = "ThePathLaterThanTheSlot_IsThePath")]
    [TestCase(50, 50, 0, 50, TestName = "ThePathAtTheSlot_IsThePath")]
    [TestCase(10, 8192, 0, 8192 + 10 / 4096, TestName = "AFastFirstHop_WaitsForTheSlot")]
    [TestCase(100, 8192, 4096, 4096 + (4096 + 100) / 4096, TestName = "ALaterCopy_WaitsOnlyTheRestOfTheSlot")]
    [TestCase(100, 8192, 9000, 100, TestName = "ACopySentAfterTheSlot_IsThePath")]
    [TestCase(100, 0, 0, 100, TestName = "ANoWaitSlot_IsThePath")]
    public void TheDelay_IsThePath_OrTheWaitUntilTheSlot(long path, long slot, long sinceCreation, long expected)
    {
        Assert.That(SlotLatency.DelayTicks(path, slot, sinceCreation), Is.EqualTo(expected));
    }

    private static readonly EmpiricalLatency ZeroToTen = new([0, 10], "0 to 10 ms");

    // (keyed draw, arrival ms, wake weight) → where the slot (uniform 0–10 ms) is read.
    [TestCase(0.3, 5.0, 0.0, 0.3, TestName = "WithoutWakeWeight_TheDrawAlone")]
    [TestCase(0.5, 5.0, 0.6, 0.5, TestName = "AMiddleDraw_WokenAtTheMiddle_ReadsTheMiddle")]
    [TestCase(0.5, 0.0, 1.0, 1e-4, TestName = "FullyByWaking_WokenAtOnce_ReadsTheFirstSlot")]
    [TestCase(0.9, 2.5, 1.0, 0.25, TestName = "FullyByWaking_TheDrawDoesNotCount")]
    public void TheSlotsProbability_JoinsTheDrawWithHowEarlyTheNodeIsWoken(double keyed, double arrivalMs, double wake, double expected)
    {
        Assert.That(SlotLatency.SlotProbability(keyed, arrivalMs, ZeroToTen, wake), Is.EqualTo(expected).Within(1e-6));
    }

    [Test]
    public void WithAWakeWeight_AnEarlierWokenNodeReadsAnEarlierSlot_AndTheSlotsStayUniform()
    {
        Assert.That(Enumerable.Range(0, 11).Select(a => SlotLatency.SlotProbability(0.4, a, ZeroToTen, 0.5)), Is.Ordered.And.Unique);
        // Arrivals spread as the slots do: the copula keeps the table's marginal.
        var rng = new Rng(3);
        double[] u = Enumerable.Range(0, 20_000).Select(_ => SlotLatency.SlotProbability(rng.NextDouble(), 10 * rng.NextDouble(), ZeroToTen, 0.5)).OrderBy(x => x).ToArray();
        double d = u.Select((x, i) => Math.Max(Math.Abs(x - (double)i / u.Length), Math.Abs(x - (i + 1.0) / u.Length))).Max();
        Assert.That(d, Is.LessThan(0.015), "KS distance to the uniform (its 1 % critical value at 20,000 draws is 0.0115, plus the normal CDF's approximation)");
    }

    [TestCase(0.0, 0.5)]
    [TestCase(1.959964, 0.975)]
    [TestCase(-1.0, 0.158655)]
    [TestCase(-3.719016, 1e-4)]
    public void TheNormal_CdfAndQuantile_AreInverse(double x, double p)
    {
        Assert.That(StandardNormal.Cdf(x), Is.EqualTo(p).Within(1e-6 + p * 1e-6));
        Assert.That(StandardNormal.Quantile(p), Is.EqualTo(x).Within(1e-5));
    }

    [Test]
    public void CopiesWaitingForOneSlot_ArriveInTheOrderTheirPathsWould()
    {
        const long slot = 200_000;
        long arrivalA = 5_000 + SlotLatency.DelayTicks(1_000, slot, 5_000); // path arrival 6,000 ticks after creation
        long arrivalB = 1_000 + SlotLatency.DelayTicks(15_000, slot, 1_000); // 16,000: more than TieOrder ticks later
        Assert.That(arrivalA, Is.LessThan(arrivalB), "the copy that reached the node first is read first");
        Assert.That(arrivalB - slot, Is.LessThan(TimeSpan.TicksPerMillisecond / 100), "and the order costs less than 10 µs");
    }

    [Test]
    public void TheSlot_IsOnePerNodeAndGossipMessage_ApartFromTheReceiversDelay_AndAPureFunctionOfTheSeed()
    {
        var table = new EmpiricalLatency([0, 100], "0 to 100 ms");
        var inner = new ReceiverDelayLatency(new ConstantLatency(0.001), table);
        var model = (SlotLatency)new SlotLatency(inner, table).ForRun(42);
        var rng = new Rng(1);
        long Slot(int target, int message) => model.SampleTicks(rng, target, Message(message), 0);
        Assert.That(Slot(3, 1), Is.EqualTo(Slot(3, 1)), "every copy of one message to one node waits for one slot");
        var slots = Enumerable.Range(0, 40).Select(t => Slot(t, 1)).ToList();
        Assert.That(slots.Distinct().Count(), Is.EqualTo(40), "each node its own slot");
        Assert.That(((ReceiverDelayLatency)model.Inner).Salt, Is.EqualTo(SimStreams.LatencySalt(42)), "the inner model takes the run's salt");
        Assert.That(model.Salt, Is.Not.EqualTo(SimStreams.LatencySalt(42)), "the slot keys apart from the receiver's delay of the same node and message");
        var again = (SlotLatency)new SlotLatency(inner, table).ForRun(42);
        Assert.That(Enumerable.Range(0, 40).Select(t => again.SampleTicks(new Rng(9), t, Message(1), 0)), Is.EqualTo(slots), "the same seed, the same slots, whatever the stream");
        var other = (SlotLatency)new SlotLatency(inner, table).ForRun(43);
        Assert.That(Enumerable.Range(0, 40).Select(t => other.SampleTicks(rng, t, Message(1), 0)), Is.Not.EqualTo(slots), "another seed, other slots");
    }

    [Test]
    public void OtherMessages_AndTheRelay_TakeTheInnerModelAlone()
    {
        var model = new SlotLatency(new ConstantLatency(2), new EmpiricalLatency([50, 100], "50 to 100 ms")).ForRun(1);
        Assert.That(model.SampleTicks(new Rng(1), 0, new Ping(1), 0), Is.EqualTo(LatencyModel.TicksOfMs(2)));
        Assert.That(model.SampleTicks(new Rng(1)), Is.EqualTo(LatencyModel.TicksOfMs(2)), "no creation time, no slot");
        Assert.That(model.SampleTicks(new Rng(1), 0, Message(1), 0), Is.GreaterThanOrEqualTo(LatencyModel.TicksOfMs(50)), "a gossip copy waits for the slot");
        Assert.That(model.SampleTicks(new Rng(1), 0, Message(1, createdTicks: 0), LatencyModel.TicksOfMs(100)), Is.EqualTo(LatencyModel.TicksOfMs(2)), "sent after every slot: the path");
        Assert.That(model.MinTicks, Is.EqualTo(LatencyModel.TicksOfMs(2)), "a slot only lengthens a delay: the threads' window stays the inner floor");
    }

    [Test]
    public void TheSameSeed_GivesTheSameTrace_WithASlot()
    {
        var link = new EmpiricalLatency([0.2, 0.5, 1.5, 4, 40], "a test table");
        string Run(ulong seed, bool slot = true)
        {
            var h = new SimHarness(3, seed: seed, latency: slot ? new SlotLatency(link, new EmpiricalLatency([0, 5, 30], "a slot table")) : link, record: false);
            h.AddPeers(60, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(5));
            h.Run(20);
            h.Net.StopAll();
            return h.Hash.HashText();
        }
        Assert.That(Run(7), Is.EqualTo(Run(7)));
        Assert.That(Run(7), Is.Not.EqualTo(Run(8)));
        Assert.That(Run(7), Is.Not.EqualTo(Run(7, slot: false)), "the slot delays the gossip");
    }
}
