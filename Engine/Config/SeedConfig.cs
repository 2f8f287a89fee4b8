using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Config;

/// <summary>Every tunable of a seed, with defaults and units in the names; <see cref="SeedTunables"/> describes each for scenarios and node
/// options.</summary>
public sealed record SeedConfig
{
    /// <summary>How long a seed waits for its own probe of a reported peer before voting yes (R4, R12).</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Pings a probe sends, spread over <see cref="ProbeTimeout"/>: any answer means alive, so one lost ping is not a
    /// death.</summary>
    public int ProbeAttempts { get; init; } = 3;

    /// <summary>A proposal without a majority of votes by then is rejected.</summary>
    public TimeSpan ProposalTimeout { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>Proposals a seed makes of one removal whose vote only went unanswered (its own probe found the member silent,
    /// no seed voted no): lost proposals or votes are no evidence that the member lives (<see cref="Seed.RemovalRetry"/>).</summary>
    public int RemovalProposals { get; init; } = 5;

    /// <summary>The longest wait between two proposals of one such removal; the waits double from <see cref="ProposalTimeout"/> up
    /// to it, so the proposals span a majority of seeds out of reach for a while (<see cref="Seed.RemovalRetry"/>).</summary>
    public TimeSpan RemovalRetryMaxWait { get; init; } = TimeSpan.FromSeconds(30);

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

    /// <summary>Degree reports (and, in their own message, endorsements) per relay message at most.</summary>
    public int DegreeRelayBatch { get; init; } = 256;

    /// <summary>Committed operations sent per anti-entropy reply (a catching-up seed asks again).</summary>
    public int SyncBatch { get; init; } = 4096;

    /// <summary>Registrations a seed starts checking per second from one source IP; beyond <see cref="RegistrationBurst"/>, more are
    /// refused with a reply.</summary>
    public int RegistrationsPerSecond { get; init; } = 50;

    /// <summary>Registrations one source IP may make at once before <see cref="RegistrationsPerSecond"/> applies.</summary>
    public int RegistrationBurst { get; init; } = 100;

    /// <summary>
    /// Dead-node reports (and goodbyes) a seed reads per second from one reporter address, on top
    /// of the reporter's degree as the seed believes it; beyond its bucket they are dropped and
    /// counted. A peer reports a neighbour only after missing its ping, so at most once per ping
    /// interval per neighbour: an honest peer's rate is at most its degree per ping interval.
    /// </summary>
    public int ReportsPerSecond { get; init; } = 8;

    /// <summary>
    /// Reports one reporter may send at once, on top of its believed degree (all its neighbours
    /// dying at once): the slack covers links the seed has not heard of yet.
    /// </summary>
    public int ReportBurst { get; init; } = 32;

    /// <summary>How long a seed waits for a registrant to echo the challenge it sent to the registrant's claimed address.</summary>
    public TimeSpan DialBackTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Challenges a dial-back sends, spread over <see cref="DialBackTimeout"/> (one lost challenge is not a fake).</summary>
    public int DialBackAttempts { get; init; } = 2;

    /// <summary>
    /// How often a seed goes through its whole list probing the members no link backs (no
    /// degree reported, or more than others' endorsements and <see cref="UnendorsedLinks"/>
    /// explain): one that does not answer is proposed for removal.
    /// </summary>
    public TimeSpan MemberSweepInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Links a peer's degree may have that no other member named: its own link requests, which the peers it linked to do not name.
    /// Also the least a member weighs in preferential attachment (a newcomer's links, before the seed hears of them).</summary>
    public int UnendorsedLinks { get; init; } = 3;

    /// <summary>Endorsements one member may give in one incarnation: a newcomer's links and its re-attachments fit well within it; a liar's
    /// stop there.</summary>
    public int EndorsementsPerMember { get; init; } = 64;

    /// <summary>
    /// Members (live, or being registered) a seed takes from one source IP; more are refused with
    /// a reply before any dial-back or vote, and a seed votes no on adding one more. A dial-back
    /// proves a listener, not a machine: without this, one host listening on 300 ports became 300
    /// members. The seeds' own IPs are not limited (<see cref="Membership.SeedHosts"/>): on
    /// 127.0.0.1 a thousand-peer run registers as before. A node per host, and a few more for hosts
    /// that run several, is what an operator running nodes on their own hosts sets.
    /// </summary>
    public int MembersPerIp { get; init; } = 8;

    /// <summary>
    /// Members a seed takes from one IPv4 /24 (one host with many addresses, or one provider's
    /// block). 256: every address of a /24 running one node (the simulator numbers peers
    /// 10.1.x.y, 256 to a /24; the namespace bed 250), and a /24 full of hosts at
    /// <see cref="MembersPerIp"/> each still holds at most this many. A seed's own /24 is not limited.
    /// </summary>
    public int MembersPerPrefix { get; init; } = 256;

    /// <summary>
    /// How long a renewal a seed hands out keeps a member's certificate valid. Peers
    /// refresh every 30 s by default, so four refreshes may go unanswered before an honest
    /// member's certificate lapses; a removed member, whom no seed renews, is refused everywhere
    /// at most this long after its last renewal, even by a peer that never heard of the removal.
    /// </summary>
    public TimeSpan CertificateLifetime { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Every value in its range and every wait longer than the wait inside it (<see cref="SeedTunables"/>).</summary>
    public void Validate() => Tunables.Validate(this, SeedTunables.All);
}
