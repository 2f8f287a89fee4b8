using System.Diagnostics;
using System.Text.Json;
using GossipSim.Scenarios.Tests.Support;
using GossipSim.TestSupport;

namespace GossipSim.Scenarios.Tests.Runtimes.Docker;

/// <summary>
/// The stack file on a swarm of three engines, each in its own namespaces on this machine (deploy/engines/up.sh): the
/// multi-host walk-through of docs/deployment.md with the seeds placed on three different engines by label. Needs root, a
/// Docker engine with the node image (CI's .ci/run builds it once) and namespaces; without them it skips in one line (fails
/// in CI). The engines are stopped and their namespaces removed after the test, also on failure.
/// </summary>
[NonParallelizable]
public class SeveralEnginesTests : RunFolder
{
    private const int Engines = 3, Peers = 6;

    private static string Socket(int engine) => $"unix:///run/gse/h{engine}.sock";

    [SetUp]
    public void NeedsAnEngineAndNamespaces()
    {
        // This machine's engine need not be a swarm (the engines make their own), only hold the image they are given.
        var info = Run("docker", "image", "inspect", "-f", "{{.Id}}", "gossipsim-node:latest");
        MachineParts.Require(MachinePart.DockerEngine, info.Code == 0 ? null
            : $"this machine's Docker engine has no gossipsim-node:latest image (deploy/build-image.sh makes it): {info.Err.Trim().Split('\n')[0]}");
        MachineParts.Require(MachinePart.NetworkNamespaces,
            Environment.UserName == "root" && File.Exists("/usr/sbin/dockerd") ? null : "the engines need root and dockerd");
    }

    [TearDown]
    public void StopTheEngines()
    {
        if (_started) Run(RepositoryFiles.Path("deploy", "engines", "down.sh"));
    }

    private bool _started; // up.sh ran (a skipped test starts nothing, so it has nothing to stop)

    [Test]
    public void TheStack_OnThreeEngines_PutsEachSeedOnItsOwnEngine_AndASeedTheSwarmMovesIsTakenBack()
    {
        _started = true;
        var up = Run(RepositoryFiles.Path("deploy", "engines", "up.sh"), Engines.ToString());
        Assert.That(up.Code, Is.EqualTo(0), up.Out + up.Err);
        Assert.That(up.Out, Does.Contain("image gossipsim-node:latest on every engine"));
        string stack = Path.Combine(Dir, "stack");
        Directory.CreateDirectory(stack);
        File.Copy(RepositoryFiles.Path("deploy", "swarm", "gossipsim.yml"), Path.Combine(stack, "gossipsim.yml"));
        Must(Run(RepositoryFiles.Path("deploy", "swarm", "make-secrets.sh"), Path.Combine(stack, "secrets")));
        for (int i = 0; i < 3; i++) Must(Docker(1, "node", "update", "--label-add", $"gossipsim.seed={i}", $"gse-h{i + 1}"));
        // From the stack's folder: the stack file names its secrets' files by paths relative to it.
        Must(Run("sh", "-c", $"cd '{stack}' && docker -H {Socket(1)} stack deploy -c gossipsim.yml gossipsim"));
        for (int i = 0; i < 3; i++)
            Must(Docker(1, "service", "update", "--detach", "--constraint-add", $"node.labels.gossipsim.seed=={i}", $"gossipsim_seed-{i}"));
        Must(Docker(1, "service", "scale", "--detach", $"gossipsim_peer={Peers}"));

        var seen = SeedsOnceTheyAgree(_ => true);
        string what = Describe(seen);
        Assert.That(seen.Keys.Order(), Is.EqualTo(new[] { 0, 1, 2 }), what);
        Assert.That(seen.Select(s => s.Value.Engine), Is.EqualTo(seen.Select(s => s.Key + 1)), "each seed on the engine its label names: " + what);
        Assert.That(seen.Values.Select(s => s.Members), Has.All.EqualTo(Peers), what);
        Assert.That(seen.Values.Select(s => s.Digest).Distinct().Count(), Is.EqualTo(1), "the seeds agree: " + what);
        var peerEngines = Docker(1, "service", "ps", "gossipsim_peer", "--filter", "desired-state=running", "--format", "{{.Node}}").Out
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct().Count();
        Assert.That(peerEngines, Is.GreaterThan(1), "the peers spread over the engines");

        // Drain seed 1's engine: the swarm starts seed 1 on another engine, at a new address and with an empty state volume. Known
        // by its key, it is taken back: the other seeds take its word and its anti-entropy, and it comes to hold every member.
        string before = seen[1].Address;
        Must(Docker(1, "service", "update", "--detach", "--constraint-rm", "node.labels.gossipsim.seed==1", "gossipsim_seed-1"));
        Must(Docker(1, "node", "update", "--availability", "drain", "gse-h2"));
        var moved = SeedsOnceTheyAgree(s => s.TryGetValue(1, out var one) && one.Engine != 2 && one.Address != before);
        what = Describe(moved);
        Assert.That(moved.TryGetValue(1, out var seed1) && seed1.Engine != 2 && seed1.Address != before, Is.True,
            $"seed 1 moved off the drained engine to a new address (it was at {before}): " + what);
        Assert.That(moved.Values.Select(s => s.Members), Has.All.EqualTo(Peers), "the drained engine's peers were moved and their old selves removed: " + what);
        Assert.That(moved.Values.Select(s => s.Digest).Distinct().Count(), Is.EqualTo(1), "seed 1 taken back: the three agree: " + what);
        Must(Docker(1, "stack", "rm", "gossipsim"));
    }

    /// <summary>The seeds' own word on the members, read where each seed runs, until all three hold every peer with one digest and
    /// <paramref name="also"/> holds (or the patience ends): seed index to its engine, address, members and digest.</summary>
    private static Dictionary<int, (int Engine, string Address, int Members, string Digest)> SeedsOnceTheyAgree(
        Func<Dictionary<int, (int Engine, string Address, int Members, string Digest)>, bool> also)
    {
        var seen = new Dictionary<int, (int Engine, string Address, int Members, string Digest)>();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            seen.Clear();
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
            if (seen.Count == 3 && seen.Values.All(s => s.Members == Peers) && seen.Values.Select(s => s.Digest).Distinct().Count() == 1
                && also(seen)) break;
            Thread.Sleep(2000);
        }
        TestContext.Progress.WriteLine(Describe(seen));
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
