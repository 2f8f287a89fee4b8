using GossipSim.Engine.Tests.Support;
using GossipSim.Engine.Trace;
using GossipSim.Simulator.Latency;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Threads;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.Tests.Network;

public class DeterminismTests
{
    private static string RunAndHash(ulong seed, int threads = 1, ParallelRunner? runner = null, int? partitions = null)
    {
        var h = new SimHarness(3, seed: seed, record: false, threads: threads, runner: runner, partitions: partitions);
        h.AddPeers(120, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(5));
        h.Net.Schedule(TimeSpan.FromSeconds(9), () => h.Net.Crash(h.HubIndex()));
        h.Net.Schedule(TimeSpan.FromSeconds(10), () => h.Net.SetLoss(0.02));
        h.Run(30);
        h.Net.StopAll();
        return h.Hash.HashText();
    }

    [Test]
    public void TheSameSeed_GivesTheSameTrace_ByteForByte()
    {
        Assert.That(RunAndHash(7), Is.EqualTo(RunAndHash(7)));
    }

    /// <summary>
    /// Partitions run in any order, or side by side, give the trace one thread gives: the run's
    /// order is defined by event keys, not by which partition ran first.
    /// </summary>
    [Test]
    public void AnyNumberOfPartitions_RunInAnyOrder_GivesTheOneThreadTrace()
    {
        string one = RunAndHash(7);
        ParallelRunner forwards = (n, work) => { for (int p = 0; p < n; p++) work(p); };
        ParallelRunner backwards = (n, work) => { for (int p = n - 1; p >= 0; p--) work(p); };
        ParallelRunner sideBySide = (n, work) => Parallel.For(0, n, work);
        Assert.Multiple(() =>
        {
            Assert.That(RunAndHash(7, 2, forwards, partitions: 2), Is.EqualTo(one), "2 partitions in turn");
            Assert.That(RunAndHash(7, 3, backwards, partitions: 3), Is.EqualTo(one), "3 partitions, the last first");
            Assert.That(RunAndHash(7, 4, sideBySide, partitions: 4), Is.EqualTo(one), "4 partitions on threads");
            Assert.That(RunAndHash(7, 2, backwards, partitions: 16), Is.EqualTo(one), "16 partitions on 2 threads (busiest first), the last first");
            Assert.That(RunAndHash(7, 2, sideBySide, partitions: 5), Is.EqualTo(one), "5 partitions on threads");
        });
    }

    [Test]
    public void SeveralThreads_CutThePeersIntoOnePartitionEach_UnlessToldOtherwise()
    {
        ParallelRunner inTurn = (n, work) => { for (int p = 0; p < n; p++) work(p); };
        var net = new SimNetwork(1, new UniformLatency(10, 50), NullTraceSink.Instance, threads: 2, runner: inTurn);
        Assert.That((net.Threads, net.Partitions), Is.EqualTo((2, 2 * SimNetwork.PartitionsPerThread)));
        var one = new SimNetwork(1, new UniformLatency(10, 50), NullTraceSink.Instance);
        Assert.That((one.Threads, one.Partitions), Is.EqualTo((1, 1)));
        var told = new SimNetwork(1, new UniformLatency(10, 50), NullTraceSink.Instance, threads: 2, runner: inTurn, partitions: 3);
        Assert.That((told.Threads, told.Partitions), Is.EqualTo((2, 3)));
    }

    [Test]
    public void ALatencyThatCanBeZero_KeepsOnePartition_AndSaysWhy()
    {
        var net = new SimNetwork(1, new LogNormalLatency(30, 0.5), NullTraceSink.Instance, threads: 4, runner: (n, work) => { for (int p = 0; p < n; p++) work(p); });
        Assert.That((net.Threads, net.Partitions), Is.EqualTo((1, 1)));
        Assert.That(net.OneThreadReason, Does.Contain("0 ms"));
        var floored = new SimNetwork(1, new LogNormalLatency(30, 0.5, MinMs: 2), NullTraceSink.Instance, threads: 4, runner: (n, work) => { for (int p = 0; p < n; p++) work(p); });
        Assert.That(floored.Threads, Is.EqualTo(4));
        Assert.That(floored.OneThreadReason, Is.Null);
    }

    [Test]
    public void ADifferentSeed_GivesADifferentTrace()
    {
        Assert.That(RunAndHash(7), Is.Not.EqualTo(RunAndHash(8)));
    }
}
