using GossipSim.Engine.Roles;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.SeedPa;

/// <summary>
/// R8 and healing, the engine's first overlay: a peer links to <see cref="Config.PeerConfig.LinksPerNewcomer"/> members drawn from
/// the seeds' lists by preferential attachment (<see cref="OverlayContext.ChooseByDegree"/>), takes every other member's ask up to the
/// peer's hard cap, and replaces lost links (<see cref="LinkLoss"/>) from a fresh list, asking the seeds less and less often while
/// their lists bring nobody new. Written on the public contract as a user's overlay is; one object for every peer, whose state is the
/// peer's count of wanted links (<see cref="OverlayContext.WantedLinks"/>): a settled peer keeps nothing of its own.
/// </summary>
public sealed class SeedPaOverlay : OverlayRole
{
    public static readonly SeedPaOverlay Instance = new();

    private SeedPaOverlay() { }

    /// <summary>Its first links, or, registered again, new ones beside those it kept (<see cref="LinkLoss.LinksAtRegistration"/>).
    /// The candidates are not read: the draw is by degree, from the lists the peer holds.</summary>
    public override void OnJoined(OverlayContext peer, IReadOnlyList<PeerListEntry> candidates)
    {
        peer.WantedLinks = Math.Max(peer.WantedLinks,
            LinkLoss.LinksAtRegistration(peer.Neighbours.Length, peer.RegisteredAgain, peer.Config.LinksPerNewcomer));
        LinkMore(peer);
    }

    public override void OnPeers(OverlayContext peer, IReadOnlyList<PeerListEntry> candidates) => LinkMore(peer);

    /// <summary>Every ask is taken (up to the peer's hard cap, which the peer holds).</summary>
    public override bool AcceptsLink(OverlayContext peer, NodeAddress asker) => true;

    /// <summary>A link this peer asked for is its own: its loss is this peer's to replace (<see cref="LinkLoss"/>). A newcomer's links
    /// count however they came: one that found few candidates (an early peer) is linked once later newcomers have linked to it.</summary>
    public override void OnLinkUp(OverlayContext peer, NodeAddress neighbour, bool asked)
    {
        if (asked) peer.MarkOwnLink(neighbour);
        else if (peer.Linking)
            peer.WantedLinks = Math.Min(peer.WantedLinks,
                Math.Max(0, peer.Config.LinksPerNewcomer - peer.Neighbours.Length - peer.PendingLinks));
    }

    /// <summary>Another candidate in its place; after a timeout, a fresh list when none is left. An acceptance this peer had no room
    /// for is not replaced: the peer is full.</summary>
    public override void OnLinkFailed(OverlayContext peer, NodeAddress target, LinkFailure why)
    {
        if (why == LinkFailure.NoRoom) return;
        peer.WantedLinks++;
        LinkMore(peer);
        if (why == LinkFailure.TimedOut && peer.WantedLinks > 0 && peer.PendingLinks == 0) peer.RequestPeers();
    }

    /// <summary>The overlay heals: a link lost to the network or the seeds is replaced by a new preferential-attachment link, when it
    /// was this peer's own or the peer is left under-linked (<see cref="LinkLoss"/>).</summary>
    public override void OnLinkDown(OverlayContext peer, NodeAddress neighbour, LinkEnd why, bool ownLink)
    {
        if (why is LinkEnd.NotAMember or LinkEnd.Dropped || !peer.Config.ReattachOnLoss) return;
        int ask = LinkLoss.LinksToAsk(ownLink, peer.Neighbours.Length, peer.WantedLinks + peer.PendingLinks, peer.Config.LinksPerNewcomer);
        if (ask == 0) return;
        peer.WantedLinks += ask;
        peer.Reattaching(newNeed: true);
        peer.RequestPeers();
    }

    /// <summary>At a refresh: an under-linked peer with nothing under way asks for links again (while the lists bring nobody new,
    /// the backed-off retry asks instead).</summary>
    public override void OnRefresh(OverlayContext peer)
    {
        int links = peer.Config.LinksPerNewcomer;
        if (peer.Neighbours.Length >= links || peer.PendingLinks != 0) return;
        peer.WantedLinks = Math.Max(peer.WantedLinks, links - peer.Neighbours.Length);
        peer.Reattaching(newNeed: false);
        peer.RequestPeersAgain();
    }

    /// <summary>Asks for the wanted links, drawn by degree, until they are asked for or the lists run out.</summary>
    private static void LinkMore(OverlayContext peer)
    {
        if (peer.WantedLinks <= 0) return;
        foreach (var target in peer.ChooseByDegree(peer.WantedLinks))
        {
            peer.WantedLinks--;
            peer.AskLink(target);
        }
    }
}
