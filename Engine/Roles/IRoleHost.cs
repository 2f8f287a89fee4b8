using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Roles;

/// <summary>What the peer lends every role alike (its context, settings and links), under what it lends each
/// (<see cref="IBroadcastHost"/>, <see cref="IDetectorHost"/>, <see cref="IOverlayHost"/>): the peer implements these once.</summary>
internal interface IRoleHost
{
    NodeContext Ctx { get; }
    PeerConfig Config { get; }
    ReadOnlySpan<NodeAddress> NeighbourAddresses { get; }
    int NeighbourIndex(NodeAddress a);
}
