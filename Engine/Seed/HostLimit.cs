using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Seed;

/// <summary>Whether a seed takes one more registrant from a host: yes, or which limit it is at.</summary>
public enum HostVerdict : byte { Admit, IpFull, PrefixFull }

/// <summary>
/// The seeds' admission limit per host: a dial-back proves a registrant listens, not that it is a
/// machine of its own (one host on many ports would fill newcomers' peer lists). A seed takes at most
/// <see cref="Config.SeedConfig.MembersPerIp"/> members (live or being registered) from one IP and
/// <see cref="Config.SeedConfig.MembersPerPrefix"/> from one IPv4 /24. The seeds' own hosts are the
/// operator's and not limited (runs on 127.0.0.1 register as before); a seed's /24 is limited per IP only.
/// </summary>
public static class HostLimit
{
    /// <param name="onIp">Members on the registrant's IP, live or being registered, not counting it.</param>
    /// <param name="inPrefix">The same for its /24.</param>
    /// <param name="seedIp">The registrant's IP is a seed's.</param>
    /// <param name="seedPrefix">Its /24 holds a seed.</param>
    public static HostVerdict Decide(int onIp, int inPrefix, int perIp, int perPrefix, bool seedIp, bool seedPrefix)
    {
        if (seedIp) return HostVerdict.Admit;
        if (onIp >= perIp) return HostVerdict.IpFull;
        if (!seedPrefix && inPrefix >= perPrefix) return HostVerdict.PrefixFull;
        return HostVerdict.Admit;
    }

    /// <summary>The refusal's words, naming the limit and its option.</summary>
    public static string Reason(HostVerdict verdict, NodeAddress registrant, int perIp, int perPrefix) => verdict switch
    {
        HostVerdict.IpFull => $"{registrant.IpText} already holds {perIp} members or registrations (at most {perIp} "
            + $"from one IP, --members-per-ip)",
        HostVerdict.PrefixFull => $"{PrefixText(registrant.Ip)} already holds {perPrefix} members or registrations (at most {perPrefix} "
            + $"from one /24, --members-per-prefix)",
        _ => "",
    };

    private static string PrefixText(uint ip) => new NodeAddress(HostCounts.PrefixOf(ip), 0).IpText + "/24";
}
