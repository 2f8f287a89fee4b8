using System.Globalization;
using System.Text.Json.Serialization;

namespace GossipSim.Analysis.Summary;

/// <summary>
/// What a checker concluded. A check that found nothing to check (no crash, no message after the
/// heal, a fault that makes its rule inapplicable) is <see cref="NotExercised"/>, never passed:
/// passing means the rule was tested against the run and held. The default is the honest one
/// (an old summary.json without verdicts reads as not exercised).
/// </summary>
public enum CheckVerdict { NotExercised, Passed, Failed }

/// <summary>
/// One checker's verdict. <see cref="Detail"/> says what held (passed), why there was nothing to
/// check (not exercised), or what the rule asks (failed), and <see cref="FirstViolation"/> then
/// names the first event that broke it: its time, node and what happened.
/// </summary>
public sealed record CheckResult(string Name, CheckVerdict Verdict, string Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FirstViolation = null)
{
    public static CheckResult Pass(string name, string detail) => new(name, CheckVerdict.Passed, detail);
    public static CheckResult Fail(string name, string rule, string violation) => new(name, CheckVerdict.Failed, rule, violation);
    public static CheckResult NotExercised(string name, string why) => new(name, CheckVerdict.NotExercised, why);

    /// <summary>Passed when there is no violation, failed with it otherwise.</summary>
    public static CheckResult Of(string name, string? violation, string heldDetail, string rule) =>
        violation == null ? Pass(name, heldDetail) : Fail(name, rule, violation);

    [JsonIgnore] public bool Failed => Verdict == CheckVerdict.Failed;

    /// <summary>"PASS", "FAIL" or "NOT EXERCISED": how a terminal line and the report name the verdict.</summary>
    public static string Word(CheckVerdict v) => v switch
    {
        CheckVerdict.Passed => "PASS",
        CheckVerdict.Failed => "FAIL",
        _ => "NOT EXERCISED",
    };

    /// <summary>"check PASS: name: detail", with the first violation after a failure.</summary>
    public string Line()
        => $"check {Word(Verdict)}: {Name}: {Detail}{(FirstViolation != null ? $"; first violation: {FirstViolation}" : "")}";
}

/// <summary>How many checks ended each way; only all-passed-and-none-unexercised is "all checks passed".</summary>
public sealed record CheckCounts(int Passed, int Failed, int NotExercised)
{
    public static CheckCounts Of(IEnumerable<CheckResult> checks)
    {
        var list = checks.ToList();
        return new(list.Count(c => c.Verdict == CheckVerdict.Passed), list.Count(c => c.Verdict == CheckVerdict.Failed),
            list.Count(c => c.Verdict == CheckVerdict.NotExercised));
    }

    public int Total => Passed + Failed + NotExercised;

    /// <summary>Every check was exercised and held (and there was at least one).</summary>
    public bool AllPassed => Total > 0 && Passed == Total;

    /// <summary>"all 8 checks passed", or "6 passed, 2 not exercised, 0 failed: not every check was exercised".</summary>
    public string Sentence()
    {
        if (AllPassed) return string.Create(CultureInfo.InvariantCulture, $"all {Total} checks passed");
        string counts = string.Create(CultureInfo.InvariantCulture, $"{Passed} passed, {NotExercised} not exercised, {Failed} failed");
        return counts + (Failed > 0 ? ": a check failed" : Total == 0 ? ": no check ran" : ": not every check was exercised");
    }
}
