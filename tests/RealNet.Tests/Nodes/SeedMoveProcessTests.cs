using System.Globalization;
using System.Text.Json;
using GossipSim.Engine.Config;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;
using GossipSim.RealNet.Security;
using GossipSim.RealNet.Tests.Support;
using GossipSim.TestSupport;

namespace GossipSim.RealNet.Tests.Nodes;

/// <summary>
/// Issue 56, 1, on node processes (loopback, ports the OS chose): 3 seeds pinned by key and 4 peers. Seed 1 is SIGKILLed and
/// started again with its key and state at a new port, as an orchestrator reschedules it. The other seeds and every peer take
/// it back there; its word, replayed from an older life or signed by another key, is refused by a seed and by a peer; with seed
/// 0 then gone too, a crashed peer is removed only because the moved seed's vote counts in the majority.
/// </summary>
public class SeedMoveProcessTests : NodeProcessFixture
{
    private NodeProcess Start(string role, string name, params string[][] args) => StartNode(role, name, args.SelectMany(a => a));

    /// <param name="byName">The list names the seeds by host ("localhost:port KEY", as an orchestrator does): each is then known by
    /// an address made from its key (<see cref="RealNet.Cli.SeedNames.NameOf(NodeKey, int)"/>), and found where its name or its word points.</param>
    [TestCase(false, TestName = "ASeedRestartedAtANewPort_WithItsKey_IsTakenBackBySeedsAndPeers_AndVotesInTheMajority")]
    [TestCase(true, TestName = "ASeedNamedByHost_RestartedAtANewPort_WithItsKey_IsTakenBackBySeedsAndPeers_AndVotesInTheMajority")]
    public async Task SeedRestartedElsewhere(bool byName)
    {
        TestContext.Out.WriteLine($"node output in {Dir}");
        string seedsFile = Path.Combine(Dir, "seeds.txt");
        string parent = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        string KeyPath(int i) => Path.Combine(Dir, $"seed-{i}.key");
        var keys = Enumerable.Range(0, 3).Select(i =>
        {
            using var made = NodeIdentity.Create(KeyPath(i), replace: false);
            return made.PublicKey.ToBase64();
        }).ToArray();
        string[] SeedArgs(int i) => ["--listen", "127.0.0.1:0", "--seeds", seedsFile, "--seeds-wait", "120", "--quiet", "--parent-pid", parent,
            "--key", KeyPath(i), "--state-dir", Path.Combine(Dir, $"seed-{i}", "state")];

        var seeds = Enumerable.Range(0, 3).Select(i => Start("seed", $"seed-{i}", SeedArgs(i), FastTimings.SeedArgs)).ToArray();
        var listening = new List<NodeAddress>();
        foreach (var s in seeds) listening.Add(await s.ListeningAsync(Patience));
        File.WriteAllText(seedsFile + ".tmp", byName
            ? string.Concat(listening.Select((a, i) => $"localhost:{a.Port} {keys[i]}\n"))
            : SeedListFile.Format(listening.Select((a, i) => (a, keys[i]))));
        File.Move(seedsFile + ".tmp", seedsFile);
        // How the nodes know each seed: by its line's address, or, named by host, by the address its key makes.
        var names = byName
            ? listening.Select((a, i) => RealNet.Cli.SeedNames.NameOf(NodeIdentity.ParsePublic(keys[i], "test"), a.Port)).ToList()
            : listening;

        var peers = new List<(NodeProcess Process, NodeAddress Address)>();
        for (int i = 0; i < 4; i++)
        {
            var p = Start("peer", $"peer-{i}", ["--listen", "127.0.0.1:0", "--seeds", seedsFile, "--quiet", "--parent-pid", parent],
                FastTimings.PeerArgs);
            var address = await p.ListeningAsync(Patience);
            await Eventually.HoldsAsync(() => Status(p, "registered") == "True", $"peer {address} registers", Patience);
            peers.Add((p, address));
        }

        // Seed 1 goes down and comes back with its key and its state at another port: what an orchestrator does when it reschedules.
        var name = names[1];
        seeds[1].Kill();
        var moved = Start("seed", "seed-1-moved", SeedArgs(1), FastTimings.SeedArgs);
        var newAddress = await moved.ListeningAsync(Patience);
        Assert.That(newAddress, Is.Not.EqualTo(listening[1]));
        string word = $"seed {name} is at {newAddress} now";
        await Eventually.HoldsAsync(() => Log(seeds[0]).Contains(word) && Log(seeds[2]).Contains(word),
            "both other seeds take the moved seed's word", Patience);
        await Eventually.HoldsAsync(() => peers.All(p => Log(p.Process).Contains(word)), "every peer learns the new address", Patience);
        Assert.That(Log(moved), Does.Contain($"seed {name} (the line that pins its key) listens at {newAddress} in this life"));

        // Its word from an older life, replayed, and a newer word signed by another key: refused by a seed and by a peer alike.
        // The node writes its trace as it goes (its log line above may come before its start's trace line reaches the file).
        await Eventually.HoldsAsync(() => TraceOf(moved).Any(e => e.Kind == TraceKind.NodeStarted), "the moved seed's trace holds its start", Patience);
        long life = TraceOf(moved).First(e => e.Kind == TraceKind.NodeStarted).A;
        using var seedOneKey = NodeIdentity.LoadOrCreate(KeyPath(1), out _, out _);
        using var stranger = NodeIdentity.Ephemeral();
        var replayed = new SeedMoved(name, name, life - 1, seedOneKey.Sign(SeedIdentity.AddressBytes(name, name, life - 1)));
        var elsewhere = Loopback.DeadAddress();
        var forged = new SeedMoved(name, elsewhere, life + 1, stranger.Sign(SeedIdentity.AddressBytes(name, elsewhere, life + 1)));
        // Sent over a connection that proves seed 1's key (whoever holds it: the seed itself, replaying), as only a seed's connection
        // may carry such a word (SenderPolicy); the node checks each word itself.
        foreach (var target in new[] { listening[2], peers[0].Address })
        {
            using var client = await RawClient.ConnectAsync(target);
            client.Identity = seedOneKey;
            Assert.That(await client.HelloAndSendAsync(Loopback.DeadAddress(), replayed, forged), "the node takes the connection");
        }
        // From a connection that proves no seed's key (a member, an outsider), a word is not even read: dropped at a seed (a seed with
        // another list sends one), its connection closed at a peer.
        var outsiderWord = new SeedMoved(name, elsewhere, life + 2, seedOneKey.Sign(SeedIdentity.AddressBytes(name, elsewhere, life + 2)));
        foreach (var (target, node) in new[] { (listening[2], seeds[2]), (peers[0].Address, peers[0].Process) })
        {
            using var client = await RawClient.ConnectAsync(target);
            await client.HelloAndSendAsync(Loopback.DeadAddress(), outsiderWord);
            await Eventually.HoldsAsync(() => Log(node).Contains("SeedMoved from") && Log(node).Contains("which is not in the seed list"),
                $"{node.OutDir}: a word from a connection that proved no seed's key is refused by the transport", Patience);
        }
        foreach (var (node, what) in new[] { (seeds[2], "seed 2"), (peers[0].Process, "peer 0") })
        {
            await Eventually.HoldsAsync(() => Log(node).Contains($"that seed {name} is at {name} (life {life - 1}): a newer word of that "
                + "seed was taken (an old one replayed)"), $"{what} refuses the replayed word", Patience);
            await Eventually.HoldsAsync(() => Log(node).Contains($"that seed {name} is at {elsewhere} (life {life + 1}): it is not signed "
                + "by the key pinned for that seed"), $"{what} refuses the word signed by another key", Patience);
            Assert.That(Log(node), Does.Not.Contain($"seed {name} is at {elsewhere} now").And.Not.Contain($"seed {name} is at {name} now"),
                $"{what} still sends to the moved seed where it is");
        }

        // Seed 0 goes for good: a removal now needs the moved seed's vote. A SIGKILLed peer is removed by the moved seed and seed 2.
        seeds[0].Kill();
        var (victim, dead) = peers[2];
        victim.Kill();
        await Eventually.HoldsAsync(() => new[] { moved, seeds[2] }.All(s => TraceOf(s).Any(e => e.Kind == TraceKind.MemberRemoved && e.Peer == dead)),
            $"the moved seed and seed 2 remove the killed peer {dead} (a majority of 3 without seed 0)", Patience);

        // A node sends to a seed over the connection it holds under either of its addresses: it never dials a seed it is still
        // connected to, which the seed would refuse as a second hello for one address.
        foreach (var s in new[] { seeds[0], seeds[2], moved })
            Assert.That(Log(s), Does.Not.Contain("which already has a live connection"), $"{s.OutDir}: no node dialled it twice");
        foreach (var p in new[] { moved, seeds[2], peers[0].Process, peers[1].Process, peers[3].Process })
        {
            Assert.That(p.HasExited, Is.False, $"node in {p.OutDir} is still running; stderr: {string.Join(" | ", p.Errors)}");
            Assert.That(Log(p), Does.Not.Contain("INTERNAL ERROR"));
        }
    }

    /// <summary>
    /// The stack's case: seeds named by host and pinned by key all go by addresses their keys make, so each has "moved" from its
    /// start, and its word said where it is. A seed voted in later heard none of those words: it took nothing from the others'
    /// connections (their sync, their steps) and held no member (seen on the three-engine swarm: 0 members after the replace).
    /// Each seed says again where it is when the set changes, and the new seed comes to hold every member.
    /// </summary>
    [Test]
    public async Task ASeedVotedIn_IntoSeedsNamedByHost_LearnsWhereTheyAre_AndHoldsEveryMember()
    {
        TestContext.Out.WriteLine($"node output in {Dir}");
        string seedsFile = Path.Combine(Dir, "seeds.txt");
        string parent = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        string KeyPath(int i) => Path.Combine(Dir, $"seed-{i}.key");
        string StateDir(int i) => Path.Combine(Dir, $"seed-{i}", "state");
        string MakeKey(string path)
        {
            using var made = NodeIdentity.Create(path, replace: false);
            return made.PublicKey.ToBase64();
        }
        var keys = Enumerable.Range(0, 4).Select(i => MakeKey(KeyPath(i))).ToArray();
        string operatorPath = Path.Combine(Dir, "operator.key");
        string operatorKey = MakeKey(operatorPath);
        string[] SeedArgs(int i) => ["--listen", "127.0.0.1:0", "--seeds", seedsFile, "--seeds-wait", "120", "--quiet", "--parent-pid", parent,
            "--key", KeyPath(i), "--state-dir", StateDir(i)];

        var seeds = Enumerable.Range(0, 3).Select(i => Start("seed", $"seed-{i}", SeedArgs(i), FastTimings.SeedArgs)).ToArray();
        var listening = new List<NodeAddress>();
        foreach (var s in seeds) listening.Add(await s.ListeningAsync(Patience));
        File.WriteAllText(seedsFile + ".tmp", string.Concat(listening.Select((a, i) => $"localhost:{a.Port} {keys[i]}\n"))
            + $"{SeedListFile.OperatorWord} {operatorKey}\n");
        File.Move(seedsFile + ".tmp", seedsFile);
        var peers = new List<NodeProcess>();
        for (int i = 0; i < 3; i++)
        {
            var p = Start("peer", $"peer-{i}", ["--listen", "127.0.0.1:0", "--seeds", seedsFile, "--quiet", "--parent-pid", parent],
                FastTimings.PeerArgs);
            await p.ListeningAsync(Patience);
            await Eventually.HoldsAsync(() => Status(p, "registered") == "True", $"peer {i} registers", Patience);
            peers.Add(p);
        }

        var joining = Start("seed", "seed-3", SeedArgs(3), ["--joining"], FastTimings.SeedArgs);
        var at = await joining.ListeningAsync(Patience);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = RealNet.Cli.NodeCommandLine.Run(["seed-set", "add", "--state-dir", StateDir(0), "--operator-key", operatorPath,
            "--address", at.ToString(), "--key", keys[3], "--wait", "120"], stdout, stderr);
        Assert.That(code, Is.EqualTo(0), $"{stdout}{stderr}");
        Assert.That(stdout.ToString(), Does.Contain("decided: the seed set is version 2"));

        string digest = Status(seeds[0], "digest")!;
        await Eventually.HoldsAsync(() => Status(joining, "members") == "3" && Status(joining, "digest") == Status(seeds[0], "digest"),
            "the seed voted in holds the 3 members, as seed 0 does", Patience);
        var name0 = RealNet.Cli.SeedNames.NameOf(NodeIdentity.ParsePublic(keys[0], "test"), listening[0].Port);
        Assert.That(Log(joining), Does.Contain($"seed {name0} is at {listening[0]} now"), "it took seed 0's word");
        TestContext.Out.WriteLine($"members {Status(joining, "members")}, digest {Status(joining, "digest")} (seed 0 had {digest})");
    }

    /// <summary>The node's log so far (one log per output directory: each node here has its own).</summary>
    private static string Log(NodeProcess p)
    {
        var file = Directory.GetFiles(p.OutDir, "*.txt").SingleOrDefault();
        if (file == null) return "";
        using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        return reader.ReadToEnd();
    }

    private static List<TraceEvent> TraceOf(NodeProcess p) => p.TraceSoFar();

    private static string? Status(NodeProcess p, string property) => p.Status(property);
}
