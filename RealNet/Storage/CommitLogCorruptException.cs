namespace GossipSim.RealNet.Storage;

/// <summary>A seed's commit log file cannot be read: the message names the file, the byte offset and what was wrong.</summary>
public sealed class CommitLogCorruptException(string message) : Exception(message);
