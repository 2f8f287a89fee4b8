using System.Diagnostics;
using System.Text.Json;
using GossipSim.Scenarios.Tests.Runtimes.Sim;
using GossipSim.Scenarios.Tests.Support;
using GossipSim.TestSupport;

namespace GossipSim.Scenarios.Tests.Runtimes.Docker;

/// <summary>
/// A swarm of three engines, each in its own namespaces on this machine (deploy/engines/up.sh, once for the fixture): first the
/// docker runtime spreads a scenario's containers over them (GOSSIPSIM_DOCKER_ENGINES), loses a host's containers, then a host's
/// engine itself (GOSSIPSIM_DOCKER_HOST_KILLER), which is brought back; then the stack file runs on them.
/// The stack file on a swarm of three engines, each in its own namespaces on this machine (deploy/engines/up.sh): the
/// multi-host walk-through of docs/deployment.md with the seeds placed on three different engines by label, a seed's host
/// drained (the swarm moves it; it is taken back by its key), then another host killed (deploy/engines/kill.sh: its peers are
/// removed by the two seeds left, and its seed is replaced by a new one through the operator's vote, replace-seed.sh). Needs root, a
/// Docker engine with the node image (CI's .ci/run builds it once) and namespaces; without them it skips in one line (fails
/// in CI). The engines are stopped and their namespaces removed after the test, also on failure.
/// </summary>
[NonParallelizable]
public class SeveralEnginesTests : RunFolder
{
    private const int Engines = 3, Peers = 6;

    private static string Socket(int engine) => $"unix:///run/gse/h{engine}.sock";

    [OneTimeSetUp]
    public void NeedsAnEngineAndNamespaces()
    {
        // This machine's engine need not be a swarm (the engines make their own), only hold the image they are given.
        var info = Run("docker", "image", "inspect", "-f", "{{.Id}}", "gossipsim-node:latest");
        MachineParts.Require(MachinePart.DockerEngine, info.Code == 0 ? null
            : $"this machine's Docker engine has no gossipsim-node:latest image (deploy/build-image.sh makes it): {info.Err.Trim().Split('\n')[0]}");
        MachineParts.Require(MachinePart.NetworkNamespaces,
            Environment.UserName == "root" && File.Exists("/usr/sbin/dockerd") ? null : "the engines need root and dockerd");
    }

    [OneTimeTearDown]
    public void StopTheEngines()
    {
        if (_started) Run(RepositoryFiles.Path("deploy", "engines", "down.sh"));
    }

    private bool _started; // up.sh ran (a skipped fixture starts nothing, so it has nothing to stop)
    private (int Code, string Out, string Err)? _up;

    /// <summary>The three engines, started by the first test that needs them and shared (each start costs about a minute).</summary>
    private void StartTheEngines()
    {
        if (_up == null)
        {
            _started = true;
            _up = Run(RepositoryFiles.Path("deploy", "engines", "up.sh"), Engines.ToString());
        }
        Assert.That(_up.Value.Code, Is.EqualTo(0), _up.Value.Out + _up.Value.Err);
        Assert.That(_up.Value.Out, Does.Contain("image gossipsim-node:latest on every engine"));
    }

    /// <summary>
    /// `--runtime docker` with GOSSIPSIM_DOCKER_ENGINES listing the three: each seed on the engine its label names (placed here
    /// otherwise than in turn, so the labels decide), the peers in turn, one overlay network across the engines, a volume on each;
    /// the hub killed wherever it runs, every check passes, and nothing of the run is left on any engine. Runs before the stack
    /// test, which drains and kills engines.
    /// </summary>
    [Test, Order(1)]
    public void TheDockerRuntime_OverThreeEngines_PlacesEachSeedByItsLabel_AndPassesEveryCheck()
    {
        StartTheEngines();
        for (int i = 0; i < 3; i++) Must(Docker(1, "node", "update", "--label-add", $"gossipsim.seed={i}", $"gse-h{(i + 1) % 3 + 1}"));
        string outDir = Path.Combine(Dir, "crash-hub-on-three");
        long since = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1;
        string stdout = RunOverTheEngines("gossipsim-crash-hub", ["crash-hub.json", "--runtime", "docker", "--peers", "9", "--out", outDir]);
        Assert.That(stdout, Does.Contain("containers over 3 engines: gse-h1: seed 2, 3 peers; gse-h2: seed 0, 3 peers; "
            + "gse-h3: seed 1, 3 peers"));
        Assert.That(Directory.GetFiles(Path.Combine(outDir, "logs")), Has.Length.EqualTo(3 + 9), "every node's log, from the three volumes");
        // Where each container really ran: each engine's own events since the run began (the containers are gone).
        string until = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
        var started = Enumerable.Range(1, Engines).Select(e => Docker(e, "events", "--since", since.ToString(), "--until", until,
            "--filter", "type=container", "--filter", "event=start", "--format", "{{.Actor.Attributes.name}}").Out
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(n => n.Replace("gossipsim-crash-hub-", "")).Order().ToArray()).ToArray();
        TestContext.Progress.WriteLine(string.Join("; ", started.Select((names, i) => $"gse-h{i + 1} started {string.Join(", ", names)}")));
        Assert.That(started[0], Is.EqualTo(new[] { "peer-0", "peer-3", "peer-6", "seed-2", "volume" }), "gse-h1");
        Assert.That(started[1], Is.EqualTo(new[] { "peer-1", "peer-4", "peer-7", "seed-0", "volume" }), "gse-h2");
        Assert.That(started[2], Is.EqualTo(new[] { "peer-2", "peer-5", "peer-8", "seed-1", "volume" }), "gse-h3");
    }

    /// <summary>
    /// docker-dead-host.json over the three engines, seeds in turn: host 2's crash kills the third engine's containers (seed 2 and
    /// peers 2, 5, 8) and nothing else, as each engine's own events show; seeds 0 and 1 remove its peers, the operator's vote
    /// replaces seed 2 by seed 3 (on the first engine), and every check passes; the simulator takes the same victims. The engine
    /// itself is left running to give back its nodes' folders (a host's death with its disk is the next test's, and the stack test's).
    /// </summary>
    [Test, Order(2)]
    public void TheDockerRuntime_OverThreeEngines_LosesAHost_WhosePeersTheMajorityRemoves_AndWhoseSeedTheVoteReplaces()
    {
        StartTheEngines();
        for (int i = 0; i < 3; i++) Must(Docker(1, "node", "update", "--label-add", $"gossipsim.seed={i}", $"gse-h{i + 1}"));
        string scenario = Path.Combine(GoldenTraceHashTests.ScenariosFolder(), "docker-dead-host.json");
        string outDir = Path.Combine(Dir, "dead-host");
        long since = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1;
        string stdout = RunOverTheEngines("gossipsim-docker-dead-host", [scenario, "--out", outDir]);
        Assert.That(stdout, Does.Contain("containers over 3 engines: gse-h1: seed 0, 3 peers; gse-h2: seed 1, 3 peers; "
            + "gse-h3: seed 2, 3 peers"));
        string until = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
        // A crash is `docker kill` (SIGKILL); the run's end stops the rest with SIGTERM.
        var killed = Enumerable.Range(1, Engines).Select(e => Docker(e, "events", "--since", since.ToString(), "--until", until,
            "--filter", "type=container", "--filter", "event=kill", "--format", "{{.Actor.Attributes.name}} {{.Actor.Attributes.signal}}").Out
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.EndsWith(" 9")).Select(l => l.Split(' ')[0])
            // This run's nodes only: the volumes' keepers are removed with `docker rm -f` (SIGKILL too) at the end.
            .Where(n => n.StartsWith("gossipsim-docker-dead-host-", StringComparison.Ordinal) && !n.EndsWith("-volume", StringComparison.Ordinal))
            .Select(n => n.Replace("gossipsim-docker-dead-host-", "")).Order().ToArray()).ToArray();
        TestContext.Progress.WriteLine(string.Join("; ", killed.Select((names, i) => $"gse-h{i + 1} SIGKILLed {string.Join(", ", names)}")));
        Assert.That(killed[2], Is.EqualTo(new[] { "peer-2", "peer-5", "peer-8", "seed-2" }), "the dead host's containers, all of them");
        Assert.That(killed[0].Concat(killed[1]), Is.Empty, "nothing on the other engines");
        var newSeed = Docker(1, "events", "--since", since.ToString(), "--until", until, "--filter", "type=container", "--filter",
            "event=start", "--filter", "container=gossipsim-docker-dead-host-seed-3", "--format", "{{.Actor.Attributes.name}}").Out;
        Assert.That(newSeed, Does.Contain("seed-3"), "the seed that replaced seed 2 ran on the first engine");
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.That(summary.RootElement.GetProperty("extra").GetProperty("victims").EnumerateArray().Select(v => v.GetString()),
            Is.EqualTo(new[] { "seed:2", "peer:2", "peer:5", "peer:8" }), "the same victims as on the simulator (SeedSetScenarioTests)");
    }

    /// <summary>
    /// drain-host.json over the three engines, seeds in turn: host 1 (gse-h2: seed 1, peers 1, 4, 7) is drained as a swarm drains a
    /// machine. Seed 1's next life starts on the next engine, gse-h3, in a container of its own at an address kept for moves, under
    /// its host name, with its key and an empty state; peers 1, 4, 7 leave and new peers 9, 10, 11 join, none on gse-h2 (peer 10,
    /// whose turn is gse-h2's, goes to gse-h3). The others take seed 1 back by its key, and once seed 0 has crashed for good its vote
    /// removes a crashed peer. Every check passes, and nothing of the run is left.
    /// </summary>
    [Test, Order(3)]
    public void TheDockerRuntime_OverThreeEngines_DrainsAHost_ItsSeedMovedAndTakenBackByItsKey_NothingNewStartedThere()
    {
        StartTheEngines();
        for (int i = 0; i < 3; i++) Must(Docker(1, "node", "update", "--label-add", $"gossipsim.seed={i}", $"gse-h{i + 1}"));
        string scenario = Path.Combine(GoldenTraceHashTests.ScenariosFolder(), "drain-host.json");
        string outDir = Path.Combine(Dir, "drain-host");
        long since = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1;
        string stdout = RunOverTheEngines("gossipsim-drain-host", [scenario, "--runtime", "docker", "--out", outDir]);
        string until = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
        Assert.That(stdout, Does.Contain("host 1 drained: nothing new starts on gse-h2"));
        // The run's subnet is the first free of 10.200-239.0.0/16: seed 1 at .0.11, the run's first move at .255.2.
        Assert.That(stdout, Does.Match(@"moved seed 1 from 10\.2\d\d\.0\.11:5001 to 10\.2\d\d\.255\.2:5001: its key, an empty state"));
        var started = Enumerable.Range(1, Engines).Select(e => Docker(e, "events", "--since", since.ToString(), "--until", until,
            "--filter", "type=container", "--filter", "event=start", "--format", "{{.Actor.Attributes.name}}").Out
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(n => n.Replace("gossipsim-drain-host-", "")).Order().ToArray()).ToArray();
        TestContext.Progress.WriteLine(string.Join("; ", started.Select((names, i) => $"gse-h{i + 1} started {string.Join(", ", names)}")));
        Assert.That(started[0], Is.EqualTo(new[] { "peer-0", "peer-3", "peer-6", "peer-9", "seed-0", "volume" }), "gse-h1");
        Assert.That(started[1], Is.EqualTo(new[] { "peer-1", "peer-4", "peer-7", "seed-1", "volume" }), "gse-h2: nothing after the drain");
        Assert.That(started[2], Is.EqualTo(new[] { "peer-10", "peer-11", "peer-2", "peer-5", "peer-8", "seed-1-moved-1", "seed-2", "volume" }),
            "gse-h3: seed 1's next life and peer 10, whose turn was gse-h2's");
        var trace = GossipSim.Analysis.Trace.TraceFile.Read(Path.Combine(outDir, "trace.jsonl.gz")).ToList();
        var newPlace = trace.Where(e => e.Kind == GossipSim.Engine.Trace.TraceKind.NodeStarted && e.Detail == "seed")
            .Select(e => e.Node).Distinct().Single(a => a.ToString().Contains(".255.2:", StringComparison.Ordinal));
        Assert.That(trace.Any(e => e.Kind == GossipSim.Engine.Trace.TraceKind.Committed && e.Detail == "remove" && e.Node == newPlace),
            "the moved seed voted a removal where it listens now");
        Assert.That(Directory.GetFiles(Path.Combine(outDir, "logs")).Count(f => Path.GetFileName(f).StartsWith("seed-")), Is.EqualTo(4),
            "the three seeds' folders and the moved life's, from two engines' volumes");
    }

    /// <summary>
    /// docker-dead-host.json again, with GOSSIPSIM_DOCKER_HOST_KILLER naming deploy/engines/kill.sh: host 2's crash kills gse-h3
    /// itself, as a machine dies (its link cut, its containers, containerd and dockerd SIGKILLed), and the folders of seed 2 and peers
    /// 2, 5, 8 are lost with it. The run goes on over the two engines left, every check passes on the traces it still has (the
    /// victims judged by the others' traces and the launcher's record of the crash), the delivery ratio counts no receipt of the
    /// lost nodes' messages, the summary names the lost folders, and nothing of the run is left on the living engines. The swarm
    /// keeps the network while gse-h3 is down (its containers' places in it); brought back (up.sh), gse-h3 holds exactly the dead
    /// host's containers, which are removed, and then the network goes too. gse-h3 is brought back also when the test fails, for
    /// the stack test after it.
    /// </summary>
    [Test, Order(4)]
    public void TheDockerRuntime_OverThreeEngines_ThroughAnEngineThatDies_JudgesTheRunOnTheFoldersLeft()
    {
        StartTheEngines();
        for (int i = 0; i < 3; i++) Must(Docker(1, "node", "update", "--label-add", $"gossipsim.seed={i}", $"gse-h{i + 1}"));
        string scenario = Path.Combine(GoldenTraceHashTests.ScenariosFolder(), "docker-dead-host.json");
        string outDir = Path.Combine(Dir, "dead-engine");
        const string stack = "gossipsim-docker-dead-host";
        try
        {
            string stdout = RunOverTheEngines(stack, [scenario, "--out", outDir], killer: RepositoryFiles.Path("deploy", "engines", "kill.sh"));
            Assert.That(stdout, Does.Contain("kills engine gse-h3 (unix:///run/gse/h3.sock) as a machine dies"));
            Assert.That(stdout, Does.Contain("host 2 died: its engine gse-h3 (unix:///run/gse/h3.sock) killed by"));
            Assert.That(stdout, Does.Contain("lost with their engine: the folders of seed 2, peers 2, 5, 8"));
            Assert.That(Docker(3, "info").Code, Is.Not.EqualTo(0), "gse-h3 is dead");
            Assert.That(Directory.GetFiles(Path.Combine(outDir, "logs")).Select(Path.GetFileName).Count(f => f!.StartsWith("seed-")),
                Is.EqualTo(3), "seeds 0, 1 and the new seed 3 gave back their folders; seed 2's went with gse-h3");
            Assert.That(Directory.GetFiles(Path.Combine(outDir, "logs")), Has.Length.EqualTo(3 + 6));
            using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
            var extra = summary.RootElement.GetProperty("extra");
            Assert.That(extra.GetProperty("victims").EnumerateArray().Select(v => v.GetString()),
                Is.EqualTo(new[] { "seed:2", "peer:2", "peer:5", "peer:8" }), "the same victims as on the simulator");
            Assert.That(extra.GetProperty("lostWithTheirEngine").GetString(), Does.StartWith("seed 2, peers 2, 5, 8: "));
            var gossip = summary.RootElement.GetProperty("gossip");
            Assert.That(gossip.GetProperty("deliveryRatio").GetDouble(), Is.InRange(0.99, 1.0),
                "receipts of the lost nodes' messages (whose creation went with them) are not counted as owed deliveries");
            foreach (int engine in new[] { 1, 2 })
            {
                Assert.That(Docker(engine, "ps", "-aq", "--filter", $"label=gossipsim.stack={stack}").Out.Trim(), Is.Empty, $"gse-h{engine}");
                Assert.That(Docker(engine, "volume", "inspect", stack).Code, Is.Not.EqualTo(0), $"gse-h{engine}'s volume");
            }
            Assert.That(stdout, Does.Contain($"the network {stack} stays while gse-h3 (unix:///run/gse/h3.sock) is down"));
        }
        finally
        {
            // Back for the stack test: its link up, its engine started on its own data root; it rejoins the swarm by itself.
            var back = Run(RepositoryFiles.Path("deploy", "engines", "up.sh"), Engines.ToString());
            Assert.That(back.Code, Is.EqualTo(0), back.Out + back.Err);
        }
        var ready = Eventually(() => Docker(1, "node", "ls", "--format", "{{.Hostname}} {{.Status}}").Out, o => o.Contains("gse-h3 Ready"),
            TimeSpan.FromMinutes(2));
        Assert.That(ready, Does.Contain("gse-h3 Ready"), "gse-h3 back in the swarm");
        var left = Docker(3, "ps", "-a", "--format", "{{.Names}}", "--filter", $"label=gossipsim.stack={stack}").Out
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Order().ToArray();
        Assert.That(left, Is.EqualTo(new[] { "peer-2", "peer-5", "peer-8", "seed-2", "volume" }.Select(n => $"{stack}-{n}")),
            "what the run left on gse-h3's disk: the dead host's containers and the keeper of its volume");
        Must(Docker(3, ["rm", "-f", "-v", .. left]));
        Must(Docker(3, "volume", "rm", stack));
        var gone = Eventually(() => Docker(1, "network", "rm", stack), r => r.Code == 0 || r.Err.Contains("not found"), TimeSpan.FromMinutes(1));
        Assert.That(gone.Code == 0 || gone.Err.Contains("not found"), Is.True, "the network goes once gse-h3's containers are gone: " + gone.Err);
    }

    /// <summary>The scenarios command with GOSSIPSIM_DOCKER_ENGINES listing the three engines (and GOSSIPSIM_DOCKER_HOST_KILLER naming
    /// <paramref name="killer"/>, when given): it must pass every check (but what a loaded machine excuses, ChecksSaid.NotHeld) and
    /// leave nothing of stack <paramref name="stack"/> on any engine (on the living ones, when a host's engine was killed). Returns
    /// what it printed.</summary>
    private static string RunOverTheEngines(string stack, string[] args, string? killer = null)
    {
        const string variable = GossipSim.Scenarios.Runtimes.Docker.DockerEngines.Variable;
        const string killerVariable = GossipSim.Scenarios.Runtimes.Docker.DockerEngines.KillerVariable;
        string? before = Environment.GetEnvironmentVariable(variable), killerBefore = Environment.GetEnvironmentVariable(killerVariable);
        Environment.SetEnvironmentVariable(variable, string.Join(",", Enumerable.Range(1, Engines).Select(Socket)));
        Environment.SetEnvironmentVariable(killerVariable, killer);
        try
        {
            var (code, stdout, stderr) = ScenariosCommand.Run(args);
            TestContext.Progress.WriteLine(stdout);
            Assert.That(code, Is.EqualTo(0), stderr);
            var summary = ChecksSaid.SummaryIn(args[Array.IndexOf(args, "--out") + 1]);
            Assert.That(ChecksSaid.NotHeld(summary), Is.Empty, ChecksSaid.Of(summary));
            if (killer == null)
                Assert.That(GossipSim.Scenarios.Runtimes.Docker.DockerBed.Remains(stack, GossipSim.Scenarios.Runtimes.Docker.DockerEngines.Open()),
                    Is.Empty, "nothing of the run is left on any engine");
            return stdout;
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, before);
            Environment.SetEnvironmentVariable(killerVariable, killerBefore);
        }
    }

    [Test, Order(5)]
    public void TheStack_OnThreeEngines_PutsEachSeedOnItsOwnEngine_TakesBackASeedTheSwarmMoves_AndReplacesTheSeedOfAHostThatDied()
    {
        StartTheEngines();
        string stack = Path.Combine(Dir, "stack");
        Directory.CreateDirectory(stack);
        File.Copy(RepositoryFiles.Path("deploy", "swarm", "gossipsim.yml"), Path.Combine(stack, "gossipsim.yml"));
        Must(Run(RepositoryFiles.Path("deploy", "swarm", "make-secrets.sh"), Path.Combine(stack, "secrets")));
        for (int i = 0; i < 3; i++) Must(Docker(1, "node", "update", "--label-add", $"gossipsim.seed={i}", $"gse-h{i + 1}"));
        // From the stack's folder: the stack file names its secrets' files by paths relative to it.
        AwaitLeader(everyEngineReady: true);
        MustOnSwarm(() => Run("sh", "-c", $"cd '{stack}' && docker -H {Socket(1)} stack deploy -c gossipsim.yml gossipsim"));
        for (int i = 0; i < 3; i++)
            MustOnSwarm(() => Docker(1, "service", "update", "--detach", "--constraint-add", $"node.labels.gossipsim.seed=={i}", $"gossipsim_seed-{i}"));
        MustOnSwarm(() => Docker(1, "service", "scale", "--detach", $"gossipsim_peer={Peers}"));

        var seen = SeedsOnceTheyAgree([0, 1, 2], _ => true);
        string what = Describe(seen);
        Assert.That(seen.Keys.Order(), Is.EqualTo(new[] { 0, 1, 2 }), what);
        Assert.That(seen.Select(s => s.Value.Engine), Is.EqualTo(seen.Select(s => s.Key + 1)), "each seed on the engine its label names: " + what);
        Assert.That(seen.Values.Select(s => s.Members), Has.All.EqualTo(Peers), what);
        Assert.That(seen.Values.Select(s => s.Digest).Distinct().Count(), Is.EqualTo(1), "the seeds agree: " + what);
        Assert.That(PeerEngines().Distinct().Count(), Is.GreaterThan(1), "the peers spread over the engines");

        // Drain seed 1's engine: the swarm starts seed 1 on another engine, at a new address and with an empty state volume. Known
        // by its key, it is taken back: the other seeds take its word and its anti-entropy, and it comes to hold every member.
        // Kept off gse-h3, which the next step kills: a host with two of the three seeds takes the majority with it.
        string before = seen[1].Address;
        Must(Docker(1, "service", "update", "--detach", "--constraint-rm", "node.labels.gossipsim.seed==1",
            "--constraint-add", "node.hostname!=gse-h3", "gossipsim_seed-1"));
        Must(Docker(1, "node", "update", "--availability", "drain", "gse-h2"));
        var moved = SeedsOnceTheyAgree([0, 1, 2], s => s.TryGetValue(1, out var one) && one.Engine != 2 && one.Address != before
            && !PeerEngines().Contains("gse-h2"));
        what = Describe(moved);
        Assert.That(moved.TryGetValue(1, out var seed1) && seed1.Engine != 2 && seed1.Address != before, Is.True,
            $"seed 1 moved off the drained engine to a new address (it was at {before}): " + what);
        Assert.That(moved.Values.Select(s => s.Members), Has.All.EqualTo(Peers), "the drained engine's peers were moved and their old selves removed: " + what);
        Assert.That(moved.Values.Select(s => s.Digest).Distinct().Count(), Is.EqualTo(1), "seed 1 taken back: the three agree: " + what);

        // Kill gse-h3, seed 2's host, with its peers: its link cut, its containers and engine killed. Seeds 0 and 1, a majority of
        // three, remove its peers (the swarm starts their replicas on the two engines left, and they join); seed 2 is gone for good.
        Must(Docker(1, "node", "update", "--availability", "active", "gse-h2"));
        var registered = Eventually(() => Enumerable.Range(1, Engines).Select(RegisteredPeers).ToArray(),
            r => r.Sum(e => e.Length) == Peers, TimeSpan.FromMinutes(3));
        Assert.That(registered.Sum(e => e.Length), Is.EqualTo(Peers), "every peer container registered before the kill");
        var onDeadHost = registered[2];
        Assert.That(onDeadHost, Is.Not.Empty, "gse-h3 runs members to lose");
        var kill = Run(RepositoryFiles.Path("deploy", "engines", "kill.sh"), "3");
        Assert.That(kill.Code, Is.EqualTo(0), kill.Out + kill.Err);
        var left = SeedsOnceTheyAgree([0, 1], s => onDeadHost.All(RemovedBy(s).Contains));
        what = Describe(left);
        Assert.That(left.Keys.Order(), Is.EqualTo(new[] { 0, 1 }), what);
        Assert.That(left.Values.Select(s => s.Members), Has.All.EqualTo(Peers), "the dead host's peers removed, their replicas joined: " + what);
        Assert.That(left.Values.Select(s => s.Digest).Distinct().Count(), Is.EqualTo(1), what);
        var removed = RemovedBy(left);
        TestContext.Progress.WriteLine($"gse-h3 killed with the members {string.Join(", ", onDeadHost)}; removed by seeds 0 and 1: "
            + string.Join(", ", removed));
        Assert.That(onDeadHost, Is.SubsetOf(removed), $"the dead host's peers ({string.Join(", ", onDeadHost)}) removed by the majority: "
            + string.Join(", ", removed));

        // Replace seed 2 by a new seed on gse-h2 through the seeds' vote: a majority of {0, 1, 2} (seeds 0 and 1), then of {0, 1, 3}.
        var replace = Run("env", $"DOCKER_HOST={Socket(1)}", RepositoryFiles.Path("deploy", "swarm", "replace-seed.sh"),
            Path.Combine(stack, "secrets"), "seed-2", "seed-3", "--via", "seed-0", "--constraint", "node.hostname==gse-h2");
        TestContext.Progress.WriteLine(replace.Out + replace.Err);
        Assert.That(replace.Code, Is.EqualTo(0), replace.Out + replace.Err);
        Assert.That(replace.Out, Does.Contain("decided: the seed set is version 2"), replace.Out);
        Must(Docker(1, "service", "rm", "gossipsim_seed-2"));
        var replaced = SeedsOnceTheyAgree([0, 1, 3], s => s.TryGetValue(3, out var three) && three.Engine == 2);
        what = Describe(replaced);
        Assert.That(replaced.Keys.Order(), Is.EqualTo(new[] { 0, 1, 3 }), what);
        Assert.That(replaced.Values.Select(s => s.Members), Has.All.EqualTo(Peers), "the new seed holds every member: " + what);
        Assert.That(replaced.Values.Select(s => s.Digest).Distinct().Count(), Is.EqualTo(1), "the new set agrees: " + what);
        Must(Docker(1, "stack", "rm", "gossipsim"));
    }

    /// <summary>The engines the peer service's running tasks are on, one a task.</summary>
    private static string[] PeerEngines() =>
        Docker(1, "service", "ps", "gossipsim_peer", "--filter", "desired-state=running", "--format", "{{.Node}}").Out
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The addresses (IP) of the peers running on <paramref name="engine"/> that say they are registered (their status
    /// file); one that does not yet, or has no status file yet, is left out.</summary>
    private static string[] RegisteredPeers(int engine) =>
        Docker(engine, "ps", "-q", "--filter", "name=gossipsim_peer").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(c => Docker(engine, "exec", c, "sh", "-c", "cat /out/peer-$(hostname)/status.json").Out)
            .Select(json =>
            {
                try
                {
                    using var doc = JsonDocument.Parse(json);
                    return doc.RootElement.GetProperty("registered").GetBoolean() ? doc.RootElement.GetProperty("address").GetString()!.Split(':')[0] : null;
                }
                catch (JsonException)
                {
                    return null;
                }
            }).OfType<string>().ToArray();

    /// <summary>
    /// Waits until the swarm has a leader (and, when asked, every engine is ready). An engine back from the dead (the test before
    /// kills and restarts gse-h3) can set off an election, and on a loaded machine one takes seconds: a manager's command in
    /// between fails with "The swarm does not have a leader" (local CI, 2026-11-30, midway through this test's stack deploy).
    /// </summary>
    private static void AwaitLeader(bool everyEngineReady)
    {
        var nodes = Eventually(() => Docker(1, "node", "ls", "--format", "{{.Status}} {{.ManagerStatus}}"),
            r => r.Code == 0 && r.Out.Contains("Leader") && (!everyEngineReady
                || r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).All(l => l.StartsWith("Ready"))), TimeSpan.FromMinutes(2));
        Assert.That(nodes.Code == 0 && nodes.Out.Contains("Leader"), Is.True, "the swarm has a leader: " + nodes.Out + nodes.Err);
    }

    /// <summary>A swarm command that must succeed, run again once the swarm has a leader when it failed for want of one (the
    /// commands given are idempotent: a stack deploy, a service's update or scale).</summary>
    private static void MustOnSwarm(Func<(int Code, string Out, string Err)> command)
    {
        var r = command();
        for (int again = 0; again < 3 && r.Code != 0 && (r.Out + r.Err).Contains("does not have a leader"); again++)
        {
            AwaitLeader(everyEngineReady: false);
            r = command();
        }
        Must(r);
    }

    /// <summary>What <paramref name="read"/> gives once <paramref name="done"/> holds of it, or at the end of the patience.</summary>
    private static T Eventually<T>(Func<T> read, Func<T, bool> done, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        var value = read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(2000);
            value = read();
        }
        return value;
    }

    /// <summary>The addresses of the peers the seeds seen committed the removal of: each removal is traced where it was proposed.</summary>
    private static string[] RemovedBy(Dictionary<int, (int Engine, string Address, int Members, string Digest)> seeds) =>
        seeds.SelectMany(s => RemovedAt(s.Value.Engine, s.Key)).Distinct().ToArray();

    /// <summary>The addresses of the peers seed <paramref name="seed"/> proposed and committed the removal of (its trace's committed
    /// removes).</summary>
    private static string[] RemovedAt(int engine, int seed)
    {
        string container = Docker(engine, "ps", "-q", "--filter", $"name=gossipsim_seed-{seed}.").Out.Trim().Split('\n')[0];
        var trace = Docker(engine, "exec", container, "grep", "\"ev\":\"committed\"", $"/out/seed-{seed}/trace.jsonl");
        return trace.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)
            .Where(e => e.GetProperty("detail").GetString() == "remove").Select(e => e.GetProperty("peer").GetString()!.Split(':')[0])
            .ToArray();
    }

    /// <summary>The seeds' own word on the members, read where each seed runs, until the seeds <paramref name="expected"/> (and no
    /// other) hold every peer with one digest and <paramref name="also"/> holds (or the patience ends): seed index to its engine,
    /// address, members and digest.</summary>
    private static Dictionary<int, (int Engine, string Address, int Members, string Digest)> SeedsOnceTheyAgree(int[] expected,
        Func<Dictionary<int, (int Engine, string Address, int Members, string Digest)>, bool> also)
    {
        var seen = Eventually(ReadSeeds, seen => seen.Keys.Order().SequenceEqual(expected) && seen.Values.All(s => s.Members == Peers)
            && seen.Values.Select(s => s.Digest).Distinct().Count() == 1 && also(seen), TimeSpan.FromMinutes(5));
        TestContext.Progress.WriteLine(Describe(seen));
        return seen;
    }

    /// <summary>Each running seed's status, read where it runs: seed index to its engine, address, members and digest.</summary>
    private static Dictionary<int, (int Engine, string Address, int Members, string Digest)> ReadSeeds()
    {
        var seen = new Dictionary<int, (int Engine, string Address, int Members, string Digest)>();
        for (int engine = 1; engine <= Engines; engine++)
            foreach (string container in Docker(engine, "ps", "-q", "--filter", "name=gossipsim_seed").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                // Its own folder (its host name is seed-N): the engine's output volume may hold another seed's, from a task
                // that ran there before.
                var status = Docker(engine, "exec", container, "sh", "-c", "hostname; cat /out/$(hostname)/status.json");
                var lines = status.Out.Split('\n', 2);
                if (status.Code != 0 || lines.Length < 2) continue;
                using var json = JsonDocument.Parse(lines[1]);
                var e = json.RootElement;
                seen[lines[0].Trim()[^1] - '0'] = (engine, e.GetProperty("address").GetString()!, e.GetProperty("members").GetInt32(),
                    e.GetProperty("digest").GetString()!);
            }
        return seen;
    }

    private static string Describe(Dictionary<int, (int Engine, string Address, int Members, string Digest)> seen) =>
        string.Join("; ", seen.OrderBy(s => s.Key).Select(s => $"seed {s.Key} on gse-h{s.Value.Engine} at {s.Value.Address}: "
            + $"{s.Value.Members} members, digest {s.Value.Digest}"));

    private static (int Code, string Out, string Err) Docker(int engine, params string[] args) =>
        Run("docker", ["-H", Socket(engine), .. args]);

    private static void Must((int Code, string Out, string Err) r) => Assert.That(r.Code, Is.EqualTo(0), r.Out + r.Err);

    private static (int Code, string Out, string Err) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.Result);
    }
}
