using System.Globalization;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.RealNet.Storage;
using GossipSim.RealNet.Tests.Support;
using GossipSim.TestSupport;
using static GossipSim.RealNet.Tests.Support.NodeFiles;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Storage;

/// <summary>
/// The operator's finding, on real node processes: one of three seeds keeps its state on a disk
/// that fills up while peers register. It refuses the commits it cannot keep with one log line
/// (no INTERNAL ERROR, no stack trace), catches up by itself once space returns, and its log
/// opens cleanly after a kill. Needs root for the small tmpfs (<see cref="SmallDisk"/>).
/// </summary>
[NonParallelizable]
public class FullDiskSeedTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private const int Peers = 20; // more records than the log's last page holds, so the full disk refuses some
    private readonly List<NodeProcess> _processes = new();
    private SmallDisk? _disk;
    private string _dir = "";

    [TearDown]
    public void KillEverything()
    {
        foreach (var p in _processes) p.Dispose();
        _processes.Clear();
        _disk?.Dispose(); // after the processes: a seed holding its log open would keep the tmpfs busy
        _disk = null;
    }

    private NodeProcess Start(string role, string name, IEnumerable<string> args)
    {
        var p = NodeProcess.Start(role, Path.Combine(_dir, name), args);
        _processes.Add(p);
        return p;
    }

    private string StateDir(int seed) => seed == 0 ? Path.Combine(_disk!.Directory, "state") : Path.Combine(_dir, $"seed-{seed}", "state");

    [Test]
    public async Task ASeedOnAFullDisk_RefusesCommitsInOneLine_WithoutAStackTrace_AndCatchesUpWhenSpaceReturns()
    {
        Assert.That(File.Exists(NodeProcess.ExecutablePath), $"the node executable is built at {NodeProcess.ExecutablePath}");
        _disk = SmallDisk.MountOrSkip();
        _dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "full-disk", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(_dir);
        string seedsFile = Path.Combine(_dir, "seeds.txt");
        string parent = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var seeds = Enumerable.Range(0, 3).Select(i => Start("seed", $"seed-{i}", ["--listen", "127.0.0.1:0", "--seeds", seedsFile, "--seeds-wait", "120", "--quiet",
            "--parent-pid", parent, "--state-dir", StateDir(i), .. FastTimings.SeedArgs])).ToArray();
        var addresses = new NodeAddress[3];
        for (int i = 0; i < 3; i++) addresses[i] = await seeds[i].ListeningAsync(Patience);
        File.WriteAllText(seedsFile + ".tmp", SeedListFile.Format(addresses));
        File.Move(seedsFile + ".tmp", seedsFile);
        await Eventually.HoldsAsync(() => Directory.Exists(seeds[0].OutDir) && LogLines(seeds[0]).Any(l => l.Contains("commit log ")), "the seed on the small disk opened its log", Patience);
        _disk.Fill();

        var peers = Enumerable.Range(0, Peers).Select(i => Start("peer", $"peer-{i}", ["--listen", "127.0.0.1:0", "--seeds", seedsFile, "--quiet",
            "--parent-pid", parent, .. FastTimings.PeerArgs])).ToList();
        await Eventually.HoldsAsync(() => seeds.Skip(1).All(s => Members(s) == Peers), $"the other seeds list all {Peers} peers", Patience);
        await Eventually.HoldsAsync(() => LogLines(seeds[0]).Any(l => l.Contains("cannot make commits durable")), "the full disk refused a commit", Patience);

        var lines = LogLines(seeds[0]);
        int listedWhileFull = Members(seeds[0]);
        TestContext.Out.WriteLine($"while full: the seed lists {listedWhileFull} of {Peers}; " + lines.Single(l => l.Contains("cannot make commits durable")));
        Assert.That(lines.Count(l => l.Contains("cannot make commits durable")), Is.EqualTo(1), "one line for the outage");
        Assert.That(lines, Has.None.Contains("INTERNAL ERROR"));
        Assert.That(lines, Has.None.Match(@"^\s+at "), "no stack trace");
        Assert.That(listedWhileFull, Is.LessThan(Peers), "the seed did not apply the commits it could not keep");

        _disk.Free();
        await Eventually.HoldsAsync(() => Members(seeds[0]) == Peers, "the seed catches up once space returns", Patience);
        Assert.That(LogLines(seeds[0]).Count(l => l.Contains("commits are durable again")), Is.EqualTo(1));

        foreach (var s in seeds) s.Kill();
        using var store = FileCommitStore.Open(StateDir(0));
        Assert.That(store.TornTailFile, Is.Null, "no partial record was left by the refused appends");
        var list = new PeerList();
        foreach (var op in store.Load()) list.Apply(op.Op);
        Assert.That(list.LiveCount, Is.EqualTo(Peers), "its log holds every peer after the outage");
    }

    private static int Members(NodeProcess seed)
    {
        string path = Path.Combine(seed.OutDir, "status.json");
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
            return doc.RootElement.TryGetProperty("members", out var m) ? m.GetInt32() : -1;
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
            return -1;
        }
    }
}
