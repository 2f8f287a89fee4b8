using System.Diagnostics.CodeAnalysis;
using GossipSim.Simulator.Ranks;

namespace GossipSim.Simulator.Tests.Ranks;

/// <summary>
/// Ranks as threads of one test process: each thread holds one <see cref="ThreadRanks"/> of a group
/// and makes the same calls as an MPI rank would, meeting the others at a barrier. What the exchange's
/// users are tested on without mpirun; <paramref name="tamper"/> lets a test damage what a rank receives.
/// </summary>
public sealed class ThreadRanks : IRankExchange
{
    private readonly Group _group;

    private ThreadRanks(Group group, int rank)
    {
        _group = group;
        Rank = rank;
    }

    public int Rank { get; }
    public int Ranks => _group.Posted.Length;

    /// <summary>Runs <paramref name="body"/> on <paramref name="ranks"/> threads, one rank each; returns each rank's result.</summary>
    public static T[] Run<T>(int ranks, Func<IRankExchange, T> body, Action<int, RankMail>? tamper = null)
    {
        var group = new Group(ranks, tamper);
        var results = new T[ranks];
        var failures = new Exception?[ranks];
        var threads = Enumerable.Range(0, ranks).Select(r => new Thread(() =>
        {
            try { results[r] = body(new ThreadRanks(group, r)); }
            catch (Exception e) { failures[r] = e; group.Meeting.Dispose(); }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (failures.FirstOrDefault(f => f != null) is { } failure) throw failure;
        return results;
    }

    public void Exchange(RankMail outgoing, RankMail incoming)
    {
        this.CheckMail(outgoing, incoming);
        _group.Posted[Rank] = outgoing;
        _group.Meeting.SignalAndWait();
        incoming.Resize(Enumerable.Range(0, Ranks).Select(r => _group.Posted[r]!.Length(Rank)).ToArray());
        for (int r = 0; r < Ranks; r++) _group.Posted[r]!.Segment(Rank).CopyTo(incoming.Segment(r));
        _group.Meeting.SignalAndWait();     // no rank posts its next mail before every rank has read this
        _group.Tamper?.Invoke(Rank, incoming);
    }

    public void AllReduce(Span<long> values, RankReduction reduction)
    {
        _group.Values[Rank] = values.ToArray();
        _group.Meeting.SignalAndWait();
        for (int i = 0; i < values.Length; i++)
        {
            long v = _group.Values[0]![i];
            for (int r = 1; r < Ranks; r++)
            {
                long w = _group.Values[r]![i];
                v = reduction switch
                {
                    RankReduction.Sum => v + w,
                    RankReduction.Max => Math.Max(v, w),
                    RankReduction.Min => Math.Min(v, w),
                    _ => v ^ w,
                };
            }
            values[i] = v;
        }
        _group.Meeting.SignalAndWait();
    }

    public void Barrier() => _group.Meeting.SignalAndWait();

    [DoesNotReturn]
    public void Abort(int exitCode) => throw new InvalidOperationException($"rank {Rank} aborted the run with {exitCode}");

    public void Dispose() { }

    private sealed class Group(int ranks, Action<int, RankMail>? tamper)
    {
        public readonly RankMail?[] Posted = new RankMail?[ranks];
        public readonly long[]?[] Values = new long[]?[ranks];
        public readonly System.Threading.Barrier Meeting = new(ranks);
        public readonly Action<int, RankMail>? Tamper = tamper;
    }
}
