using GossipSim.Engine.Roles;

namespace GossipSim.Engine.Gossip;

/// <summary>
/// R10's flood, a <see cref="BroadcastRole"/>: a message goes once on every link it has not crossed yet, the one it came on
/// excepted. It keeps nothing: one object serves every peer of a process.
/// </summary>
internal sealed class FloodBroadcast : BroadcastRole
{
    public static readonly FloodBroadcast Instance = new();

    private FloodBroadcast() { }

    public override void OnFirstReceipt(BroadcastContext peer, in GossipCopy copy)
    {
        int degree = peer.Neighbours.Length;
        Span<int> links = degree <= 256 ? stackalloc int[degree] : new int[degree];
        int claimed = peer.ClaimLinks(copy, links);
        for (int i = 0; i < claimed; i++) peer.SendGossip(links[i], copy.Message);
    }
}
