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
    /// included) and fills <paramref name="incoming"/> with the mail every rank sent this one, its
    /// segment r from rank r (resized to fit; its buffer is reused when large enough). Both are the
    /// caller's, for every window; they must be two different mails, each for <see cref="Ranks"/> ranks.
    /// </summary>
    void Exchange(RankMail outgoing, RankMail incoming);

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

/// <summary>The one-value form of <see cref="IRankExchange.AllReduce"/>, and the checks every exchange makes of its arguments.</summary>
public static class RankExchangeExtensions
{
    /// <summary>Throws unless <paramref name="outgoing"/> and <paramref name="incoming"/> are two mails for <paramref name="ranks"/>' ranks.</summary>
    public static void CheckMail(this IRankExchange ranks, RankMail outgoing, RankMail incoming)
    {
        if (ReferenceEquals(outgoing, incoming)) throw new ArgumentException("outgoing and incoming mail must be two mails", nameof(incoming));
        if (outgoing.Ranks != ranks.Ranks) throw new ArgumentException($"mail for {outgoing.Ranks} ranks on a run of {ranks.Ranks}", nameof(outgoing));
        if (incoming.Ranks != ranks.Ranks) throw new ArgumentException($"mail for {incoming.Ranks} ranks on a run of {ranks.Ranks}", nameof(incoming));
    }

    public static long AllReduce(this IRankExchange ranks, long value, RankReduction reduction)
    {
        Span<long> values = [value];
        ranks.AllReduce(values, reduction);
        return values[0];
    }
}
