using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Membership;

/// <summary>
/// What a seed believes of a peer's claimed degree. Every link has a requester and an
/// acceptor; the requester names the acceptor to its seed (<see cref="Messages.DegreeUpdate.Linked"/>),
/// which endorses the acceptor's degree. A peer's own link requests are named by nobody, so
/// up to <c>unendorsed</c> links of a claim stand without endorsement. A claim beyond that is
/// cut to what is backed: a Sybil claiming a thousand links that no member names weighs, in
/// preferential attachment, what a newcomer with its first links weighs.
/// </summary>
public static class DegreeBacking
{
    /// <summary>The degree a seed hands out and draws by: the claim, at most the endorsements plus the unendorsed allowance.</summary>
    public static int Believed(int claimed, int endorsed, int unendorsed) =>
        (int)Math.Min(claimed, (long)endorsed + unendorsed);

    /// <summary>
    /// A live member's weight in preferential attachment: its believed degree, but at least the
    /// links a newcomer makes (and at least 1). A Barabási–Albert node counts its m links from
    /// the moment it arrives; a seed hears of a newcomer's links a round trip and a relay later,
    /// and at tens of thousands of joins a second the newcomers of that moment would otherwise
    /// weigh a third of what they should (more peers left at degree m than BA has).
    /// </summary>
    public static long Weight(int believed, int newcomerLinks) => Math.Max(Math.Max(believed, newcomerLinks), 1);

    /// <summary>
    /// Whether the member sweep probes this member: a live member that reported no link at all
    /// (a registrant that went silent, or an isolated peer), or one whose claim its backing does
    /// not explain. Members whose links others named are watched by their neighbours (R11).
    /// </summary>
    public static bool Unbacked(bool live, int claimed, int endorsed, int unendorsed) =>
        live && (claimed == 0 || claimed > (long)endorsed + unendorsed);

    /// <summary>
    /// Whether an endorsement counts at all: not when its giver and its target share an IP
    /// (unless that is a seed's host, <see cref="SeedHosts"/>). Members on one host can link to
    /// each other as often as they like, so such a link shows nothing: 300 Sybils on one host,
    /// 64 endorsements each, would otherwise lift each other's believed degrees into the
    /// thousands. On 127.0.0.1, where every node of a test or a headline
    /// run shares the seeds' host, every endorsement counts as before.
    /// </summary>
    public static bool Counts(uint endorserIp, uint targetIp, bool seedHost) => endorserIp != targetIp || seedHost;

    /// <summary>Whether an endorser may give one more endorsement: it is a live member, and within its budget for this
    /// incarnation.</summary>
    public static bool MayEndorse(bool endorserLive, int given, int budget) => endorserLive && given < budget;
}
