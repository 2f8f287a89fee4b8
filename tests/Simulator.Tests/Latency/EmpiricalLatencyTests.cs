using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Tests.Support;
using GossipSim.Simulator.Latency;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Tests.Latency;

public class EmpiricalLatencyTests
{
    // A skewed sample's quantiles at 0, 1/4, 1/2, 3/4 and 1: the draws' own quantiles at those probabilities must be them.
    private static readonly double[] Table = [0.2, 0.5, 1.5, 4, 40];

    // The fraction of draws at or below a delay is the table's probability there: exactly at each
    // entry, and linear between entries (0.2 + 0.4 · 0.3 ms is 40 % into the first quarter).
    [TestCase(0.2 + 0.4 * 0.3, 0.10)]
    [TestCase(0.5, 0.25)]
    [TestCase(1.5, 0.50)]
    [TestCase(4.0, 0.75)]
    [TestCase(4 + 0.6 * 36, 0.90)]
    [TestCase(40.0, 1.00)]
    public void TheDraws_ReproduceTheTablesQuantiles(double delayMs, double probability)
    {
        var model = new EmpiricalLatency(Table, "a test table");
        var rng = new Rng(11);
        const int n = 200_000;
        int atOrBelow = Enumerable.Range(0, n).Count(_ => model.SampleTicks(rng) <= LatencyModel.TicksOfMs(delayMs));
        // 3.3 standard errors of a fraction from 200,000 draws is at most 0.0037.
        Assert.That(atOrBelow / (double)n, Is.EqualTo(probability).Within(0.004), $"the share of draws at or below {delayMs} ms");
    }

    // ProbabilityAt is MsAt's inverse: 0 below the table, 1 from its last entry on, linear between
    // entries; where entries tie (a flat stretch of the CDF's inverse) it gives the last of them.
    [TestCase(0.1, 0.0)]
    [TestCase(0.2, 0.0)]
    [TestCase(0.2 + 0.4 * 0.3, 0.10)]
    [TestCase(1.5, 0.50)]
    [TestCase(4 + 0.6 * 36, 0.90)]
    [TestCase(40.0, 1.00)]
    [TestCase(41.0, 1.00)]
    public void ProbabilityAt_InvertsTheTable(double ms, double probability)
    {
        var model = new EmpiricalLatency(Table, "a test table");
        Assert.That(model.ProbabilityAt(ms), Is.EqualTo(probability).Within(1e-12));
        if (probability is > 0 and < 1) Assert.That(model.MsAt(model.ProbabilityAt(ms)), Is.EqualTo(ms).Within(1e-9), "MsAt of it gives the delay back");
    }

    [Test]
    public void ProbabilityAt_ATiedEntry_IsTheLastOfTheTie()
    {
        var model = new EmpiricalLatency([1, 2, 2, 3, 5], "a table with a tie");
        Assert.That(model.ProbabilityAt(2), Is.EqualTo(0.5).Within(1e-12));
        Assert.That(model.ProbabilityAt(2.5), Is.EqualTo(0.625).Within(1e-12));
    }

    [TestCase(new double[] { 3 }, "at least two quantiles")]
    [TestCase(new double[] { 1, -2 }, "entry 1 is -2")]
    [TestCase(new double[] { 1, 5, 4 }, "entry 2 (4) is below entry 1 (5)")]
    [TestCase(new double[] { 1, double.NaN }, "entry 1 is NaN")]
    public void ABadTable_IsRefusedSayingWhichEntry(double[] table, string problem)
    {
        Assert.That(EmpiricalLatency.Problem(table), Does.Contain(problem));
        Assert.Throws<ArgumentException>(() => new EmpiricalLatency(table, "bad"));
    }

    [Test]
    public void TheSameSeed_GivesTheSameTrace_WithEitherEmpiricalModel()
    {
        var link = new EmpiricalLatency(Table, "a test table");
        string Run(LatencyModel model, ulong seed)
        {
            var h = new SimHarness(3, seed: seed, latency: model, record: false);
            h.AddPeers(60, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(5));
            h.Run(20);
            h.Net.StopAll();
            return h.Hash.HashText();
        }
        Assert.That(Run(link, 7), Is.EqualTo(Run(link, 7)));
        Assert.That(Run(link, 7), Is.Not.EqualTo(Run(link, 8)));
        // The receiver model keeps a salt drawn on first use: a fresh model per run, as a scenario builds one.
        Assert.That(Run(new ReceiverDelayLatency(link, link), 7), Is.EqualTo(Run(new ReceiverDelayLatency(link, link), 7)));
    }

    [Test]
    public void TheReceiversDelay_IsOnePerNodeAndGossipMessage_AndTheLinksPerCopy()
    {
        var model = new ReceiverDelayLatency(new ConstantLatency(1), new EmpiricalLatency([0, 100], "0 to 100 ms"));
        var rng = new Rng(3);
        var origin = new NodeAddress(0x0a000001, 7000);
        Engine.Messages.Gossip Message(int n) => new(new MessageId(origin, n), TimeSpan.Zero, 1, false);
        long toFiveOfOne = model.SampleTicks(rng, 5, Message(1), 0);
        Assert.That(model.SampleTicks(rng, 5, Message(1), 0), Is.EqualTo(toFiveOfOne), "a second copy of one message to one node waits as long");
        var others = Enumerable.Range(2, 20).Select(n => model.SampleTicks(rng, 5, Message(n), 0))
            .Concat(Enumerable.Range(6, 20).Select(t => model.SampleTicks(rng, t, Message(1), 0))).ToList();
        Assert.That(others.Distinct().Count(), Is.GreaterThan(35), "other messages and other nodes draw their own delay");
        Assert.That(others.Append(toFiveOfOne), Has.All.InRange(TimeSpan.TicksPerMillisecond, 101 * TimeSpan.TicksPerMillisecond), "link 1 ms plus 0 to 100 ms");
    }
}
