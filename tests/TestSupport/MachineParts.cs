namespace GossipSim.TestSupport;

/// <summary>What a test does about a part it needs.</summary>
public enum PartOutcome
{
    Run,
    Skip,
    Fail,
}

/// <summary>The outcome and, unless the test runs, the one line that says why.</summary>
public readonly record struct PartDecision(PartOutcome Outcome, string Reason);

/// <summary>
/// The one gate for tests that need a part outside the .NET SDK (<see cref="MachinePart"/>). On a
/// machine without the part the test is skipped with one line naming the part and the command that
/// installs it, and the skip is written to <see cref="SkipListFile"/> beside the test assembly, from
/// which the build (tests/Directory.Build.targets, after.GossipSim.sln.targets) prints a short list
/// at the end of <c>dotnet test</c>. In CI (<c>CI=true</c>) a missing part is a failure instead:
/// CI installs every part, so a skip there would hide a test that stopped running.
/// </summary>
public static class MachineParts
{
    /// <summary>The file in the test assembly's folder that lists this run's skips, one "needs" line each; the build reads it.</summary>
    public const string SkipListFile = "skipped-for-missing-parts.txt";

    private static readonly object SkipListLock = new();

    /// <summary>Whether this is a CI run: CI=true, as CI services and .ci/run set it.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Runs the test on when the part is there (<paramref name="missing"/> is null); otherwise skips it
    /// (Assert.Ignore), or fails it in CI (Assert.Fail). <paramref name="missing"/> says what the probe
    /// found lacking here, in a sentence.
    /// </summary>
    public static void Require(MachinePart part, string? missing)
    {
        var decision = Decide(part, missing, InCi);
        switch (decision.Outcome)
        {
            case PartOutcome.Run:
                return;
            case PartOutcome.Fail:
                Assert.Fail(decision.Reason);
                return;
            default:
                RecordSkip(part);
                Assert.Ignore(decision.Reason);
                return;
        }
    }

    /// <summary>The decision, without side effects: run when the part is there, else skip, or fail in CI.</summary>
    public static PartDecision Decide(MachinePart part, string? missing, bool ci)
    {
        if (missing == null) return new PartDecision(PartOutcome.Run, "");
        string here = string.Join(' ', missing.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        string line = $"{SkipLine(part)} (here: {here})";
        return ci
            ? new PartDecision(PartOutcome.Fail, $"{line}; CI=true turns a missing part into a failure")
            : new PartDecision(PartOutcome.Skip, line);
    }

    /// <summary>"needs a part: the command that installs it", the line the end-of-run list groups by.</summary>
    public static string SkipLine(MachinePart part) => $"needs {part.Needs()}: {part.Install()}";

    /// <summary>null when <paramref name="program"/> is on PATH; otherwise a sentence saying it is not.</summary>
    public static string? NotOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)))
            ? null
            : $"no {program} on PATH";

    private static void RecordSkip(MachinePart part)
    {
        // The "needs" words only (no detail): the list at the end of the run counts the tests per line.
        lock (SkipListLock)
            File.AppendAllText(Path.Combine(AppContext.BaseDirectory, SkipListFile), $"{part.Needs()}: {part.Install()}{Environment.NewLine}");
    }
}
