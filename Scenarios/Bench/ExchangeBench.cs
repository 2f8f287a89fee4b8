using System.Diagnostics;
using GossipSim.Bench.Exchange;
using GossipSim.Simulator.Ranks;
using GossipSim.Simulator.Ranks.Mpi;

namespace GossipSim.Scenarios.Bench;

/// <summary>
/// `bench exchange`: the ranks of an mpirun trading mail in rounds (see <see cref="ExchangeKernel"/>);
/// without mpirun, one rank whose mail loops back. Rank 0 prints the one JSON line and the
/// progress; every rank prints its own errors, naming itself.
/// </summary>
public static class ExchangeBench
{
    public static int Run(int bytesPerPair, int rounds, bool quiet)
    {
        if (bytesPerPair < 0) { Console.Error.WriteLine("error: --bytes must be at least 0"); return 2; }
        if (rounds < 1) { Console.Error.WriteLine("error: --rounds must be at least 1"); return 2; }
        IRankExchange ranks;
        try { ranks = MpiLaunch.OpenRanks(); }
        catch (RankExchangeException ex) { Console.Error.WriteLine($"error: {ex.Message}"); return 2; }
        using (ranks)
        {
            bool talks = ranks.Rank == 0 && !quiet;
            try
            {
                if (bytesPerPair > ExchangeKernel.MaxBytesPerPair(ranks.Ranks))
                {
                    if (ranks.Rank == 0) Console.Error.WriteLine(
                        $"error: --bytes must be at most {ExchangeKernel.MaxBytesPerPair(ranks.Ranks):N0} on {ranks.Ranks} ranks (MPI sends under 2 GiB at once)");
                    return 2;
                }
                if (talks) Console.Error.WriteLine(ranks.Ranks == 1
                    ? $"exchange: one rank (not under mpirun): its {bytesPerPair:N0} bytes loop back to itself, {rounds:N0} rounds"
                    : $"exchange: {ranks.Ranks} ranks, {bytesPerPair:N0} bytes from each to each other, {rounds:N0} rounds");
                var wall = Stopwatch.StartNew();
                double lastPrint = -1;
                var result = ExchangeKernel.Run(ranks, bytesPerPair, rounds, talks ? (round, exchanging) =>
                {
                    if (wall.Elapsed.TotalSeconds - lastPrint < 1 && round != 1) return;
                    lastPrint = wall.Elapsed.TotalSeconds;
                    Console.Error.WriteLine($"  round {round,10:N0}  exchanging {exchanging.TotalSeconds,7:F2} s of {wall.Elapsed.TotalSeconds,7:F2} s");
                } : null);
                wall.Stop();
                if (ranks.Rank != 0) return result.Verified ? 0 : 1;
                double seconds = Math.Max(result.ExchangeSeconds, 1e-9);
                BenchLine.Print(new Dictionary<string, object>
                {
                    ["kernel"] = "exchange",
                    ["ranks"] = result.Ranks,
                    ["loopback"] = result.Loopback,
                    ["bytesPerPair"] = result.BytesPerPair,
                    ["bytesPerRound"] = result.BytesPerRound,
                    ["rounds"] = result.Rounds,
                    ["seconds"] = Math.Round(result.ExchangeSeconds, 6),
                    ["wallSeconds"] = Math.Round(wall.Elapsed.TotalSeconds, 3),
                    ["megabytesPerSecond"] = Math.Round(result.BytesPerRound * (double)result.Rounds / seconds / 1e6, 1),
                    ["exchangesPerSecond"] = Math.Round(result.Rounds / seconds, 1),
                    ["verifiedBytes"] = result.VerifiedBytes,
                    ["mismatchedSegments"] = result.MismatchedSegments,
                    ["sentHash"] = result.SentHash.ToString("x16"),
                    ["receivedHash"] = result.ReceivedHash.ToString("x16"),
                    ["warmUpFailures"] = result.WarmUpFailures,
                    ["verified"] = result.Verified,
                });
                return result.Verified ? 0 : 1;
            }
            catch (RankExchangeException ex)
            {
                Console.Error.WriteLine($"error: rank {ranks.Rank}: {ex.Message}");
                ranks.Abort(1);
                return 1;
            }
        }
    }
}
