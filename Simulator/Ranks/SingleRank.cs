using System.Diagnostics.CodeAnalysis;

namespace GossipSim.Simulator.Ranks;

/// <summary>
/// A run on one process: rank 0 of 1. Its own mail comes back to it (a copy, as an exchange
/// between processes would deliver it), reductions return their input, and the barrier has no
/// one to wait for. What runs without a launcher, and the exchange tests run on.
/// </summary>
public sealed class SingleRank : IRankExchange
{
    public int Rank => 0;
    public int Ranks => 1;

    public void Exchange(RankMail outgoing, RankMail incoming)
    {
        this.CheckMail(outgoing, incoming);
        incoming.Resize([outgoing.Length(0)]);
        outgoing.Segment(0).CopyTo(incoming.Segment(0));
    }

    public void AllReduce(Span<long> values, RankReduction reduction) { }

    public void Barrier() { }

    [DoesNotReturn]
    public void Abort(int exitCode) => Environment.Exit(exitCode);

    public void Dispose() { }
}
