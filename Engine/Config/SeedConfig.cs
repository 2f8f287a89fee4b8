namespace GossipSim.Engine.Config;

/// <summary>Every tunable of a seed, with defaults and units in the names; <see cref="SeedTunables"/> describes each for scenarios and node options.</summary>
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
    /// How long a seed gathers degree reports before relaying them to the other seeds in one
    /// message, unless <see cref="DegreeRelayBatch"/> fill it sooner. Short next to link
    /// latency, so preferential attachment at the other seeds sees degrees about as fresh.
    /// </summary>
    public TimeSpan DegreeRelayDelay { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Degree reports per relay message at most.</summary>
    public int DegreeRelayBatch { get; init; } = 256;

    /// <summary>Committed operations sent per anti-entropy reply (a catching-up seed asks again).</summary>
    public int SyncBatch { get; init; } = 4096;

    /// <summary>Every value in its range and every wait longer than the wait inside it (<see cref="SeedTunables"/>).</summary>
    public void Validate() => Tunables.Validate(this, SeedTunables.All);
}
