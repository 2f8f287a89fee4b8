namespace GossipSim.Scenarios.Run;

/// <summary>A runtime could not run the scenario on this machine, or broke down during it: the message says which, in the user's
/// words.</summary>
public sealed class RunFailedException(string message, Exception? inner = null) : Exception(message, inner);
