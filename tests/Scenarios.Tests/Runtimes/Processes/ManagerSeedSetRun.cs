using GossipSim.Analysis.Fitting;
using GossipSim.Engine.Trace;
using GossipSim.Scenarios.Definition;
using GossipSim.Scenarios.Run;
using GossipSim.Scenarios.Run.Control;
using GossipSim.Scenarios.Runtimes;
using GossipSim.Engine.Vocabulary;
using GossipSim.TestSupport;

namespace GossipSim.Scenarios.Tests.Runtimes.Processes;

/// <summary>
/// Issue 56, 2, through a run's manager, on any real runtime: 3 seeds and a few gossiping peers; the manager adds a seed, waits for
/// the vote, then removes seed 0 (after the commands of <paramref name="first"/>, if any). One scenario and one script for the
/// in-process and the container tests, each asserting what its runtime shows.
/// </summary>
internal static class ManagerSeedSetRun
{
    /// <summary>The run, the manager's answers (to the first commands, then the add and the remove) and the run's trace.</summary>
    public sealed record Outcome(RunResult Result, RunAnswer[] Answers, List<TraceEvent> Trace);

    public static Outcome Run(string name, string runtime, string hosting, int peers, string dir, params RunCommand[] first)
    {
        var s = new Scenario
        {
            // 60 s, gossip all along: the remove must reach the seeds before the end. On containers under CI's lanes the add's seed
            // took 20 s to start (the end moved 20 s with it), and the loop came to the change 7 s and to its first look 6 s late: the
            // add's vote ended at 61 s of a run that ended at 60, and the remove was answered "the run has ended" (a run of 40 s).
            Name = name, Runtime = runtime, Seed = 5, Seeds = 3, Peers = peers, JoinWindowSeconds = 1, DurationSeconds = 60,
            RealStartupSeconds = 1, RealHosting = hosting,
            Gossip = new GossipSettings { ["intervalSeconds"] = 1, ["messagesPerPeer"] = 55 },
            PeerSettings = new PeerSettings { ["linksPerNewcomer"] = 2, ["pingIntervalSeconds"] = 1, ["registerTimeoutSeconds"] = 2,
                ["linkTimeoutSeconds"] = 1, ["membershipRefreshSeconds"] = 3 },
        };
        ScenarioLoader.Validate(s, s.Name!);
        Task<RunAnswer[]>? manager = null;
        var said = new List<string>();
        bool Said(string what) { lock (said) return said.Any(l => l.Contains(what, StringComparison.Ordinal)); }
        var options = new RunOptions
        {
            Quiet = true,
            TraceFile = true,
            OnRealRunStarted = run => manager = Task.Run(async () =>
            {
                var answers = new List<RunAnswer>();
                foreach (var command in first) answers.Add(await run.SendAsync(command));
                answers.Add(await run.SendAsync(new ChangeSeedSet(SeedSetChangeKind.Add)));
                // The vote, and the change's first look at 10 s, which says the set it found: the remove waits for the add to end (a
                // fixed 14 s was assumed before; a seed still holding the joint set refuses the next change).
                await Eventually.HoldsAsync(() => Said("': the seeds hold version"), "the add's vote ended", TimeSpan.FromSeconds(120));
                answers.Add(await run.SendAsync(new ChangeSeedSet(SeedSetChangeKind.Remove, 0)));
                return answers.ToArray();
            }),
        };
        var result = RunDoor.Run(RunPlan.Of(s, options, dir, RuntimeDrivers.Of(runtime)), line =>
        {
            lock (said) said.Add(line);
            TestContext.Progress.WriteLine(line);
        });
        var answers = manager!.GetAwaiter().GetResult();
        TestContext.Out.WriteLine(string.Join(" / ", answers.SelectMany(a => a.Lines)));
        return new Outcome(result, answers, TraceSamples.Events(Analysis.Trace.TraceFile.Require(dir)).ToList());
    }
}
