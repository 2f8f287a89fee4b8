using GossipSim.Analysis.Summary;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Soak;
using GossipSim.Scenarios.Tests.Support;

namespace GossipSim.Scenarios.Tests.Soak;

/// <summary>A short soak on real node processes: it runs its churn through the run path, samples every node, and ends with the run's
/// checks and its own, a resource file, a plot and soak.json.</summary>
public class SoakRunTests : RunFolder
{
    [Test]
    public void AShortSoak_ChurnsRealNodes_SamplesEveryNode_AndEndsWithItsChecks()
    {
        if (!OperatingSystem.IsLinux()) Assert.Ignore("a soak reads /proc");
        var settings = new SoakSettings { Seeds = 3, Peers = 6, Minutes = 1.5, SampleSeconds = 5, PeerChurnSeconds = 8, Seed = 3 };
        var lines = new List<string>();
        var outcome = SoakRun.Run(settings, Dir, "soak (test)", line => { lock (lines) lines.Add(line); TestContext.Progress.WriteLine(line); });

        Assert.That(outcome.Summary.Checks!.Where(c => c.Failed).Select(c => c.Line()), Is.Empty, "the run's usual checks");
        Assert.That(outcome.Checks.Select(c => c.Name), Is.EqualTo(new[]
            { SoakRun.ResourcesSampled, SoakRun.NoFalseRemoval, SoakRun.OwedDelivered, SoakRun.ResourcesFlat }));
        foreach (var name in new[] { SoakRun.ResourcesSampled, SoakRun.OwedDelivered })
            Assert.That(outcome.Checks.Single(c => c.Name == name).Verdict, Is.EqualTo(CheckVerdict.Passed),
                outcome.Checks.Single(c => c.Name == name).Line());
        // No false removal, but one a loaded machine explains (the peer's node held up as long as a seed's probe waits), as the
        // run's own check judges it (SoakFalseRemovalTests).
        var removal = outcome.Checks.Single(c => c.Name == SoakRun.NoFalseRemoval);
        bool heldUp = outcome.Summary.Checks!.Any(Analysis.Checks.TraceChecks.MachineHeldUp);
        Assert.That(removal.Verdict, Is.EqualTo(heldUp ? CheckVerdict.NotExercised : CheckVerdict.Passed), removal.Line());
        // A minute and a half is all warm-up (a Message List alone fills for 5 minutes): flatness is not judged, and says why.
        var flat = outcome.Checks.Single(c => c.Name == SoakRun.ResourcesFlat);
        Assert.That((flat.Verdict, outcome.Trends.Count), Is.EqualTo((CheckVerdict.NotExercised, 0)), flat.Line());
        Assert.That(flat.Detail, Does.Contain("count from 6 min at the earliest"));

        var samples = ResourceLog.Read(Path.Combine(Dir, ResourceLog.FileName));
        Assert.That(File.ReadLines(Path.Combine(Dir, ResourceLog.FileName)).First(), Is.EqualTo(ResourceLog.Header));
        Assert.That(samples.Select(s => s.Node).Distinct().Count(), Is.GreaterThanOrEqualTo(3 + 6), "every seed and peer sampled");
        // A process read as it starts or ends (one thread, a few descriptors: local CI under four lanes caught one) is not sampled.
        Assert.That(samples.All(s => s.Resources.IsRunning), Is.True, "every sample reads a node at work");
        // A node sampled as it starts (a restarted seed, a new peer: a local CI run under its five lanes) may not listen yet; each
        // listens by a later sample.
        var notListening = samples.Where(s => s.Resources.Sockets == 0).Select(s => $"{s.Node} at {s.Seconds:F0} s").ToList();
        Assert.That(samples.GroupBy(s => s.Node).Where(g => g.All(s => s.Resources.Sockets == 0)).Select(g => g.Key), Is.Empty,
            "every node listens on a socket; sampled without one: " + string.Join(", ", notListening));
        Assert.That(samples.All(s => s.Resources.Sockets < s.Resources.Descriptors), Is.True);
        Assert.That(samples.Max(s => s.Seconds), Is.GreaterThan(80));
        Assert.That(lines.Count(l => l.StartsWith("  t ", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(15), "a progress line at each sample");

        // The churn came from the schedule the seed drew and went through the fault interpreter, seed restart included.
        Assert.That(lines, Has.Some.Contains("crashed seed"));
        Assert.That(lines, Has.Some.Contains("restarted seed"));
        foreach (var file in new[] { "soak.json", "summary.json", "scenario.json", "resources.png", "resources.svg", "trace.jsonl.gz" })
            Assert.That(File.Exists(Path.Combine(Dir, file)), Is.True, file);

        // Judged again from its folder alone, the soak comes to the same checks and writes them anew; a garbled sample file is refused.
        string soakJson = Path.Combine(Dir, SoakRun.SoakJsonName), written = File.ReadAllText(soakJson);
        File.WriteAllText(soakJson, written.Replace("\"trends\"", "\"trendsBefore\"", StringComparison.Ordinal));
        var again = SoakRun.Rejudge(Dir);
        Assert.That(again.Checks.Select(c => (c.Name, c.Verdict, c.Detail)), Is.EqualTo(outcome.Checks.Select(c => (c.Name, c.Verdict, c.Detail))));
        Assert.That(File.ReadAllText(soakJson), Is.EqualTo(written));
        File.AppendAllText(Path.Combine(Dir, ResourceLog.FileName), "garbled\n");
        Assert.That(() => SoakRun.Rejudge(Dir), Throws.TypeOf<ScenarioException>().With.Message.Contains("cannot judge it again"));
    }
}
