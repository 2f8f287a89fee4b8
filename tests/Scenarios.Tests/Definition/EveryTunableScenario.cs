namespace GossipSim.Scenarios.Tests.Definition;

/// <summary>
/// A scenario file that sets every seed and peer tunable a scenario can set to a value other
/// than its default (durations with more decimals than a millisecond, so text that rounds shows).
/// <see cref="ScenarioLoaderTests"/> checks it really covers every table entry.
/// </summary>
public static class EveryTunableScenario
{
    public const string Json = """
        {
          "name": "every-tunable", "seeds": 1, "peers": 2,
          "gossip": { "origins": 1, "intervalSeconds": 0.7531, "messagesPerPeer": 3 },
          "peerSettings": {
            "linksPerNewcomer": 2, "pingIntervalSeconds": 9.1123, "missesBeforeSuspect": 4, "suspicionWitnesses": 5,
            "witnessProbeTimeoutSeconds": 2.1123, "witnessProbeAttempts": 3, "suspicionQueryTimeoutSeconds": 3.5123,
            "neighbourSampleSize": 7, "maxNeighbours": 999, "registerTimeoutSeconds": 3.5124, "linkTimeoutSeconds": 3.5125,
            "messageListTtlSeconds": 210.0123, "messageListCapacity": 100001, "messageListExpected": 37, "reattachOnLoss": false,
            "reattachRetrySeconds": 3.5126, "reattachRetryMaxSeconds": 84.0123, "membershipRefreshSeconds": 21.0123
          },
          "seedSettings": {
            "probeTimeoutSeconds": 2.1123, "probeAttempts": 4, "proposalTimeoutSeconds": 4.2123, "antiEntropyIntervalSeconds": 3.5123,
            "fullPeerListMax": 1001, "peerListSampleSize": 25, "syncBatch": 4097, "degreeRelayDelaySeconds": 0.0173, "degreeRelayBatch": 257,
            "registrationsPerSecond": 51, "registrationBurst": 101, "reportsPerSecond": 9, "reportBurst": 33, "dialBackTimeoutSeconds": 2.1127, "dialBackAttempts": 3, "removalProposals": 4, "removalRetryMaxWaitSeconds": 17.0123,
            "memberSweepIntervalSeconds": 31.0123, "unendorsedLinks": 4, "endorsementsPerMember": 65, "membersPerIp": 9, "membersPerPrefix": 257,
            "certificateLifetimeSeconds": 121.25
          },
          "protocol": { "broadcast": "plumtree", "ihaveDispatchSeconds": 0.0431, "graftTimeoutSeconds": 0.0913, "graftRetrySeconds": 0.0517, "payloadRetentionSeconds": 21.0127,
                        "plumtreeMaxAnnouncers": 17, "rumourCycleSeconds": 0.8123, "rumourCounter": 4, "rumourCounterResets": 1,
                        "failureDetector": "swim", "swimPeriodSeconds": 0.7123, "swimProbeTimeoutSeconds": 0.3623, "swimIndirectProbes": 4,
                        "swimSuspicionMinSeconds": 4.2123, "swimSuspicionMaxSeconds": 25.2123, "phiThreshold": 9, "phiMinStdDevSeconds": 0.7123,
                        "phiPauseSeconds": 11.3123, "phiWindow": 77, "phiCheckSeconds": 0.9123, "uniformLinks": 5,
                        "overlay": "hyparview", "hyparviewActiveSize": 6, "hyparviewPassiveSize": 25, "hyparviewActiveWalk": 5,
                        "hyparviewPassiveWalk": 2, "hyparviewShuffleSeconds": 7.3123, "hyparviewShuffleActive": 2, "hyparviewShufflePassive": 5,
                        "hyparviewOwnLinks": 2, "hyparviewWalksPerSource": 17 }
        }
        """;
}
