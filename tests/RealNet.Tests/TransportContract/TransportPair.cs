using GossipSim.Engine.Core;
using GossipSim.RealNet.Transport;

namespace GossipSim.RealNet.Tests.TransportContract;

/// <summary>
/// What an implementation gives the contract suite: two fresh, not yet started endpoints that can
/// reach each other, and an address where nothing is listening.
/// </summary>
public sealed record TransportPair(ITransport A, ITransport B, NodeAddress DeadAddress);
