namespace GossipSim.Analysis.Cli;

/// <summary>Bad input the user can fix; the message names the file (and line) and is printed as is.</summary>
public sealed class InputException(string message, Exception? inner = null) : Exception(message, inner);
