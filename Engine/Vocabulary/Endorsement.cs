using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;

namespace GossipSim.Engine.Vocabulary;

/// <summary>One peer's naming of another as a neighbour it linked to (<see cref="DegreeUpdate.Linked"/>), as seeds relay it
/// (<see cref="DegreeRelay"/>).</summary>
public readonly record struct Endorsement(PeerId Endorser, NodeAddress Target);
