using GossipSim.Bench.Flood;
using GossipSim.Simulator.Threads;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Bench.Tests.Flood;

/// <summary>
/// The parallel flood gives the same result, first-receipt hash included, whatever the number
/// of threads and of partitions; and its peer ranges are even by link ends, aligned, and cover every peer once.
/// </summary>
public class ParallelFloodTests
{
    [TestCase(3000, 3, 10, 1UL, 10, 50)]
    [TestCase(5000, 2, 7, 2UL, 10, 50)]
    [TestCase(4000, 5, 3, 3UL, 1, 2)]      // narrow delays: many copies arrive at the same microsecond
    [TestCase(2000, 1, 4, 4UL, 0.001, 0.003)] // a tree, windows of one microsecond
    [TestCase(3000, 4, 5, 5UL, 1, 1.01)]   // 11 possible delays: copies tie all the time
    [TestCase(3000, 3, 5, 6UL, 0.512, 0.6)] // windows of 256 us, buckets as wide: a window's last bucket runs past its end
    [TestCase(3000, 3, 5, 7UL, 0.005, 0.02)] // windows and buckets of 2 us
    public void TheResult_IsTheSame_On1_2And4Threads_AndAnyPartitions(int peers, int m, int origins, ulong seed, double minMs, double maxMs)
    {
        var g = OverlayGraph.BarabasiAlbert(peers, m, FloodStreams.Graph(seed));
        var one = FloodSimulation.Run(g, origins, minMs, maxMs, FloodStreams.Latency(seed), threads: 1, ranges: 1);
        Assert.That(one.Partitions, Is.EqualTo(1));
        foreach (var (threads, partitions) in new (int, int?)[] { (1, null), (2, null), (4, null), (2, 2), (2, 3), (1, 5) })
        {
            var run = FloodSimulation.Run(g, origins, minMs, maxMs, FloodStreams.Latency(seed), threads, ranges: partitions);
            int expected = Math.Min(partitions ?? FloodSimulation.DefaultPartitions(peers, SimThreads.Started(threads)), PeerRanges.MaxParts(peers));
            Assert.That(run.Partitions, Is.EqualTo(expected), $"{threads} threads, {partitions} partitions asked");
            Assert.That(run.Threads, Is.EqualTo(Math.Min(threads, expected)));
            Assert.That(run.Result, Is.EqualTo(one.Result), $"{threads} threads, {run.Partitions} partitions");
            Assert.That(run.DeliveriesPerPartition.Sum(), Is.EqualTo(one.Result.Deliveries));
            Assert.That(run.DeliveriesPerPartition, Has.All.GreaterThan(0), "every partition has work");
        }
        Assert.That(one.Result.FirstReceipts, Is.EqualTo((long)(peers - 1) * origins));
    }

    /// <summary>
    /// The first-receipt hashes `bench flood` printed before the wheel ran its buckets whole (`778a06a`, which sorted each bucket
    /// by microsecond as the clock entered it): how the wheel runs a bucket changes no receipt, wide or narrow delays, ties or not.
    /// </summary>
    [TestCase(3000, 3, 10, 5UL, 10, 50, "89fecd11646c9724")]
    [TestCase(4000, 5, 3, 3UL, 1, 1.01, "2c9f0ef017288e02")]
    [TestCase(2000, 1, 4, 4UL, 0.001, 0.003, "df95030f79063ce5")]
    [TestCase(3000, 3, 5, 6UL, 0.512, 0.6, "cce011185f15672d")]
    public void TheReceiptHash_IsTheOneTheSortedWheelGave(int peers, int m, int origins, ulong seed, double minMs, double maxMs, string hash)
    {
        var g = OverlayGraph.BarabasiAlbert(peers, m, FloodStreams.Graph(seed));
        var run = FloodSimulation.Run(g, origins, minMs, maxMs, FloodStreams.Latency(seed), threads: 1);
        Assert.That(run.Result.ReceiptHash.ToString("x16"), Is.EqualTo(hash));
    }

    [Test]
    public void SimultaneousCopies_Happen_InTheNarrowDelayCase_AndCountTheSameOnAnyThreads()
    {
        // The tie rule (fewest hops, then lowest sender) only proves itself if ties happen: with
        // delays of 1 to 1.01 ms, a peer's copies often land in the same microsecond.
        var g = OverlayGraph.BarabasiAlbert(3000, 4, FloodStreams.Graph(5));
        var one = FloodSimulation.Run(g, 5, 1, 1.01, FloodStreams.Latency(5), threads: 1);
        var four = FloodSimulation.Run(g, 5, 1, 1.01, FloodStreams.Latency(5), threads: 4);
        Assert.That(one.SimultaneousCopies, Is.GreaterThan(100));
        Assert.That(four.SimultaneousCopies, Is.EqualTo(one.SimultaneousCopies));
    }

    [Test]
    public void ADifferentSeed_MovesTheReceiptHash()
    {
        var g = OverlayGraph.BarabasiAlbert(3000, 3, new Rng(7));
        var a = FloodSimulation.Run(g, 10, 10, 50, new Rng(9), threads: 2).Result;
        var b = FloodSimulation.Run(g, 10, 10, 50, new Rng(10), threads: 2).Result;
        Assert.That(b.Deliveries, Is.EqualTo(a.Deliveries), "the count is the graph's");
        Assert.That(b.ReceiptHash, Is.Not.EqualTo(a.ReceiptHash));
    }

    [TestCase(1000, 1)]
    [TestCase(1000, 2)]
    [TestCase(1000, 15)]
    [TestCase(100_000, 4)]
    [TestCase(100_000, 64)]
    public void PeerRanges_CoverEveryPeerOnce_OnBoundsOf64_WithEvenWork(int peers, int parts)
    {
        var g = OverlayGraph.BarabasiAlbert(peers, 3, new Rng(1));
        var bounds = PeerRanges.ByCost(g.Offsets, parts);
        Assert.That(bounds[0], Is.Zero);
        Assert.That(bounds[^1], Is.EqualTo(peers));
        Assert.That(bounds.Zip(bounds.Skip(1), (a, b) => b - a), Has.All.GreaterThanOrEqualTo(PeerRanges.Alignment));
        Assert.That(bounds[..^1].Select(b => b % PeerRanges.Alignment), Has.All.Zero);
        // Each bound sits within one block of 64 peers of where its share of work (link ends, plus
        // a first receipt's cost per peer) falls (a block of hubs can outweigh a share: it is not split).
        long Work(int peer) => g.Offsets[peer] + (long)PeerRanges.FirstReceiptCost * peer;
        long heaviestBlock = Enumerable.Range(0, (peers + 63) / 64).Max(b => Work(Math.Min(peers, 64 * b + 64)) - Work(64 * b));
        for (int p = 1; p < parts; p++)
            Assert.That(Work(bounds[p]), Is.EqualTo(Work(peers) * p / parts).Within(heaviestBlock), $"bound {p}");
        var owners = PeerRanges.Owners(bounds);
        Assert.That(owners.Distinct().Count(), Is.EqualTo(parts));
        Assert.That(owners, Is.Ordered);
    }

    // One partition a running thread, two from 500,000 peers on several threads; one on one thread; never fewer than 64 peers in one.
    [TestCase(1_000, 1, 1)]
    [TestCase(100_000, 1, 1)]
    [TestCase(10_000_000, 1, 1)]
    [TestCase(100, 2, 1)]
    [TestCase(200, 4, 3)]
    [TestCase(10_000, 2, 2)]
    [TestCase(499_999, 2, 2)]
    [TestCase(500_000, 2, 4)]
    [TestCase(1_000_000, 2, 4)]
    [TestCase(1_000_000, 16, 32)]
    public void DefaultPartitions_FollowThePeersAndTheThreads(int peers, int threads, int partitions) =>
        Assert.That(FloodSimulation.DefaultPartitions(peers, threads), Is.EqualTo(partitions));

    [Test]
    public void TheDefault_CountsOnlyTheThreadsThatRun_AndARequestWins()
    {
        Assert.That(FloodSimulation.PartitionsFor(100_000, Environment.ProcessorCount + 8, null), Is.EqualTo(Environment.ProcessorCount));
        Assert.That(FloodSimulation.PartitionsFor(100, 2, null), Is.EqualTo(1));
        Assert.That(FloodSimulation.PartitionsFor(100_000, 2, 5), Is.EqualTo(5), "asked for");
    }

    [TestCase(63, 1)]
    [TestCase(64, 1)]
    [TestCase(128, 2)]
    [TestCase(1000, 15)]
    public void APartition_HoldsAtLeast64Peers(int peers, int maxParts) =>
        Assert.That(PeerRanges.MaxParts(peers), Is.EqualTo(maxParts));

    [Test]
    public void MorePartitionsThanBlocksOf64_RunOnFewer_WithTheSameResult()
    {
        var g = OverlayGraph.BarabasiAlbert(200, 3, new Rng(5));
        var one = FloodSimulation.Run(g, 5, 10, 50, new Rng(6), threads: 1);
        var many = FloodSimulation.Run(g, 5, 10, 50, new Rng(6), threads: 8, ranges: 8);
        Assert.That(many.Partitions, Is.EqualTo(3));
        Assert.That(many.Threads, Is.EqualTo(3));
        Assert.That(many.Result, Is.EqualTo(one.Result));
    }
}
