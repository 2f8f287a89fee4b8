using GossipSim.Engine.Vocabulary;

namespace GossipSim.Engine.Core;

/// <summary>
/// The exit codes of every GossipSim tool (Scenarios, Analysis, the RealNet node), so a script
/// reads them the same way whichever it ran.
/// </summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The run, the analysis or the node failed (a node could not start, a fit found no tail, the bed broke).</summary>
    public const int Failed = 1;

    /// <summary>Bad input or usage, which the user can fix: the message names the option, or the file, line and field.</summary>
    public const int BadInput = 2;

    /// <summary>The sentence every tool's --help ends with.</summary>
    public const string Help = "Exit codes: 0 done; 1 the run failed; 2 bad input or usage (the message names the option, "
        + "or the file, line and field).";
}
