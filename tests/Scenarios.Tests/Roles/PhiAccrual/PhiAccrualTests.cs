using GossipSim.Engine.Config;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Scenarios.Tests.Support;

using GossipSim.Protocols.PhiAccrual;

namespace GossipSim.Scenarios.Tests.Roles.PhiAccrual;

/// <summary>
/// The φ-accrual detector, registered as a user's host registers it, against the classic detector on sim-loss (5 to 8 % of all
/// messages lost, 2 % duplicated, 5 % reordered, the hub crashed at 60 s): every check holds under it (the hub found and removed,
/// no live peer removed), and its figures beside the classic's: the crash to its first suspicion, and the suspicions of peers
/// that never crashed (each is witnesses asked, and a report when they agree).
/// </summary>
public class PhiAccrualTests : RunFolder
{
    private static FailureDetector Registered() => FailureDetectorMenu.Register(PhiAccrualDetector.Choice);

    [TestCase(0.0)]
    [TestCase(1.0)]
    [TestCase(2.0)]
    [TestCase(3.0)]
    public void Phi_IsTheNormalTail_WithinFiveHundredthsNearTheMean(double y) =>
        Assert.That(PhiAccrualDetector.Phi(10 + y * 2, 10, 2), Is.EqualTo(-Math.Log10(0.5 * MathNet.Numerics.SpecialFunctions.Erfc(y / Math.Sqrt(2))))
            .Within(0.05));

    [Test]
    public void Phi_GrowsWithTheSilence_AndPassesEightAboutFiveDeviationsPastTheMean()
    {
        double[] phis = [.. Enumerable.Range(0, 13).Select(k => PhiAccrualDetector.Phi(10 + k * 0.5, 10, 1))];
        Assert.That(phis, Is.Ordered.Ascending);
        Assert.That(PhiAccrualDetector.Phi(15, 10, 1), Is.LessThan(8), "five deviations: not yet (exact φ 6.5)");
        Assert.That(PhiAccrualDetector.Phi(15.5, 10, 1), Is.GreaterThan(8), "five and a half: suspected (exact φ 7.7: the approximation "
            + "overstates the far tail)");
    }

    [Test]
    public void OnCrashHub_ItIsJudgedByItsOwnBound_AndKeepsEveryCheck_BesideTheClassic()
    {
        Registered();
        var s = ScenarioLoader.Load(ScenarioLoader.Resolve("crash-hub.json"));
        double classic = ScenarioConfig.DetectionBoundSeconds(s);
        s.Protocol["failureDetector"] = (double)Registered();
        double own = ScenarioConfig.DetectionBoundSeconds(s);
        // The classic's: its misses and one more ping interval, then the witnesses' round; φ's: a ping interval, the 13 s pause,
        // √(2·8·ln 10) = 6.07 deviations of at least 1 s, a 1 s check, then the witnesses' round. Both with the seeds' part.
        var p = ScenarioConfig.PeerConfigOf(s);
        double ping = p.PingInterval.TotalSeconds;
        Assert.That(own - classic, Is.EqualTo((ping + 13 + Math.Sqrt(16 * Math.Log(10)) + 1) - (p.MissesBeforeSuspect + 1) * ping).Within(1e-6), "to the tick");
        var report = CrashHubUnder.Compared(Dir, "flood", "flood+phi-accrual");
        var phi = report.Runs.Single(r => r.Protocol == "flood+phi-accrual");
        Assert.That(phi.RemovedAfter, Is.GreaterThan(report.Runs.Single(r => r.Protocol == "flood").RemovedAfter!.Value),
            "a pause of a ping interval waits longer than crash-hub's fast classic timings");
    }

    [Test]
    public void AUsersDetector_RunsToTheSameTrace_OnOneAndTwoThreads()
    {
        var phi = Registered();
        var hashes = new[] { 1, 2 }.Select(threads =>
        {
            var s = CrashHubUnder.OnTheSimulator(BroadcastProtocol.Flood, phi);
            s.Protocol[PhiAccrualDetector.Pause] = 2; // crash-hub pings every second
            return RunDoor.Run(s, new RunOptions { Quiet = true, Logs = false, TraceFile = false, Threads = threads },
                Path.Combine(Dir, $"t{threads}"), _ => { }).Summary;
        }).ToArray();
        Assert.That(hashes[0].Membership.Suspicions, Is.GreaterThan(0), "the hub's neighbours suspected it");
        Assert.That(hashes[1].TraceHash, Is.EqualTo(hashes[0].TraceHash));
    }

    /// <summary>What one run says about the detector: the crash to the hub's first suspicion, and suspicions and reports of peers
    /// that never crashed.</summary>
    private sealed record Figures(string Name, double FirstSuspicion, double? Removal, int FalseSuspicions, int FalseReports,
        int Suspicions, bool AllPassed, string Checks);

    private Figures RunSimLoss(ulong seed, string name, FailureDetector detector, params (string Field, double Value)[] settings)
    {
        var s = ScenarioLoader.Load(ScenarioLoader.Resolve("sim-loss.json"));
        s.Seed = seed;
        s.Protocol["failureDetector"] = (double)detector;
        foreach (var (field, value) in settings) s.Protocol[field] = value;
        string dir = Path.Combine(Dir, $"{name}-{seed}");
        var r = RunDoor.Run(s, new RunOptions { Quiet = true, Logs = false, TraceFile = true }, dir, _ => { });
        var events = ReadTrace(Directory.GetFiles(dir, "trace.jsonl*", SearchOption.AllDirectories).First());
        var crashed = events.Where(e => e.Kind == TraceKind.CrashInjected).Select(e => e.Node).ToHashSet();
        int falseSuspicions = events.Count(e => e.Kind == TraceKind.Suspected && !crashed.Contains(e.Peer));
        int falseReports = events.Count(e => e.Kind == TraceKind.DeadReported && !crashed.Contains(e.Peer));
        var hub = r.Summary.Failures.Single();
        var checks = r.Summary.CheckCounts!;
        return new Figures(name, hub.SuspectedAt!.Value - hub.At, hub.RemovedAt - hub.At, falseSuspicions, falseReports,
            events.Count(e => e.Kind == TraceKind.Suspected), checks.AllPassed, checks.Sentence());
    }

    /// <summary>A run's trace, gzipped or not.</summary>
    internal static List<TraceEvent> ReadTrace(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.Ordinal)) return TraceJson.ReadFile(path).ToList();
        using var text = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress));
        var events = new List<TraceEvent>();
        while (text.ReadLine() is { } line)
            if (line.Length > 0) events.Add(TraceJson.Parse(System.Text.Encoding.UTF8.GetBytes(line)));
        return events;
    }

    [Test]
    public void OnSimLoss_PhiAccrualKeepsEveryCheck_AndWithAPauseOfTwoIntervals_FindsTheHubSoonerWithFewerFalseSuspicions()
    {
        var phi = Registered();
        (string Name, FailureDetector Detector, (string, double)[] Settings)[] detectors =
        [
            ("classic", FailureDetector.Classic, []),
            ("phi-8", phi, []),
            ("phi-8-pause-26", phi, [(PhiAccrualDetector.Pause, 26)]),
            ("phi-12-pause-26", phi, [(PhiAccrualDetector.Threshold, 12), (PhiAccrualDetector.Pause, 26)]),
        ];
        ulong[] seeds = [42, 1, 2];
        var runs = detectors.SelectMany(d => seeds.Select(seed => (Seed: seed, Figures: RunSimLoss(seed, d.Name, d.Detector, d.Settings)))).ToList();
        TestContext.Out.WriteLine("| detector | seed | crash to first suspicion (s) | crash to removal (s) | suspicions of live peers | reports of live peers | all suspicions |");
        TestContext.Out.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (seed, f) in runs)
            TestContext.Out.WriteLine($"| {f.Name} | {seed} | {f.FirstSuspicion:0.##} | {f.Removal:0.##} | {f.FalseSuspicions} | {f.FalseReports} | {f.Suspicions} |");
        foreach (var group in runs.GroupBy(r => r.Figures.Name))
            TestContext.Out.WriteLine($"| {group.Key} | mean of {seeds.Length} | {group.Average(r => r.Figures.FirstSuspicion):0.##} | "
                + $"{group.Average(r => r.Figures.Removal ?? double.NaN):0.##} | {group.Sum(r => r.Figures.FalseSuspicions)} (sum) | "
                + $"{group.Sum(r => r.Figures.FalseReports)} (sum) | {group.Sum(r => r.Figures.Suspicions)} (sum) |");
        foreach (var (seed, f) in runs)
        {
            Assert.That(f.AllPassed, Is.True, $"{f.Name}, seed {seed}: {f.Checks}");
            Assert.That(f.Removal, Is.Not.Null, $"{f.Name}, seed {seed}: the hub is removed");
        }
        var classic = runs.Where(r => r.Figures.Name == "classic").Select(r => r.Figures).ToList();
        var paused = runs.Where(r => r.Figures.Name == "phi-8-pause-26").Select(r => r.Figures).ToList();
        Assert.That(paused.Average(f => f.FirstSuspicion), Is.LessThan(classic.Average(f => f.FirstSuspicion)),
            "φ with two intervals' pause suspects the crashed hub sooner than three missed pings");
        Assert.That(paused.Sum(f => f.FalseSuspicions), Is.LessThan(classic.Sum(f => f.FalseSuspicions)),
            "and suspects fewer live peers under the same loss");
    }
}
