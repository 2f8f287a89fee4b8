using System.Diagnostics.CodeAnalysis;

namespace GossipSim.Simulator.Ranks;

/// <summary>
/// The processes of one run, called ranks (0 to <see cref="Ranks"/> - 1), and what they trade at a
/// window's end. Every rank makes the same calls in the same order: each call returns on a rank
/// only once every rank has made it, so a rank never runs ahead into a window whose mail it has
/// not received. Calls come from one thread at a time. A rank that dies ends the run on every rank
/// (the launcher's doing); no call ever returns partial mail.
/// </summary>
public interface IRankExchange : IDisposable
{
    /// <summary>This process's rank.</summary>
    int Rank { get; }

    /// <summary>How many ranks the run has.</summary>
    int Ranks { get; }

    /// <summary>
    /// Sends each rank its segment of <paramref name="outgoing"/> (one per rank, this one's own
    /// included) and returns the mail every rank sent this one, its segment r from rank r.
    /// The returned mail is new and this rank's to keep.
    /// </summary>
    RankMail Exchange(RankMail outgoing);

    /// <summary>Combines each rank's <paramref name="values"/> element by element; every rank gets the result in place.</summary>
    void AllReduce(Span<long> values, RankReduction reduction);

    /// <summary>Returns once every rank has called it.</summary>
    void Barrier();

    /// <summary>Ends every rank of the run with <paramref name="exitCode"/>: for a failure this rank cannot recover from.</summary>
    [DoesNotReturn]
    void Abort(int exitCode);
}

/// <summary>How <see cref="IRankExchange.AllReduce"/> combines the ranks' values.</summary>
public enum RankReduction
{
    Sum,
    Max,
    Min,

    /// <summary>Bitwise exclusive or: combines hashes, where a sum could overflow.</summary>
    Xor,
}

/// <summary>A rank exchange failed or cannot start; the message is one line meant for the user.</summary>
public sealed class RankExchangeException(string message) : Exception(message);

/// <summary>The one-value forms of <see cref="IRankExchange.AllReduce"/>.</summary>
public static class RankExchangeExtensions
{
    public static long AllReduce(this IRankExchange ranks, long value, RankReduction reduction)
    {
        Span<long> values = [value];
        ranks.AllReduce(values, reduction);
        return values[0];
    }
}
