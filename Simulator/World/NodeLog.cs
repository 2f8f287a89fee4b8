using GossipSim.Engine.Core;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.Simulator.World;

/// <summary>Where a simulated node's human output lines go (a file, the console, a second thread).</summary>
public delegate void NodeLog(NodeAddress node, TimeSpan time, string line);
