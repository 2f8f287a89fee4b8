using BenchmarkDotNet.Attributes;
using GossipSim.Analysis.Trace;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Benchmarks;

/// <summary>
/// The trace fold as the simulator's output thread runs it at a million peers: every event
/// looks up one or two nodes among a million, in an order that jumps between them (the trace
/// is in time order, the nodes' events interleave). Events of the kinds a sim-1m trace holds
/// most of: starts and registrations, three seeds' member-added events, link-ups on both ends
/// and gossip receipts, each phase over the peers in a shuffled order. What it costs an
/// event is in docs/performance.md (the output thread's share of a two-thread run).
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class TraceFoldBenchmark
{
    [Params(1_000_000)]
    public int Peers;

    private TraceEvent[] _events = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        var seeds = Enumerable.Range(0, 3).Select(i => new NodeAddress(0x0A000001u + (uint)i, 7000)).ToArray();
        var peers = Enumerable.Range(0, Peers).Select(i => new NodeAddress(0x0A010001u + (uint)i, 7000)).ToArray();
        var events = new List<TraceEvent>(Peers * 14);
        long t = 0;
        TimeSpan Next() => new(++t);
        foreach (var s in seeds) events.Add(new TraceEvent(Next(), TraceKind.NodeStarted, s, Detail: "seed"));
        int[] Shuffled() { var order = Enumerable.Range(0, Peers).ToArray(); rng.Shuffle(order); return order; }
        foreach (int i in Shuffled()) events.Add(new TraceEvent(Next(), TraceKind.NodeStarted, peers[i], A: 65536, Detail: "peer"));
        foreach (int i in Shuffled())
            for (int s = 0; s < seeds.Length; s++)
                events.Add(new TraceEvent(Next(), TraceKind.MemberAdded, seeds[s], peers[i], A: 65536, B: i + 1));
        foreach (int i in Shuffled()) events.Add(new TraceEvent(Next(), TraceKind.Registered, peers[i]));
        foreach (int i in Shuffled())
            for (int l = 0; l < 3; l++)
            {
                var other = peers[rng.Next(Peers)];
                events.Add(new TraceEvent(Next(), TraceKind.LinkUp, peers[i], other));
                events.Add(new TraceEvent(Next(), TraceKind.LinkUp, other, peers[i]));
            }
        for (int m = 0; m < 2; m++)
            foreach (int i in Shuffled()) events.Add(new TraceEvent(Next(), TraceKind.GossipDelivered, peers[i], A: 3, B: t));
        _events = events.ToArray();
    }

    [Benchmark]
    public int Fold()
    {
        var fold = new TraceFold();
        foreach (ref readonly var e in _events.AsSpan()) fold.Apply(e);
        return fold.PeersRegistered;
    }
}
