using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Membership;

/// <summary>
/// Members that stopped refreshing. A crashed peer whose neighbours all crashed too has nobody to
/// report it and dead endorsements backing it, so without this it stays a member for good. A member
/// sends its degree reports and its refreshes to one seed, which counts sweep passes without either;
/// once they span a certificate lifetime it probes, and a silent member is proposed for removal (each
/// seed's probe decides, R12). A report counts as well as a refresh: a peer registering again reports
/// its kept links before its first refresh, and one that crashed then was counted by no seed. A member
/// reporting elsewhere now is forgotten here. State: one byte a member (bit 7 reports here, bit 6
/// heard since the last pass, bits 0–5 passes since, at most 63). Pure.
/// </summary>
public static class CertificateSilence
{
    private const byte ReportsHere = 0x80, HeardSincePass = 0x40, PassesMask = 0x3F;

    /// <summary>Nothing known: the member does not report here (or answered a silence probe).</summary>
    public const byte Untracked = 0;

    /// <summary>A degree report or refresh from the member came to this seed.</summary>
    public const byte Reported = ReportsHere | HeardSincePass;

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
        if ((state & ReportsHere) == 0) return Untracked;
        if ((state & HeardSincePass) != 0) return ReportsHere; // heard since the last pass: the count starts again
        int passes = Math.Min((state & PassesMask) + 1, PassesMask);
        probe = passes >= passesToProbe;
        return (byte)(ReportsHere | passes);
    }

    /// <summary>The sweep's passes since the member's last refresh here (0 when it does not report here).</summary>
    public static int SilentPasses(byte state) => (state & ReportsHere) == 0 ? 0 : state & PassesMask;
}
