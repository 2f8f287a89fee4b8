using System.Globalization;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Membership;
using GossipSim.Engine.Trace;
using GossipSim.RealNet.Storage;
using GossipSim.RealNet.Tests.Support;
using GossipSim.TestSupport;
using static GossipSim.RealNet.Tests.Support.NodeFiles;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Storage;

/// <summary>
/// An upgrade gone wrong, on real node processes on loopback: all three seeds are SIGKILLed
/// while peers register, then restarted on the same addresses and state directories. No
/// commit is lost, every live peer ends registered, and a newcomer gets a full list.
/// </summary>
[NonParallelizable]
public class SeedRestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private const int Peers = 10;
    private readonly List<NodeProcess> _processes = new();
    private string _dir = "";

    [TearDown]
    public void KillEverything()
    {
        foreach (var p in _processes) p.Dispose();
        _processes.Clear();
    }

    private NodeProcess Start(string role, string name, IEnumerable<string> args)
    {
        var p = NodeProcess.Start(role, Path.Combine(_dir, name), args);
        _processes.Add(p);
        return p;
    }

    private string StateDir(int seed) => Path.Combine(_dir, $"seed-{seed}", "state");

    private NodeProcess StartSeed(int i, string listen, string seedsFile) =>
        Start("seed", $"seed-{i}", ["--listen", listen, "--seeds", seedsFile, "--seeds-wait", "120", "--quiet",
            "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "--state-dir", StateDir(i), .. FastTimings.SeedArgs]);

    private NodeProcess StartPeer(string name, string seedsFile) =>
        Start("peer", name, ["--listen", "127.0.0.1:0", "--seeds", seedsFile, "--quiet", "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            .. FastTimings.PeerArgs, "--membership-refresh", "2"]);

    /// <param name="stateLost">The seeds' commit logs are deleted before the restart (a lost disk, the key restored): then the peers must notice they are forgotten and register again.</param>
    [TestCase(false)]
    [TestCase(true)]
    public async Task AllSeedsKilledDuringRegistrations_RestartWithEveryCommit_AndANewcomerGetsAFullList(bool stateLost)
    {
        Assert.That(File.Exists(NodeProcess.ExecutablePath), $"the node executable is built at {NodeProcess.ExecutablePath}");
        _dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "seed-restart", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff"));
        Directory.CreateDirectory(_dir);
        string seedsFile = Path.Combine(_dir, "seeds.txt");
        var seeds = Enumerable.Range(0, 3).Select(i => StartSeed(i, "127.0.0.1:0", seedsFile)).ToArray();
        var seedAddresses = new NodeAddress[3];
        for (int i = 0; i < 3; i++) seedAddresses[i] = await seeds[i].ListeningAsync(Patience);
        File.WriteAllText(seedsFile + ".tmp", SeedListFile.Format(seedAddresses));
        File.Move(seedsFile + ".tmp", seedsFile);

        // Peers join one after another; the seeds die once a few have registered, with the rest mid-join.
        var peers = new List<NodeProcess>();
        for (int i = 0; i < Peers / 2; i++) { peers.Add(StartPeer($"peer-{i}", seedsFile)); await Task.Delay(300); }
        await Eventually.HoldsAsync(() => peers.Count(p => TraceOf(p).Any(e => e.Kind == TraceKind.Registered)) >= 3, "three peers register", Patience);
        for (int i = Peers / 2; i < Peers; i++) peers.Add(StartPeer($"peer-{i}", seedsFile));
        await Task.Delay(300);
        foreach (var s in seeds) s.Kill();

        var committed = seeds.SelectMany(s => TraceOf(s)).Where(e => e.Kind == TraceKind.Committed && e.Detail == "add").Select(e => e.Peer).ToHashSet();
        var registered = peers.Where(p => TraceOf(p).Any(e => e.Kind == TraceKind.Registered)).Count();
        TestContext.Out.WriteLine($"at the kill: {committed.Count} peers committed, {registered} of {Peers} peers registered");
        Assert.That(committed, Is.Not.Empty, "some registrations committed before the kill");

        foreach (var s in seeds) File.Delete(Path.Combine(s.OutDir, "status.json")); // only the new lives' counts are read below
        // The membership is lost, the node key kept (a seed's key is its identity: the peers learned
        // it on first use, and a seed with a new key at the same address is refused as a squatter would be).
        if (stateLost)
            for (int i = 0; i < 3; i++)
                foreach (var f in Directory.GetFiles(StateDir(i)).Where(f => Path.GetFileName(f) != "node.key")) File.Delete(f);
        var restarted = Enumerable.Range(0, 3).Select(i => StartSeed(i, seedAddresses[i].ToString(), seedsFile)).ToArray();
        foreach (var s in restarted) await s.ListeningAsync(Patience);
        foreach (var s in restarted)
        {
            await Eventually.HoldsAsync(() => LogLines(s).Count(l => l.Contains("commit log ")) == 2, "the restarted seed reads its store", Patience);
            TestContext.Out.WriteLine($"restarted: {LogLines(s).Last(l => l.Contains("commit log "))}");
        }

        var peerAddresses = new List<NodeAddress>();
        foreach (var p in peers) peerAddresses.Add(await p.ListeningAsync(Patience));
        await Eventually.HoldsAsync(() => restarted.All(s => Members(s) == Peers), $"every seed lists all {Peers} peers again", Patience);
        await Eventually.HoldsAsync(() => peers.All(p => TraceOf(p).Any(e => e.Kind == TraceKind.Registered)), "every live peer is registered", Patience);

        int rejoined = peers.Count(p => TraceOf(p).Any(e => e.Kind == TraceKind.Rejoined));
        TestContext.Out.WriteLine($"after the restart: {rejoined} peers registered again as a new incarnation");
        if (stateLost) Assert.That(rejoined, Is.GreaterThan(0), "the forgotten peers noticed and registered again");
        var newcomer = StartPeer("newcomer", seedsFile);
        await Eventually.HoldsAsync(() => TraceOf(newcomer).Any(e => e.Kind == TraceKind.LinkUp), "the newcomer links", Patience);
        var lists = TraceOf(newcomer).Where(e => e.Kind == TraceKind.PeerListReceived).ToList();
        TestContext.Out.WriteLine($"newcomer: peer lists of {string.Join(", ", lists.Select(e => e.A))} entries");
        Assert.That(lists.Select(e => e.A), Is.All.GreaterThanOrEqualTo(Peers), "each seed's list names every peer");
        await Eventually.HoldsAsync(() => restarted.All(s => Members(s) == Peers + 1), "every seed lists the newcomer", Patience);

        // What each seed holds on disk is the membership it lists: every commit from before the kill is in it.
        foreach (var s in restarted) s.Kill();
        for (int i = 0; i < 3; i++)
        {
            using var store = FileCommitStore.Open(StateDir(i));
            var list = new PeerList();
            foreach (var op in store.Load()) list.Apply(op.Op);
            var listed = list.LiveEntries(NodeAddress.None).Select(e => e.Address).ToHashSet();
            if (!stateLost) Assert.That(listed, Is.SupersetOf(committed), $"seed {i} lost no commit");
            Assert.That(listed, Is.SupersetOf(peerAddresses), $"seed {i} lists every live peer");
            TestContext.Out.WriteLine($"seed {i}: {store.Load().Count} operations on disk, {listed.Count} peers listed");
        }
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
