using static GossipSim.Engine.Config.Tunable<GossipSim.Engine.Config.SeedConfig>;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Config;

/// <summary>Every <see cref="SeedConfig"/> tunable, once: scenario name, node option, unit, range, help (see
/// <see cref="Tunable"/>).</summary>
public static class SeedTunables
{
    public static readonly IReadOnlyList<Tunable<SeedConfig>> All =
    [
        Seconds(nameof(SeedConfig.ProbeTimeout), "seedSettings.probeTimeoutSeconds", "--probe-timeout",
            "R12: a seed's own probe of a reported peer waits this long before it votes yes",
            c => c.ProbeTimeout, (c, v) => c with { ProbeTimeout = v }),
        Count(nameof(SeedConfig.ProbeAttempts), "seedSettings.probeAttempts", "--probe-attempts", 1,
            "Pings a seed's probe sends, spread over --probe-timeout (any answer means alive)",
            c => c.ProbeAttempts, (c, v) => c with { ProbeAttempts = v }),
        Seconds(nameof(SeedConfig.ProposalTimeout), "seedSettings.proposalTimeoutSeconds", "--proposal-timeout",
            "R4: a proposal without a majority by then is rejected (longer than --probe-timeout)",
            c => c.ProposalTimeout, (c, v) => c with { ProposalTimeout = v }, nameof(SeedConfig.ProbeTimeout)),
        Seconds(nameof(SeedConfig.AntiEntropyInterval), "seedSettings.antiEntropyIntervalSeconds", "--anti-entropy-interval",
            "R5: how often a seed compares its commits with another seed's",
            c => c.AntiEntropyInterval, (c, v) => c with { AntiEntropyInterval = v }),
        Count(nameof(SeedConfig.FullPeerListMax), "seedSettings.fullPeerListMax", "--full-peer-list-max", 0,
            "Up to this many peers, a peer list reply is the whole list",
            c => c.FullPeerListMax, (c, v) => c with { FullPeerListMax = v }),
        Count(nameof(SeedConfig.PeerListSampleSize), "seedSettings.peerListSampleSize", "--peer-list-sample", 1,
            "Above that, peers drawn by degree per reply",
            c => c.PeerListSampleSize, (c, v) => c with { PeerListSampleSize = v }),
        Count(nameof(SeedConfig.SyncBatch), "seedSettings.syncBatch", "--sync-batch", 1, "Committed operations per anti-entropy reply",
            c => c.SyncBatch, (c, v) => c with { SyncBatch = v }),
        Seconds(nameof(SeedConfig.DegreeRelayDelay), "seedSettings.degreeRelayDelaySeconds", "--degree-relay-delay",
            "How long a seed gathers peers' degree reports before relaying them to the other seeds in one message",
            c => c.DegreeRelayDelay, (c, v) => c with { DegreeRelayDelay = v }),
        Count(nameof(SeedConfig.DegreeRelayBatch), "seedSettings.degreeRelayBatch", "--degree-relay-batch", 1,
            "Degree reports (and endorsements) per relay message at most (a full batch goes at once)",
            c => c.DegreeRelayBatch, (c, v) => c with { DegreeRelayBatch = v }),
        Count(nameof(SeedConfig.RegistrationsPerSecond), "seedSettings.registrationsPerSecond", "--registrations-per-second", 1,
            "Registrations a seed takes per second from one source IP (after the burst); more are refused",
            c => c.RegistrationsPerSecond, (c, v) => c with { RegistrationsPerSecond = v }),
        Count(nameof(SeedConfig.RegistrationBurst), "seedSettings.registrationBurst", "--registration-burst", 1,
            "Registrations one source IP may make at once",
            c => c.RegistrationBurst, (c, v) => c with { RegistrationBurst = v }),
        Count(nameof(SeedConfig.ReportsPerSecond), "seedSettings.reportsPerSecond", "--reports-per-second", 1,
            "Dead-node reports a seed reads per second from one reporter, on top of the reporter's degree (after the burst); "
                + "more are dropped and counted",
            c => c.ReportsPerSecond, (c, v) => c with { ReportsPerSecond = v }),
        Count(nameof(SeedConfig.ReportBurst), "seedSettings.reportBurst", "--report-burst", 1,
            "Dead-node reports one reporter may send at once, on top of its degree",
            c => c.ReportBurst, (c, v) => c with { ReportBurst = v }),
        Seconds(nameof(SeedConfig.DialBackTimeout), "seedSettings.dialBackTimeoutSeconds", "--dial-back-timeout",
            "A seed admits a registrant only once the challenge it sent to the registrant's address is echoed within this",
            c => c.DialBackTimeout, (c, v) => c with { DialBackTimeout = v }),
        Count(nameof(SeedConfig.DialBackAttempts), "seedSettings.dialBackAttempts", "--dial-back-attempts", 1,
            "Challenges a dial-back sends, spread over --dial-back-timeout",
            c => c.DialBackAttempts, (c, v) => c with { DialBackAttempts = v }),
        Seconds(nameof(SeedConfig.MemberSweepInterval), "seedSettings.memberSweepIntervalSeconds", "--member-sweep-interval",
            "A seed probes, once per this interval, each member no link backs; a silent one is proposed for removal",
            c => c.MemberSweepInterval, (c, v) => c with { MemberSweepInterval = v }),
        Count(nameof(SeedConfig.UnendorsedLinks), "seedSettings.unendorsedLinks", "--unendorsed-links", 0,
            "Links a peer's degree may have beyond those other members named (its own link requests)",
            c => c.UnendorsedLinks, (c, v) => c with { UnendorsedLinks = v }),
        Count(nameof(SeedConfig.EndorsementsPerMember), "seedSettings.endorsementsPerMember", "--endorsements-per-member", 0,
            "Links one member may name (endorse) per incarnation",
            c => c.EndorsementsPerMember, (c, v) => c with { EndorsementsPerMember = v }),
        Count(nameof(SeedConfig.MembersPerIp), "seedSettings.membersPerIp", "--members-per-ip", 1,
            "Members a seed takes from one source IP (the seeds' own IPs excepted); more registrations are refused",
            c => c.MembersPerIp, (c, v) => c with { MembersPerIp = v }),
        Count(nameof(SeedConfig.MembersPerPrefix), "seedSettings.membersPerPrefix", "--members-per-prefix", 1,
            "Members a seed takes from one IPv4 /24 (the seeds' own /24s excepted); more registrations are refused",
            c => c.MembersPerPrefix, (c, v) => c with { MembersPerPrefix = v }),
        Seconds(nameof(SeedConfig.CertificateLifetime), "seedSettings.certificateLifetimeSeconds", "--certificate-lifetime",
            "A member's certificate counts this long after a seed last renewed it (each refresh renews it; keep it a few of the "
                + "peers' --membership-refresh)",
            c => c.CertificateLifetime, (c, v) => c with { CertificateLifetime = v }),
    ];
}
