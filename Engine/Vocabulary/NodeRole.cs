namespace GossipSim.Engine.Vocabulary;

public enum NodeRole : byte { Seed = 1, Peer = 2 }
