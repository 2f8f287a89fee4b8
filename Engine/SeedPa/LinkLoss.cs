using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.SeedPa;

/// <summary>
/// R8 and healing on the seed-pa overlay: how many new links a peer asks for when it loses one. Preferential attachment holds
/// the overlay at about <see cref="Config.PeerConfig.LinksPerNewcomer"/> links a peer: each peer makes that many itself, and the
/// hubs are the peers others chose. So a lost link this peer asked for is replaced (it keeps its own links), while a lost link
/// another peer asked for was that peer's to replace: this one asks only for what it lacks below the newcomer's count, as the
/// refresh's top-up does. Replacing every lost link at both of its ends kept a departed peer's links in the overlay while each
/// newcomer added its own, so under churn the mean degree only grew. Pure: table tests.
/// </summary>
public static class LinkLoss
{
    /// <param name="lostOwnLink">The lost link was one this peer asked for (marked with <see cref="Roles.OverlayContext.MarkOwnLink"/>).</param>
    /// <param name="degree">Links left after the loss.</param>
    /// <param name="underWay">Links already asked for or still to ask for.</param>
    public static int LinksToAsk(bool lostOwnLink, int degree, int underWay, int linksPerNewcomer) =>
        Math.Max(lostOwnLink ? 1 : 0, linksPerNewcomer - degree - underWay);

    /// <summary>
    /// Links a peer asks for at a registration. A newcomer or restarted peer asks for what it lacks below the newcomer's count; a
    /// peer registered again (<paramref name="registeredAgain"/>: the seeds removed it while alive) asks for the full count on top of
    /// its kept links. The seeds removed it, so every peer that had asked it for a link ended that link and replaced it while it was
    /// gone: what it kept may be only the peers cut off with it, and a lost link another peer made is that peer's to replace
    /// (<see cref="LinksToAsk"/>), so nobody else links the two sides of a healed partition again.
    /// </summary>
    public static int LinksAtRegistration(int kept, bool registeredAgain, int linksPerNewcomer) =>
        registeredAgain ? linksPerNewcomer : Math.Max(0, linksPerNewcomer - kept);
}
