using GossipSim.Engine.Messages;
using GossipSim.Simulator.Latency;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Tests.Latency;

public class MessageFactorLatencyTests
{
    private static readonly NodeAddress Origin = new(0x0a000001, 7000);
    private static Engine.Messages.Gossip Message(int n) => new(new MessageId(Origin, n), TimeSpan.Zero, 1, false);

    [Test]
    public void EveryCopyOfOneMessage_IsScaledAlike_ToEveryNode_AndOtherMessagesByTheirOwnFactor()
    {
        var model = (MessageFactorLatency)new MessageFactorLatency(new ConstantLatency(10), 1, 0.5).ForRun(42);
        var rng = new Rng(1);
        long[] toNodes = Enumerable.Range(0, 10).Select(t => model.SampleTicks(rng, t, Message(1), 0)).ToArray();
        Assert.That(toNodes.Distinct().Count(), Is.EqualTo(1), "one message's copies wait alike at every node");
        Assert.That(toNodes[0], Is.EqualTo((long)Math.Round(LatencyModel.TicksOfMs(10) * model.FactorOf(Message(1).Id))));
        var others = Enumerable.Range(2, 30).Select(n => model.SampleTicks(rng, 0, Message(n), 0)).ToList();
        Assert.That(others.Distinct().Count(), Is.EqualTo(30), "each message draws its own factor");
        Assert.That(model.SampleTicks(rng, 0, new Ping(1), 0), Is.EqualTo(LatencyModel.TicksOfMs(10)), "a message that is not gossip is not scaled");
    }

    [TestCase(1.0, 0.5)]
    [TestCase(0.6, 0.8)]
    [TestCase(2.0, 0.0)]
    public void TheFactors_AreLogNormal_WithTheMedianAndSigmaGiven(double median, double sigma)
    {
        var model = (MessageFactorLatency)new MessageFactorLatency(new ConstantLatency(1), median, sigma).ForRun(7);
        double[] logs = Enumerable.Range(0, 20_000).Select(n => Math.Log(model.FactorOf(Message(n).Id))).OrderBy(x => x).ToArray();
        double mean = logs.Average();
        double sd = Math.Sqrt(logs.Sum(x => (x - mean) * (x - mean)) / logs.Length);
        // Over 20,000 messages the standard error of the mean log is sigma/141 and of its sd sigma/200.
        Assert.That(logs[logs.Length / 2], Is.EqualTo(Math.Log(median)).Within(0.02 + 0.04 * sigma), "median");
        Assert.That(sd, Is.EqualTo(sigma).Within(0.02 * sigma + 1e-9), "sigma of the log");
    }

    [Test]
    public void TheFactors_ArePureFunctionsOfTheRunsSeedAndTheMessage()
    {
        var model = new MessageFactorLatency(new ConstantLatency(1), 1, 0.5);
        double[] Factors(ulong seed) => Enumerable.Range(0, 50).Select(n => ((MessageFactorLatency)model.ForRun(seed)).FactorOf(Message(n).Id)).ToArray();
        Assert.That(Factors(3), Is.EqualTo(Factors(3)));
        Assert.That(Factors(3), Is.Not.EqualTo(Factors(4)), "another seed, other factors");
        Assert.That(MessageFactorLatency.NormalOf(SimStreams.LatencySalt(3), Message(9).Id),
            Is.EqualTo(Math.Log(((MessageFactorLatency)model.ForRun(3)).FactorOf(Message(9).Id)) / 0.5).Within(1e-9), "the fit reads the normal number a run will draw");
    }

    [Test]
    public void TheInnerModel_TakesTheRunsSaltToo()
    {
        var receiver = new ReceiverDelayLatency(new ConstantLatency(1), new EmpiricalLatency([0, 100], "0 to 100 ms"));
        var model = (MessageFactorLatency)new MessageFactorLatency(receiver, 1, 0).ForRun(5);
        Assert.That(((ReceiverDelayLatency)model.Inner).Salt, Is.EqualTo(SimStreams.LatencySalt(5)));
    }
}
