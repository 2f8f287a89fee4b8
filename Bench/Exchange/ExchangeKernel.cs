using System.Diagnostics;
using GossipSim.Simulator.Ranks;

namespace GossipSim.Bench.Exchange;

/// <summary>
/// `bench exchange`: what a window's end costs when ranks trade mail. Each round every rank sends
/// <c>bytesPerPair</c> bytes to every other rank in one <see cref="IRankExchange.Exchange"/> (alone,
/// a rank sends them to itself: the loopback), then checks what it received against the pattern
/// for (sender, receiver, round). At the end the ranks combine their counts and hashes, so every
/// rank knows whether every byte sent arrived once and intact. Only the exchanges are timed; an
/// untimed warm-up first (MPI makes its connections on first use) also checks what the timed
/// rounds do not: a different length for each pair, empty segments, and every reduction.
/// </summary>
public static class ExchangeKernel
{
    public sealed record Result(
        int Ranks,
        int BytesPerPair,
        int Rounds,
        long BytesPerRound,
        double ExchangeSeconds,
        long VerifiedBytes,
        long MismatchedSegments,
        ulong SentHash,
        ulong ReceivedHash,
        long WarmUpFailures)
    {
        public bool Loopback => Ranks == 1;

        /// <summary>Every segment matched its pattern, every byte sent was received, the hashes of both sides agree, and the warm-up found nothing wrong.</summary>
        public bool Verified => MismatchedSegments == 0 && VerifiedBytes == BytesPerRound * Rounds && SentHash == ReceivedHash
            && WarmUpFailures == 0;
    }

    /// <summary>The warm-up's segment length from <paramref name="sender"/> to <paramref name="receiver"/>: 0, 5 or 10 bytes.</summary>
    public static int WarmUpLength(int sender, int receiver) => (sender + 2 * receiver) % 3 * 5;

    /// <summary>The largest <c>bytesPerPair</c> for <paramref name="ranks"/>: a rank's mail in one exchange stays under 2 GiB.</summary>
    public static int MaxBytesPerPair(int ranks) => int.MaxValue / ranks;

    /// <summary>Runs the rounds on every rank (each calls this with the same arguments); <paramref name="roundDone"/> sees each round's number and the exchange time so far.</summary>
    public static Result Run(IRankExchange ranks, int bytesPerPair, int rounds, Action<int, TimeSpan>? roundDone = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytesPerPair);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytesPerPair, MaxBytesPerPair(ranks.Ranks));
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        int me = ranks.Rank, count = ranks.Ranks;
        var incoming = new RankMail(count);
        long warmUpFailures = WarmUp(ranks, incoming);
        var lengths = new int[count];
        for (int r = 0; r < count; r++) lengths[r] = r != me || count == 1 ? bytesPerPair : 0;
        var outgoing = RankMail.WithLengths(lengths);
        ulong sentHash = 0, receivedHash = 0;
        long verified = 0, mismatched = 0;
        var exchanging = new Stopwatch();
        for (int round = 0; round < rounds; round++)
        {
            for (int r = 0; r < count; r++)
                if (lengths[r] > 0) sentHash ^= MailPattern.Write(outgoing.Segment(r), me, r, round);
            exchanging.Start();
            ranks.Exchange(outgoing, incoming);
            exchanging.Stop();
            for (int r = 0; r < count; r++)
            {
                var segment = incoming.Segment(r);
                if (segment.IsEmpty) continue;
                var (matches, hash) = MailPattern.Check(segment, r, me, round);
                receivedHash ^= hash;
                if (matches) verified += segment.Length; else mismatched++;
            }
            roundDone?.Invoke(round + 1, exchanging.Elapsed);
        }
        Span<long> sums = [verified, mismatched, warmUpFailures];
        ranks.AllReduce(sums, RankReduction.Sum);
        Span<long> hashes = [(long)sentHash, (long)receivedHash];
        ranks.AllReduce(hashes, RankReduction.Xor);
        long slowest = ranks.AllReduce(exchanging.ElapsedTicks, RankReduction.Max);
        long bytesPerRound = count == 1 ? bytesPerPair : (long)count * (count - 1) * bytesPerPair;
        return new Result(count, bytesPerPair, rounds, bytesPerRound, (double)slowest / Stopwatch.Frequency,
            sums[0], sums[1], (ulong)hashes[0], (ulong)hashes[1], sums[2]);
    }

    /// <summary>One exchange of uneven mail (round -1) and one of each reduction, checked against what they must give; returns this rank's failures.</summary>
    private static long WarmUp(IRankExchange ranks, RankMail incoming)
    {
        int me = ranks.Rank, count = ranks.Ranks;
        var lengths = new int[count];
        for (int r = 0; r < count; r++) lengths[r] = WarmUpLength(me, r);
        var outgoing = RankMail.WithLengths(lengths);
        for (int r = 0; r < count; r++) MailPattern.Write(outgoing.Segment(r), me, r, -1);
        ranks.Exchange(outgoing, incoming);
        long failures = 0;
        for (int r = 0; r < count; r++)
            if (incoming.Length(r) != WarmUpLength(r, me) || !MailPattern.Check(incoming.Segment(r), r, me, -1).Matches) failures++;
        long all = count * (count - 1L) / 2;
        if (ranks.AllReduce(me, RankReduction.Sum) != all) failures++;
        if (ranks.AllReduce(me, RankReduction.Max) != count - 1) failures++;
        if (ranks.AllReduce(me, RankReduction.Min) != 0) failures++;
        if (ranks.AllReduce(1L << (me % 64), RankReduction.Xor) != Bits(count)) failures++;
        ranks.Barrier();
        return failures;
    }

    /// <summary>The exclusive or of 1 &lt;&lt; (r mod 64) over ranks r.</summary>
    private static long Bits(int ranks)
    {
        long bits = 0;
        for (int r = 0; r < ranks; r++) bits ^= 1L << (r % 64);
        return bits;
    }
}
