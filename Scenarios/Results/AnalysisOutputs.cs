using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Sim;

namespace GossipSim.Scenarios.Results;

/// <summary>The power-law fit, plots and HTML report of a run (Analysis does the work).</summary>
public static class AnalysisOutputs
{
    public static void Write(RunResult result, Scenario scenario, string reproCommand)
    {
        // Filled in once Analysis's fit, plots and report land (issue 4).
    }
}
