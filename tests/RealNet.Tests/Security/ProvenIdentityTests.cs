using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Peer;
using GossipSim.Engine.Seed;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Trust;
using GossipSim.RealNet.Host;
using GossipSim.RealNet.Security;
using GossipSim.RealNet.Tests.Support;
using GossipSim.RealNet.Transport;
using GossipSim.TestSupport;
using GossipSim.Engine.Vocabulary;

namespace GossipSim.RealNet.Tests.Security;

/// <summary>
/// On real nodes on loopback (3 seeds and their peers in this
/// process, each on its own port, each proving its own key), in plaintext and with the cluster
/// key (the attacker then holds the key too): a claimed address is worth nothing without the
/// key registered (or pinned) for it, and a commit applies only with a majority's signed votes.
/// </summary>
[NonParallelizable]
public class ProvenIdentityTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private InProcessNetwork? _net;
    private readonly List<IAsyncDisposable> _others = new();

    [TearDown]
    public async Task Stop()
    {
        foreach (var o in _others) await o.DisposeAsync();
        _others.Clear();
        if (_net != null) await _net.DisposeAsync();
    }

    private static TcpTransportOptions? Options(ClusterKey? key) => key == null ? null : new TcpTransportOptions { ClusterKey = key };

    private InProcessNetwork Start(ClusterKey? key, IReadOnlyCollection<int>? pinned = null, Engine.Config.SeedConfig? seedConfig = null) =>
        _net = InProcessNetwork.StartSeeds(3, Path.Combine(TestContext.CurrentContext.WorkDirectory, "identity", Guid.NewGuid().ToString("N")), Options(key),
            seedConfig: seedConfig, pinned: pinned);

    private static PeerNode Peer(NodeHost h) => (PeerNode)h.Node;

    private static Task<bool> ListsLive(NodeHost seed, NodeAddress peer) => seed.InvokeAsync(n => ((SeedNode)n).Peers.IsLive(peer));

    private string[] LogLines(NodeHost h)
    {
        try
        {
            using var stream = new FileStream(_net!.LogPath(h), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n');
        }
        catch (FileNotFoundException)
        {
            return [];
        }
    }

    private static void Say(string line) => TestContext.Out.WriteLine(line);

    private async Task<NodeHost> RegisteredPeerAsync(string what)
    {
        var p = _net!.AddPeer();
        await Eventually.HoldsAsync(() => Peer(p).Phase != JoinPhase.Registering, $"{what} registers", Patience);
        return p;
    }

    /// <summary>
    /// Finding 1: a client claims a live peer's address at every seed and reports it dead, as that
    /// peer and about it, and says goodbye for it. Each seed refuses the connection at the handshake
    /// (the address is bound to another key), so no removal is even proposed, and a newcomer that
    /// joins afterwards is given the victim by every seed.
    /// </summary>
    [TestCase(false)]
    [TestCase(true)]
    public async Task ClaimingALivePeersAddress_AndReportingItDead_LeavesItListedAtEverySeed(bool keyed)
    {
        var key = keyed ? ClusterKey.Generate() : null;
        var net = Start(key);
        var victim = await RegisteredPeerAsync("the victim");
        var other = await RegisteredPeerAsync("another peer");
        await Eventually.HoldsAsync(() => Peer(victim).Degree == 1 && Peer(other).Degree == 1, "the two peers link", Patience);
        long incarnation = Peer(victim).Incarnation;

        foreach (var s in net.SeedAddresses)
        {
            using var impostor = await RawClient.ConnectAsync(s);
            await impostor.HandshakeAndSendAsync(key, victim.Address,
                new DeadNodeReport(victim.Address, 1, victim.Address), new Goodbye(incarnation), new RegisterRequest(incarnation + 1));
            await impostor.WaitClosedAsync(Patience, $"a connection claiming {victim.Address} at seed {s}");
        }
        var refusals = net.Seeds.Select(s => LogLines(s).LastOrDefault(l => l.Contains($"its hello claims {victim.Address}, which is registered with key"))).ToArray();
        Say($"probe ({(keyed ? "with the cluster key, held by the attacker" : "plaintext")}): at each seed a client claims live peer {victim.Address}, " +
            "reports it dead as itself, says goodbye for it and registers it again, proving its own key");
        foreach (var r in refusals) Say($"  seed log: {r}");
        Assert.That(refusals, Has.All.Not.Null, "every seed refused the claimant at the handshake");

        // Order, not time: a newcomer registers with every seed and receives gossip after the attack.
        var newcomer = await RegisteredPeerAsync("a newcomer");
        await Eventually.HoldsAsync(() => Peer(newcomer).Degree >= 1, "the newcomer links", Patience);
        foreach (var s in net.Seeds)
            Assert.That(await ListsLive(s, victim.Address), Is.True, $"seed {s.Address} still lists the victim");
        var trace = net.Trace.Snapshot();
        Assert.That(trace.Where(e => e.Peer == victim.Address && ((e.Kind == TraceKind.Proposed && e.Detail == "remove") || e.Kind == TraceKind.MemberRemoved)), Is.Empty,
            "no seed proposed or made the victim's removal");
        Assert.That(net.Seeds.SelectMany(LogLines).Where(l => l.Contains($"peer {victim.Address} says goodbye")), Is.Empty, "no seed took the goodbye");
        Say($"outcome: the victim is listed at all 3 seeds; no removal was proposed; a newcomer registered and linked");
    }

    /// <summary>
    /// Finding 1, the lock-out: while a crashed peer is registered, a node with another key at its
    /// address is refused by every seed; the peer restarted with its key (its state directory)
    /// registers again as a new incarnation.
    /// </summary>
    [TestCase(false)]
    [TestCase(true)]
    public async Task RestartedPeer_WithItsKey_RegistersAgain_WhileAnotherKeyAtItsAddressIsRefused(bool keyed)
    {
        var key = keyed ? ClusterKey.Generate() : null;
        // The lock-out holds while the crashed peer is still registered. The seeds' member sweep
        // would remove it (alone, no link backs it) a few seconds after the crash, and from then
        // on its address is free to register: so the sweep is held off for this test, or the
        // squatter's refusals race the removal.
        var net = Start(key, seedConfig: FastTimings.Seed with { MemberSweepInterval = TimeSpan.FromHours(1) });
        var peer = await RegisteredPeerAsync("the peer"); // alone: nobody pings it, so nobody reports it while it is down
        var address = peer.Address;
        var identity = ((TcpTransport)peer.Transport).Identity;
        await peer.CrashAsync();

        var squatter = net.AddPeer(address: address);
        await Eventually.HoldsAsync(() => net.Seeds.All(s => LogLines(s).Any(l => l.Contains($"its hello claims {address}, which is registered with key"))),
            "every seed refuses a node with another key at the peer's address", Patience);
        Say($"a node with another key at {address}: {LogLines(net.Seeds[0]).Last(l => l.Contains("is registered with key"))}");
        Assert.That(Peer(squatter).Phase, Is.EqualTo(JoinPhase.Registering), "the node with another key is not registered");
        await squatter.CrashAsync();

        var restarted = net.AddPeer(address: address, identity: identity);
        await Eventually.HoldsAsync(() => Peer(restarted).Phase != JoinPhase.Registering, "the restarted peer registers", Patience);
        long incarnation = Peer(restarted).Incarnation;
        foreach (var s in net.Seeds)
            await Eventually.HoldsAsync(() => s.InvokeAsync(n => ((SeedNode)n).Peers.TryGet(address, out var e, out bool live) && live && e.Incarnation == incarnation),
                $"seed {s.Address} lists the restarted peer's new incarnation", Patience);
        Assert.That(net.Trace.Snapshot().Count(e => e.Kind == TraceKind.Registered && e.Node == address), Is.EqualTo(2),
            "registered in its first life and after the restart, never as the other key");
        Say($"restarted with its key: registered again as incarnation {incarnation} at every seed");
    }

    /// <summary>
    /// Finding 1 with real node processes: a peer SIGKILLed and started again on its address with
    /// its state directory proves the key it made in its first life, and every seed registers it
    /// again (no seed refuses it as another key).
    /// </summary>
    [Test]
    public async Task PeerProcess_KilledAndRestartedWithItsStateDirectory_RegistersAgainWithItsKey()
    {
        string dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "identity-processes", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string seedsFile = Path.Combine(dir, "seeds.txt");
        string parent = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var processes = new List<NodeProcess>();
        NodeProcess Start(string role, string name, string[] args)
        {
            var p = NodeProcess.Start(role, Path.Combine(dir, name), [.. args, "--quiet", "--parent-pid", parent]);
            processes.Add(p);
            return p;
        }
        try
        {
            var seeds = Enumerable.Range(0, 3).Select(i => Start("seed", $"seed-{i}", ["--listen", "127.0.0.1:0", "--seeds", seedsFile, "--seeds-wait", "120", .. FastTimings.SeedArgs])).ToArray();
            var seedAddresses = new List<NodeAddress>();
            foreach (var sp in seeds) seedAddresses.Add(await sp.ListeningAsync(Patience));
            File.WriteAllText(seedsFile + ".tmp", Engine.Config.SeedListFile.Format(seedAddresses));
            File.Move(seedsFile + ".tmp", seedsFile);

            string stateDir = Path.Combine(dir, "peer-state");
            string[] PeerArgs(string listen) => ["--listen", listen, "--seeds", seedsFile, "--state-dir", stateDir, .. FastTimings.PeerArgs];
            var first = Start("peer", "peer-life-1", PeerArgs("127.0.0.1:0"));
            var address = await first.ListeningAsync(Patience);
            await Eventually.HoldsAsync(() => NodeFiles.TraceOf(first).Any(e => e.Kind == TraceKind.Registered), "the peer registers", Patience);
            string made = NodeFiles.LogLines(first).Single(l => l.Contains("node key ") && l.Contains(" made now in "));
            first.Kill();

            var second = Start("peer", "peer-life-2", PeerArgs(address.ToString()));
            Assert.That(await second.ListeningAsync(Patience), Is.EqualTo(address));
            await Eventually.HoldsAsync(() => NodeFiles.TraceOf(second).Any(e => e.Kind == TraceKind.Registered), "the restarted peer registers again", Patience);
            string fingerprint = made.Split("node key ")[1].Split(' ')[0];
            Assert.That(NodeFiles.LogLines(second), Has.Some.Contains($"node key {fingerprint} from {Path.Combine(stateDir, NodeIdentity.FileName)}"), "the same key, from its state directory");
            foreach (var sp in seeds)
                Assert.That(NodeFiles.LogLines(sp), Has.None.Contains($"its hello claims {address}"), "no seed refused it");
            Say($"peer {address}: key {fingerprint} made in its first life; SIGKILLed, started again with its state directory, registered again with the same key");
        }
        finally
        {
            foreach (var p in processes) p.Dispose();
        }
    }

    /// <summary>
    /// Finding 5: a crashed seed's address is taken by a squatter (holding the cluster key in the
    /// keyed case), which sends forged and minority commits removing a live peer at the largest
    /// incarnation and adding a fake one, and answers anti-entropy with them. With the crashed
    /// seed pinned, no seed or peer even talks to the squatter; unpinned, the same now:
    /// the seeds learned its key when they first met. The real seed then restarts on its address
    /// with its key and rejoins.
    /// </summary>
    [TestCase(false, true)]
    [TestCase(false, false)]
    [TestCase(true, true)]
    [TestCase(true, false)]
    public async Task SquatterOnACrashedSeedsAddress_ForgesNoCommit_AndTheSeedRejoins(bool keyed, bool crashedSeedPinned)
    {
        var key = keyed ? ClusterKey.Generate() : null;
        var net = Start(key, pinned: crashedSeedPinned ? [0, 1, 2] : [0, 1]);
        var victim = await RegisteredPeerAsync("the victim");
        long incarnation = Peer(victim).Incarnation;
        var crashed = net.SeedAddresses[2];
        await net.Seeds[2].CrashAsync();

        var fake = NodeAddress.Parse("127.0.0.1:1");
        var forgedVote = new byte[NodeIdentity.SignatureBytes];
        Random.Shared.NextBytes(forgedVote);
        var banned = new MembershipOp(MembershipChange.Remove, new PeerId(victim.Address, long.MaxValue));
        var added = new MembershipOp(MembershipChange.Add, new PeerId(fake, 1));
        CommittedOp Forged(long sequence, MembershipOp op, params SignedVote[] votes) =>
            new(crashed, 99, sequence, op, new CommitProof(op.Change == MembershipChange.Add ? new NodeKey(forgedVote[..32]) : null, votes));
        var forged = new[]
        {
            Forged(1, banned, new SignedVote(crashed, forgedVote), new SignedVote(net.SeedAddresses[0], forgedVote)), // a majority, one vote made up
            Forged(2, banned, new SignedVote(crashed, forgedVote)),                                                   // a minority
            Forged(3, added, new SignedVote(crashed, forgedVote), new SignedVote(crashed, forgedVote)),               // one seed counted twice
            new CommittedOp(crashed, 99, 4, added),                                                                   // no votes at all
        };

        // The squatter listens on the crashed seed's address with its own key, sends the forged
        // commits to the other seeds and answers their anti-entropy with the same operations.
        var squatter = TcpTransport.Listen(crashed, Options(key));
        _others.Add(squatter);
        squatter.Start((from, m, _) =>
        {
            if (m is SyncRequest) squatter.Send(from, new SyncReply(forged, false));
        });
        for (int i = 0; i < 2; i++)
        {
            foreach (var op in forged) squatter.Send(net.SeedAddresses[i], new Commit(op, 2, 3));
            squatter.Send(net.SeedAddresses[i], new SyncRequest([]));
        }
        // A peer takes removal notices from seeds only: from a pinned seed's address, only from its key holder.
        if (crashedSeedPinned) squatter.Send(victim.Address, new RemovalNotice(new PeerId(victim.Address, incarnation), null));

        // Pinned, or learned on first use when the seeds first met: either way only the real seed's key speaks for its address.
        var seeds = net.Seeds.Take(2).ToArray();
        string refusal = crashedSeedPinned ? $"its hello claims {crashed}, which is pinned with key" : $"its hello claims {crashed}, which is a seed learned on first use";
        await Eventually.HoldsAsync(() => seeds.All(s => LogLines(s).Any(l => l.Contains(refusal))), "both seeds refuse the squatter at the handshake", Patience);
        // The notice to the victim travels on a connection of its own: wait until the victim has refused it (before the squatter
        // goes), or "the victim took no forged removal notice" below could hold only because the notice never reached it.
        if (crashedSeedPinned)
            await Eventually.HoldsAsync(() => LogLines(victim).Any(l => l.Contains(refusal)), "the victim refuses the squatter at the handshake", Patience);
        foreach (var s in seeds)
            Say($"seed {s.Address} log: " + string.Join(" | ", LogLines(s).Where(l => l.Contains(crashed.ToString()) && (l.Contains("rejected") || l.Contains("pinned") || l.Contains("first use"))).Take(5)));

        await squatter.DisposeAsync();
        var restarted = await net.RestartSeedAsync(2);
        var newcomer = await RegisteredPeerAsync("a newcomer");
        foreach (var s in net.Seeds)
            await Eventually.HoldsAsync(() => ListsLive(s, newcomer.Address), $"seed {s.Address} lists the newcomer", Patience);
        await Eventually.HoldsAsync(() => ListsLive(restarted, victim.Address), "the restarted seed lists the victim", Patience);

        var trace = net.Trace.Snapshot();
        Assert.That(trace.Where(e => e.Kind == TraceKind.MemberRemoved && e.Peer == victim.Address), Is.Empty, "no seed removed the victim");
        Assert.That(trace.Where(e => e.Kind == TraceKind.MemberAdded && e.Peer == fake), Is.Empty, "no seed added the fake peer");
        foreach (var s in net.Seeds)
        {
            Assert.That(await ListsLive(s, victim.Address), Is.True, $"seed {s.Address} lists the victim");
            Assert.That(await ListsLive(s, fake), Is.False, $"seed {s.Address} does not list the fake peer");
        }
        Assert.That(Peer(victim).Phase, Is.Not.EqualTo(JoinPhase.Registering), "the victim took no forged removal notice");
        Assert.That(trace.Count(e => e.Kind == TraceKind.Registered && e.Node == victim.Address), Is.EqualTo(1), "the victim never had to register again");
        Say($"outcome: the real seed {crashed} restarted with its key and lists the newcomer; the victim is listed at all 3 seeds; the fake at none");
    }

    /// <summary>
    /// Finding 1's setting: an unpinned seed list, a registered victim, the third seed crashed,
    /// and a commit in that seed's name removing the victim at the largest incarnation, with
    /// made-up votes of all three seeds.
    /// </summary>
    private async Task<(InProcessNetwork Net, NodeHost Victim, NodeAddress Crashed, CommittedOp Forged)> ForgedRemovalAfterASeedCrashAsync(ClusterKey? key)
    {
        var net = Start(key, pinned: []);
        var victim = await RegisteredPeerAsync("the victim");
        var crashed = net.SeedAddresses[2];
        await net.Seeds[2].CrashAsync();
        var madeUp = new byte[NodeIdentity.SignatureBytes];
        Random.Shared.NextBytes(madeUp);
        var banned = new MembershipOp(MembershipChange.Remove, new PeerId(victim.Address, long.MaxValue));
        var proof = new CommitProof(null, net.SeedAddresses.Select(s => new SignedVote(s, madeUp)).ToArray());
        return (net, victim, crashed, new CommittedOp(crashed, 99, 1, banned, proof));
    }

    /// <summary>
    /// In the default setup (no seed pinned: what a hand-written seed list
    /// has): after the seeds met, the third seed crashes and a squatter takes its port with its
    /// own key (and the cluster key, keyed). It sends a commit removing a live peer at the largest
    /// incarnation with made-up votes of all three seeds, and a seed list check with another
    /// digest. Both live seeds learned the real seed's key when they first met, so they refuse the
    /// squatter at the handshake; nothing applies, no seed stops, and the real seed restarts with
    /// its key and rejoins.
    /// </summary>
    [TestCase(false)]
    [TestCase(true)]
    public async Task SquatterForgingAMajority_OnAnUnpinnedSeedList_IsRefused_AndNoSeedStops(bool keyed)
    {
        var key = keyed ? ClusterKey.Generate() : null;
        var (net, victim, crashed, forged) = await ForgedRemovalAfterASeedCrashAsync(key);

        var squatter = TcpTransport.Listen(crashed, Options(key));
        _others.Add(squatter);
        squatter.Start((_, _, _) => { });
        for (int i = 0; i < 2; i++)
        {
            squatter.Send(net.SeedAddresses[i], new Commit(forged, 3, 3));
            squatter.Send(net.SeedAddresses[i], new SeedListCheck(0xBAD, 7, IsAnswer: false));
        }
        squatter.Send(victim.Address, new RemovalNotice(new PeerId(victim.Address, Peer(victim).Incarnation), null));

        var seeds = net.Seeds.Take(2).ToArray();
        await Eventually.HoldsAsync(() => seeds.All(s => LogLines(s).Any(l => l.Contains($"its hello claims {crashed}, which is a seed learned on first use"))),
            "both seeds refuse the squatter at the handshake: they learned the real seed's key when they first met", Patience);
        foreach (var s in seeds)
            Say($"seed {s.Address} log: " + LogLines(s).First(l => l.Contains($"its hello claims {crashed}")));

        await squatter.DisposeAsync();
        var restarted = await net.RestartSeedAsync(2);
        var newcomer = await RegisteredPeerAsync("a newcomer");
        foreach (var s in net.Seeds)
            await Eventually.HoldsAsync(() => ListsLive(s, newcomer.Address), $"seed {s.Address} lists the newcomer", Patience);
        await Eventually.HoldsAsync(() => ListsLive(restarted, victim.Address), "the restarted seed lists the victim", Patience);

        Assert.That(seeds.Select(s => s.Completion.IsCompleted), Has.All.False, "no seed stopped");
        var trace = net.Trace.Snapshot();
        Assert.That(trace.Where(e => e.Kind == TraceKind.MemberRemoved && e.Peer == victim.Address), Is.Empty, "no seed removed the victim");
        foreach (var s in net.Seeds) Assert.That(await ListsLive(s, victim.Address), Is.True, $"seed {s.Address} lists the victim");
        // A peer takes an unpinned seed's key from a majority of seeds, and a removal notice only with its proof
        // (SquattedSeedNoticeTests), so the squatter's notice (no proof) changes nothing at the victim.
        Say($"the victim {(Peer(victim).Phase == JoinPhase.Registering || net.Trace.Snapshot().Count(e => e.Kind == TraceKind.Registered && e.Node == victim.Address) > 1 ? "registered again after the squatter's notice (it had not met that seed)" : "took no notice from the squatter")}");
        Say("outcome: no commit applied, no seed stopped; the real seed restarted with its key, lists the victim and the newcomer");
    }

    /// <summary>
    /// The votes themselves: a commit whose every vote is made up is refused
    /// even where the transport lets its sender through (a seed whose key this seed never learned:
    /// it never met it), and so is one carrying this seed's own name; nothing is applied.
    /// </summary>
    [TestCase(false)]
    [TestCase(true)]
    public async Task ACommitOfMadeUpVotes_FromASeedNeverMet_IsRejected_IncludingAVoteInTheCheckingSeedsOwnName(bool keyed)
    {
        var key = keyed ? ClusterKey.Generate() : null;
        var (net, victim, crashed, forged) = await ForgedRemovalAfterASeedCrashAsync(key);
        // Handed to the seeds' loops as if it came from the crashed seed's address: the votes alone must hold.
        foreach (var s in net.Seeds.Take(2))
        {
            await s.InvokeAsync(n => { ((SeedNode)n).OnMessage(crashed, new Commit(forged, 3, 3)); return true; });
        }
        await Eventually.HoldsAsync(() => net.Seeds.Take(2).All(s => LogLines(s).Any(l => l.Contains("rejected a commit from") && l.Contains("does not verify"))),
            "both seeds reject the made-up votes", Patience);
        foreach (var s in net.Seeds.Take(2)) Assert.That(await ListsLive(s, victim.Address), Is.True, $"seed {s.Address} still lists the victim");
        Assert.That(net.Trace.Snapshot().Where(e => e.Kind == TraceKind.MemberRemoved), Is.Empty);
    }
}
