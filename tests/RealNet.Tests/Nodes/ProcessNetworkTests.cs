using System.Text.Json;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Trace;
using GossipSim.RealNet.Tests.Support;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Nodes;

/// <summary>
/// The built node executable, as separate processes: 3 seeds (port 0, seed list written once
/// their ports are known) and 5 peers. One peer is SIGKILLed and must be removed by every seed,
/// as their trace files show; another gets SIGTERM and must leave cleanly with exit code 0.
/// </summary>
public class ProcessNetworkTests : NodeProcessFixture
{
    private NodeProcess Start(string role, string name, params string[][] args) => StartNode(role, name, args.SelectMany(a => a));

    [Test]
    public async Task SigkilledPeer_IsRemovedAtEverySeed_AndASigtermedPeerLeavesCleanly()
    {
        Assert.That(File.Exists(NodeProcess.ExecutablePath), $"the node executable is built at {NodeProcess.ExecutablePath}");
        TestContext.Out.WriteLine($"node output in {Dir}");
        string seedsFile = Path.Combine(Dir, "seeds.txt");
        string parent = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Seeds on port 0 wait for the seed list, which can only be written once their ports are known.
        var seeds = Enumerable.Range(0, 3).Select(i => Start("seed", $"seed-{i}",
            ["--listen", "127.0.0.1:0", "--seeds", seedsFile, "--seeds-wait", "120", "--quiet", "--parent-pid", parent], FastTimings.SeedArgs)).ToArray();
        var seedAddresses = new List<NodeAddress>();
        foreach (var s in seeds) seedAddresses.Add(await s.ListeningAsync(Patience));
        File.WriteAllText(seedsFile + ".tmp", SeedListFile.Format(seedAddresses));
        File.Move(seedsFile + ".tmp", seedsFile);

        var peers = new List<(NodeProcess Process, NodeAddress Address)>();
        for (int i = 0; i < 5; i++)
        {
            var p = Start("peer", $"peer-{i}", ["--listen", "127.0.0.1:0", "--seeds", seedsFile, "--quiet", "--parent-pid", parent], FastTimings.PeerArgs);
            var address = await p.ListeningAsync(Patience);
            await Eventually.HoldsAsync(() => Status(p, "registered") == "True", $"peer {address} registers", Patience);
            peers.Add((p, address));
        }
        // Each peer's gossip lasts 10 s: under load the first peers can be done before the last one links (CI: peer 4 linked
        // after every other peer's last message, so it never received one), so a peer counts once gossip crossed between it and
        // another process either way.
        bool Exchanged((NodeProcess Process, NodeAddress Address) p) => TraceOf(p.Process).Any(e => e.Kind == TraceKind.GossipDelivered)
            || peers.Any(q => q.Process != p.Process && TraceOf(q.Process).Any(e => e.Kind == TraceKind.GossipDelivered && e.Message.Origin == p.Address));
        await Eventually.HoldsAsync(() => peers.All(Exchanged), "gossip crosses between every peer and another process", Patience);

        // SIGKILL one peer: no goodbye. Its neighbours must find out, and the seeds remove it by majority.
        var (victim, dead) = peers[1];
        victim.Kill();
        await Eventually.HoldsAsync(() => seeds.All(s => TraceOf(s).Any(e => e.Kind == TraceKind.MemberRemoved && e.Peer == dead)),
            $"every seed traces the removal of the killed peer {dead}", Patience);
        Assert.That(peers.Where(p => p.Process != victim).SelectMany(p => TraceOf(p.Process)).Any(e => e.Kind == TraceKind.DeadReported && e.Peer == dead),
            "a live peer reported it dead");
        // Every line the killed node traced reached its file whole.
        Assert.DoesNotThrow(() => TraceJson.ReadFile(victim.TracePath).ToList(), "the killed peer's trace parses to the last line");

        // SIGTERM another: a clean stop, goodbye to the seeds, exit code 0.
        var (leaver, leaverAddress) = peers[3];
        leaver.Terminate();
        Assert.That(leaver.WaitForExit(Patience), "the peer exits after SIGTERM");
        Assert.That(leaver.ExitCode, Is.EqualTo(0), $"exit code after SIGTERM; stderr: {string.Join(" | ", leaver.Errors)}");
        Assert.That(TraceJson.ReadFile(leaver.TracePath).Last().Kind, Is.EqualTo(TraceKind.NodeStopped));
        await Eventually.HoldsAsync(() => seeds.All(s => TraceOf(s).Any(e => e.Kind == TraceKind.MemberRemoved && e.Peer == leaverAddress)),
            "every seed removes the peer that said goodbye", Patience);

        foreach (var p in StartedNodes.Where(p => p != victim && p != leaver))
            Assert.That(p.HasExited, Is.False, $"node in {p.OutDir} is still running; stderr: {string.Join(" | ", p.Errors)}");
        foreach (var p in StartedNodes)
            Assert.That(File.ReadAllText(LogOf(p)), Does.Not.Contain("INTERNAL ERROR"), $"{LogOf(p)} has no internal error");
    }

    [Test]
    public async Task Node_StopsCleanly_WhenItsParentProcessIsGone()
    {
        // The "parent" is a short-lived process we start and end ourselves.
        using var parent = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        string seedsFile = Path.Combine(Dir, "seeds.txt");
        var seed = Start("seed", "seed-0", ["--listen", "127.0.0.1:0", "--seeds", seedsFile, "--seeds-wait", "120", "--quiet",
            "--parent-pid", parent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var address = await seed.ListeningAsync(Patience);
        File.WriteAllText(seedsFile, SeedListFile.Format([address]));
        await Eventually.HoldsAsync(() => File.Exists(Path.Combine(seed.OutDir, "status.json")), "the seed runs", Patience);
        Assert.That(seed.HasExited, Is.False);
        parent.Kill();
        parent.WaitForExit();
        Assert.That(seed.WaitForExit(Patience), "the seed exits once its parent is gone");
        Assert.That(seed.ExitCode, Is.EqualTo(0));
        Assert.That(File.ReadAllText(LogOf(seed)), Does.Contain($"parent process {parent.Id} is gone: stopping"));
    }

    private static string LogOf(NodeProcess p) => Directory.GetFiles(p.OutDir, "*.txt").Single();

    private static List<TraceEvent> TraceOf(NodeProcess p) => p.TraceSoFar();

    private static string? Status(NodeProcess p, string property) => p.Status(property);
}
