using GossipSim.Analysis.Checks;
using GossipSim.Analysis.Summary;

namespace GossipSim.TestSupport;

/// <summary>What a test of a whole run asserts about its checks, and what its failure prints: the counts, then every check that did
/// not pass with its first violation, so a failure in CI says which rule broke and where without the run's folder (which the test
/// deletes).</summary>
public static class ChecksSaid
{
    public static string Of(RunSummary summary) => Of(summary.Checks ?? []);

    public static string Of(IReadOnlyCollection<CheckResult> checks) =>
        CheckCounts.Of(checks).Sentence() + string.Concat(checks.Where(c => c.Verdict != CheckVerdict.Passed).Select(c => "\n  " + c.Line()));

    /// <summary>
    /// The checks of a real run that did not hold: failed, or not exercised though the test expected them to be (all but
    /// <paramref name="mayBeNotExercised"/>). One outcome of a loaded machine holds too: "no live peer removed" not exercised because
    /// each live peer removed had its own node held up as long as a seed's probe waits (<see cref="TraceChecks.MachineHeldUp"/>), and
    /// "every removed live peer rejoined" then judged, or not exercised when the removal came too close to the end to judge.
    /// </summary>
    public static List<CheckResult> NotHeld(IEnumerable<CheckResult> checks, params string[] mayBeNotExercised)
    {
        var all = checks.ToList();
        bool stalled = all.Any(TraceChecks.MachineHeldUp);
        return all.Where(c => c.Failed || c.Verdict == CheckVerdict.NotExercised && !mayBeNotExercised.Contains(c.Name)
            && !TraceChecks.MachineHeldUp(c) && !(stalled && c.Name == TraceChecks.Rejoined)).ToList();
    }

    public static List<CheckResult> NotHeld(RunSummary summary, params string[] mayBeNotExercised) =>
        NotHeld(summary.Checks ?? [], mayBeNotExercised);

    /// <summary>The summary a run of the scenarios command wrote in <paramref name="runFolder"/>, for the assertions above.</summary>
    public static RunSummary SummaryIn(string runFolder) =>
        RunSummary.FromJson(File.ReadAllText(Path.Combine(runFolder, "summary.json")));
}
