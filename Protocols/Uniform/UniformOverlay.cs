using GossipSim.Engine.Roles;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Protocols.Uniform;

/// <summary>
/// A uniform random overlay, written only on the public contract (<see cref="OverlayRole"/>) as a user would: each peer links to k
/// members drawn uniformly from the seeds' lists (every candidate alike, whatever its degree: the Erdős–Rényi-like baseline that
/// preferential attachment is compared with), takes others' asks up to twice k, and replaces a lost link from the candidates it
/// still holds, else from a fresh list. Its degrees are near k to 2k with no heavy tail, so the power-law fit rejects it; seed-pa's
/// fit does not (docs/extending.md). The seeds send their whole list up to <c>seedSettings.fullPeerListMax</c> peers and a draw by degree
/// above that, so in a larger network the candidates lean towards high degrees and the overlay is uniform only over them.
/// </summary>
public sealed class UniformOverlay : OverlayRole
{
    public static readonly UniformOverlay Instance = new();

    /// <summary>The scenario field and node option of k (<see cref="Engine.Config.PeerConfig.Setting"/>).</summary>
    public const string LinksField = "uniformLinks";

    private UniformOverlay() { }

    /// <summary>A peer's candidates not yet asked, and links wanted beyond k: kept only while it wants links (a settled peer keeps
    /// nothing).</summary>
    private sealed class Candidates(List<NodeAddress> pool, int extra = 0)
    {
        public readonly List<NodeAddress> Pool = pool;
        public readonly int Extra = extra;
    }

    private static int Wanted(OverlayContext peer) => (int)peer.Config.Setting(LinksField);

    /// <summary>At the start, k links; a peer the seeds removed while alive and took back asks for k new ones beside those it kept: its
    /// kept links may all be on its own side of a partition that healed, and asking only for what it lacks would leave the overlay
    /// split (the engine's seed-pa does the same: KeptLinks).</summary>
    public override void OnJoined(OverlayContext peer, IReadOnlyList<PeerListEntry> candidates) =>
        Take(peer, candidates, kept: peer.Neighbours.Length);

    public override void OnPeers(OverlayContext peer, IReadOnlyList<PeerListEntry> candidates) => Take(peer, candidates, kept: 0);

    /// <summary>A link lost is replaced; one the seeds' removal ended is replaced even by a peer that keeps k, with one link beyond
    /// k: its lost links may have been its only ones out of a group a partition cut off, and a group of more than k peers linked among
    /// themselves would otherwise stay an island for good (swarm seed 1, run 2546: five peers kept four links each among themselves
    /// when the seeds removed the other side; the rejoining side happened to ask none of them).</summary>
    public override void OnLinkDown(OverlayContext peer, NodeAddress neighbour, LinkEnd why, bool ownLink)
    {
        if (why == LinkEnd.Removed && peer.State is not Candidates { Extra: > 0 })
            peer.State = new Candidates((peer.State as Candidates)?.Pool ?? [], extra: 1);
        LinkMore(peer);
    }

    public override bool AcceptsLink(OverlayContext peer, NodeAddress asker) => peer.Neighbours.Length < 2 * Wanted(peer);

    public override void OnLinkUp(OverlayContext peer, NodeAddress neighbour, bool asked) => LetGoIfSettled(peer);

    public override void OnLinkFailed(OverlayContext peer, NodeAddress target, LinkFailure why) => LinkMore(peer);

    public override void OnRefresh(OverlayContext peer) => LinkMore(peer);

    private static void Take(OverlayContext peer, IReadOnlyList<PeerListEntry> candidates, int kept)
    {
        var pool = new List<NodeAddress>(candidates.Count);
        foreach (var e in candidates) pool.Add(e.Address);
        peer.State = new Candidates(pool, Extra(peer));
        LinkMore(peer, kept);
    }

    private static int Extra(OverlayContext peer) => (peer.State as Candidates)?.Extra ?? 0;

    /// <summary>Asks uniformly drawn candidates until links and requests out make k (beside <paramref name="kept"/> links not counted);
    /// with none left to ask, a fresh list.</summary>
    private static void LinkMore(OverlayContext peer, int kept = 0)
    {
        int missing = Wanted(peer) + Extra(peer) + kept - peer.Neighbours.Length - peer.PendingLinks;
        if (missing <= 0)
        {
            LetGoIfSettled(peer);
            return;
        }
        var pool = (peer.State as Candidates)?.Pool;
        while (missing > 0 && pool is { Count: > 0 })
        {
            // A uniform draw without replacement: swap the drawn one to the end and drop it.
            int at = peer.Random.NextInt(pool.Count);
            var target = pool[at];
            pool[at] = pool[^1];
            pool.RemoveAt(pool.Count - 1);
            if (!peer.CanAsk(target)) continue;
            peer.AskLink(target);
            missing--;
        }
        if (missing > 0 && peer.PendingLinks == 0) peer.RequestPeersAgain(); // a request out may have been lost: ask again
    }

    private static void LetGoIfSettled(OverlayContext peer)
    {
        if (peer.PendingLinks == 0 && peer.Neighbours.Length >= Wanted(peer) + Extra(peer)) peer.State = null;
    }
}
