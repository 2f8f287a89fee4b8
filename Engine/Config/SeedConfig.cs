namespace GossipSim.Engine.Config;

/// <summary>Every tunable of a seed, with defaults and units in the names.</summary>
public sealed record SeedConfig
{
    /// <summary>How long a seed waits for its own probe of a reported peer before voting yes (R4, R12).</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Pings a probe sends, spread over <see cref="ProbeTimeout"/>: any answer means alive, so one lost ping is not a death.</summary>
    public int ProbeAttempts { get; init; } = 3;

    /// <summary>A proposal without a majority of votes by then is rejected.</summary>
    public TimeSpan ProposalTimeout { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>R5: how often a seed compares its commits with another seed's and fetches what it missed.</summary>
    public TimeSpan AntiEntropyInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Up to this many peers, a peer list reply is the whole list (the classic protocol).</summary>
    public int FullPeerListMax { get; init; } = 1000;

    /// <summary>
    /// Above <see cref="FullPeerListMax"/>, the seed sends this many peers drawn in proportion
    /// to degree instead of the whole list: preferential attachment without O(N) per join.
    /// </summary>
    public int PeerListSampleSize { get; init; } = 24;

    /// <summary>
    /// Peers the seed expects to list: a capacity hint only (0: none). Its peer list makes room
    /// for them at once instead of doubling as they join, which at a million peers allocated
    /// every large array about twice over and set off full collections.
    /// </summary>
    public int ExpectedPeers { get; init; }

    /// <summary>
    /// How long a seed gathers degree reports before relaying them to the other seeds in one
    /// message, unless <see cref="DegreeRelayBatch"/> fill it sooner. Short next to link
    /// latency, so preferential attachment at the other seeds sees degrees about as fresh.
    /// </summary>
    public TimeSpan DegreeRelayDelay { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Degree reports per relay message at most.</summary>
    public int DegreeRelayBatch { get; init; } = 256;

    /// <summary>Committed operations sent per anti-entropy reply (a catching-up seed asks again).</summary>
    public int SyncBatch { get; init; } = 4096;

    public void Validate()
    {
        PeerConfig.Require(ProbeTimeout > TimeSpan.Zero, nameof(ProbeTimeout), "positive");
        PeerConfig.Require(ProposalTimeout > ProbeTimeout, nameof(ProposalTimeout), "longer than ProbeTimeout");
        PeerConfig.Require(ProbeAttempts >= 1, nameof(ProbeAttempts), "at least 1");
        PeerConfig.Require(AntiEntropyInterval > TimeSpan.Zero, nameof(AntiEntropyInterval), "positive");
        PeerConfig.Require(PeerListSampleSize >= 1, nameof(PeerListSampleSize), "at least 1");
        PeerConfig.Require(SyncBatch >= 1, nameof(SyncBatch), "at least 1");
        PeerConfig.Require(DegreeRelayDelay > TimeSpan.Zero, nameof(DegreeRelayDelay), "positive");
        PeerConfig.Require(DegreeRelayBatch >= 1, nameof(DegreeRelayBatch), "at least 1");
        PeerConfig.Require(ExpectedPeers >= 0, nameof(ExpectedPeers), "0 or more");
    }
}
