using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Simulator.Threads;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Tests.Threads;

/// <summary>
/// The simulation's outputs on a second thread: they see every event and line in the order
/// given, whichever scheduling class the thread is in, and a failure reaches the simulation.
/// </summary>
public class OffThreadOutputTests
{
    private sealed class Recording : ITraceSink
    {
        public readonly List<long> Seen = new();
        public long FailAt = -1;
        public void Write(in TraceEvent e)
        {
            if (e.A == FailAt) throw new InvalidOperationException($"sink failed at {e.A}");
            Seen.Add(e.A);
        }
    }

    private static TraceEvent Event(long i) => new(TimeSpan.FromTicks(i), TraceKind.GossipDelivered, new NodeAddress(1, 1), A: i);

    [Test]
    public void EveryEventAndLine_ArriveInOrder_AlsoWhenTheWriterFallsBehind()
    {
        // Far more than the batches in flight hold: when the writer falls behind, it is raised
        // to the normal class and this thread waits for room; the order holds either way.
        const int events = 300_000;
        var sink = new Recording();
        var lines = new List<string>();
        using (var output = new OffThreadOutput(sink, (_, _, line) => lines.Add(line)))
        {
            for (int i = 0; i < events; i++)
            {
                output.Write(Event(i));
                if (i % 1000 == 0) output.Log(new NodeAddress(1, 1), TimeSpan.Zero, $"line {i / 1000}");
            }
            output.Drain();
            Assert.That(sink.Seen, Has.Count.EqualTo(events));
            Assert.That(sink.Seen, Is.Ordered);
            Assert.That(lines, Is.EqualTo(Enumerable.Range(0, events / 1000).Select(i => $"line {i}")));
        }
    }

    [Test]
    public void AFailingOutput_IsReportedToTheSimulation()
    {
        var sink = new Recording { FailAt = 5 };
        using var output = new OffThreadOutput(sink, (_, _, _) => { });
        for (int i = 0; i < 10; i++) output.Write(Event(i));
        var ex = Assert.Throws<InvalidOperationException>(() => output.Drain());
        Assert.That(ex!.InnerException!.Message, Is.EqualTo("sink failed at 5"));
    }

    [Test]
    public void OnLinux_AThreadGoesToTheIdleClassAndBack()
    {
        if (!IdleClass.Supported) Assert.Ignore("the idle scheduling class is Linux's; nothing to check here");
        int reported = -1;
        var t = new Thread(() =>
        {
            int self = IdleClass.CurrentThread();
            bool idle = IdleClass.Set(self, idle: true);
            string policy = Policy(self);
            bool back = IdleClass.Set(self, idle: false);
            string after = Policy(self);
            reported = idle && back && policy == "5" && after == "0" ? 1 : 0;
            if (reported == 0) TestContext.Out.WriteLine($"set idle {idle} (policy {policy}), back {back} (policy {after})");
        });
        t.Start();
        t.Join();
        Assert.That(reported, Is.EqualTo(1));
    }

    /// <summary>A thread's scheduling policy, field 41 of its stat line (0 normal, 5 idle); the fields start after the name's ')'.</summary>
    private static string Policy(int thread)
    {
        string stat = File.ReadAllText($"/proc/self/task/{thread}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[41 - 3];
    }
}
