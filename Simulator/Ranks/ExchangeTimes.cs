using System.Diagnostics;

namespace GossipSim.Simulator.Ranks;

/// <summary>
/// Where one rank's share of a run went between the windows: the exchanges (writing the mail,
/// trading it through MPI, reading it, merging the outputs on rank 0) and the all-reduce that
/// agrees on the next window. Trading and agreeing include the wait for the slowest rank. In
/// Stopwatch ticks; reported in the run's summary.
/// </summary>
public sealed class ExchangeTimes
{
    public long Exchanges, BytesSent, Writing, Trading, Reading, Merging, Agreeing;

    public static double Seconds(long ticks) => Math.Round(ticks / (double)Stopwatch.Frequency, 3);

    /// <summary>The figures as the summary shows them.</summary>
    public IReadOnlyDictionary<string, object> ToSummary() => new Dictionary<string, object>
    {
        ["exchanges"] = Exchanges,
        ["bytesSent"] = BytesSent,
        ["writingSeconds"] = Seconds(Writing),
        ["tradingSeconds"] = Seconds(Trading),
        ["readingSeconds"] = Seconds(Reading),
        ["mergingSeconds"] = Seconds(Merging),
        ["agreeingSeconds"] = Seconds(Agreeing),
    };
}
