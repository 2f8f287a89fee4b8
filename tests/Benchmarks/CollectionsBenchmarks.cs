using BenchmarkDotNet.Attributes;
using GossipSim.Engine.Collections;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Benchmarks;

/// <summary>
/// A proposal's votes as a seed counts them (three seeds: two yes, one no; a duplicate vote
/// ignored), with the packed PositionSet the seeds use and with the plain HashSet it would
/// otherwise be. A million-peer join makes two million proposals, each with two of these.
/// </summary>
[MemoryDiagnoser]
[InProcess] // BenchmarkDotNet 0.14 has no .NET 10 toolchain; in-process runs on the current runtime
public class ProposalVotesBenchmark
{
    [Benchmark(Baseline = true)]
    public int PlainHashSets()
    {
        var yes = new HashSet<int>();
        var no = new HashSet<int>();
        yes.Add(0);
        no.Add(2);
        if (!yes.Contains(0) && !no.Contains(0)) yes.Add(0);
        yes.Add(1);
        return yes.Count - no.Count;
    }

    [Benchmark]
    public int PackedPositionSets()
    {
        var yes = new PositionSet();
        var no = new PositionSet();
        yes.Add(0);
        no.Add(2);
        if (!yes.Contains(0) && !no.Contains(0)) yes.Add(0);
        yes.Add(1);
        return yes.Count - no.Count;
    }
}

/// <summary>
/// A peer's seeds as registration records them (two of three seeds accept, in order; the first
/// is asked for its degree reports), with the packed PackedPositions each of a million peers
/// holds twice, and with a plain List.
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class AcceptedSeedsBenchmark
{
    [Benchmark(Baseline = true)]
    public int PlainList()
    {
        var accepted = new List<int>();
        accepted.Add(2);
        if (!accepted.Contains(0)) accepted.Add(0);
        return accepted[0] + accepted.Count;
    }

    [Benchmark]
    public int Packed()
    {
        var accepted = new PackedPositions();
        accepted.Add(2);
        if (!accepted.Contains(0)) accepted.Add(0);
        return accepted[0] + accepted.Count;
    }
}

/// <summary>
/// A seed's commit log growing by a million-peer join's worth of operations (24 bytes each),
/// in PagedList's fixed pages and in a List that doubles: the bytes each allocates on the way.
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class CommitLogGrowthBenchmark
{
    private const int Operations = 1_000_000;

    [Benchmark(Baseline = true)]
    public int DoublingList()
    {
        var list = new List<(long, long, long)>();
        for (int i = 0; i < Operations; i++) list.Add((i, i, i));
        return list.Count;
    }

    [Benchmark]
    public int Paged()
    {
        var list = new PagedList<(long, long, long)>();
        for (int i = 0; i < Operations; i++) list.Add((i, i, i));
        return list.Count;
    }
}
