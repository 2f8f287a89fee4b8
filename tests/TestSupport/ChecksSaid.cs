using GossipSim.Analysis.Summary;

namespace GossipSim.TestSupport;

/// <summary>What a failed assertion on a run's checks prints: the counts, then every check that did not pass with its first
/// violation, so a failure in CI says which rule broke and where without the run's folder (which the test deletes).</summary>
public static class ChecksSaid
{
    public static string Of(RunSummary summary)
    {
        var checks = summary.Checks ?? [];
        return CheckCounts.Of(checks).Sentence() + string.Concat(
            checks.Where(c => c.Verdict != CheckVerdict.Passed).Select(c => "\n  " + c.Line()));
    }
}
