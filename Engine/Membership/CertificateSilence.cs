using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Membership;

/// <summary>
/// Members that stopped refreshing. A peer renews its certificate by refreshing at one seed
/// (every 30 s by default); a crashed peer stops. Its neighbours normally report it, but a
/// crashed peer whose neighbours all crashed too has nobody to report it, and its dead
/// neighbours' endorsements still back it, so the unbacked sweep never probes it: without this
/// it stays a member for good. The seed that takes a member's refreshes counts the sweep's
/// passes with no refresh from it; once they span a certificate lifetime (the member's renewal
/// from this seed has run out) the sweep probes it, and one that stays silent is proposed for
/// removal like any other (every seed's own probe decides, R12). A member that answers refreshes
/// elsewhere now (its refreshes moved to another seed when one went unanswered): this seed
/// forgets it.
/// <para>The state is one byte a member, in the padding of the seed's member record: bit 7 "it
/// refreshes here", bit 6 "a refresh came since the sweep last passed it", bits 0–5 the sweep's
/// passes since its last refresh (at most 63). Pure: table tests.</para>
/// </summary>
public static class CertificateSilence
{
    private const byte RefreshesHere = 0x80, HeardSincePass = 0x40, PassesMask = 0x3F;

    /// <summary>Nothing known: the member does not refresh here (or answered a silence probe).</summary>
    public const byte Untracked = 0;

    /// <summary>A refresh from the member came to this seed.</summary>
    public const byte Refreshed = RefreshesHere | HeardSincePass;

    /// <summary>Sweep passes with no refresh that span a certificate lifetime: the renewal given at the last refresh has run out by
    /// the last of them (a pass comes once a sweep interval).</summary>
    public static int PassesToProbe(TimeSpan certificateLifetime, TimeSpan sweepInterval) =>
        Math.Clamp((int)Math.Ceiling(certificateLifetime / sweepInterval), 1, PassesMask);

    /// <summary>
    /// The sweep passes the member: its new state, and whether to probe it (once the silent passes reach
    /// <paramref name="passesToProbe"/>, at every pass until it answers or is removed).
    /// </summary>
    public static byte Pass(byte state, int passesToProbe, out bool probe)
    {
        probe = false;
        if ((state & RefreshesHere) == 0) return Untracked;
        if ((state & HeardSincePass) != 0) return RefreshesHere; // heard since the last pass: the count starts again
        int passes = Math.Min((state & PassesMask) + 1, PassesMask);
        probe = passes >= passesToProbe;
        return (byte)(RefreshesHere | passes);
    }

    /// <summary>The sweep's passes since the member's last refresh here (0 when it does not refresh here).</summary>
    public static int SilentPasses(byte state) => (state & RefreshesHere) == 0 ? 0 : state & PassesMask;
}
