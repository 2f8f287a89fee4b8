using System.Globalization;
using GossipSim.Engine.Config;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.Engine.Trace;
using GossipSim.Engine.Vocabulary;
using GossipSim.RealNet.Cli;
using GossipSim.RealNet.Security;
using GossipSim.RealNet.Storage;
using GossipSim.RealNet.Tests.Support;
using GossipSim.TestSupport;
using static GossipSim.RealNet.Tests.Support.NodeFiles;

namespace GossipSim.RealNet.Tests.Nodes;

/// <summary>
/// Issue 56, 2, on node processes (loopback, ports the OS chose): 3 seeds pinned by key under an operator's key, 4 peers gossiping.
/// A fourth seed, started with --joining, is voted in by the operator's <c>seed-set add</c>; seed 0 is voted out by
/// <c>seed-set remove</c> and stopped; seed 2 is replaced by a fifth (<c>seed-set replace</c>, proposed by the fourth) and stopped;
/// the peers learn each set from the seeds, and a peer that registers afterwards is admitted by the new set's majority. Changes the operator did not sign, or signed for another version, are refused.
/// </summary>
public class SeedSetVoteProcessTests : NodeProcessFixture
{
    private NodeProcess Start(string role, string name, params string[][] args) => StartNode(role, name, args.SelectMany(a => a));

    private string _parent = "";
    private string _seedsFile = "";

    private string KeyPath(int i) => Path.Combine(Dir, $"seed-{i}.key");
    private string StateDir(int i) => Path.Combine(Dir, $"seed-{i}", "state");
    private string OperatorKeyPath => Path.Combine(Dir, "operator.key");

    private string[] SeedArgs(int i) => ["--listen", "127.0.0.1:0", "--seeds", _seedsFile, "--seeds-wait", "120", "--quiet",
        "--parent-pid", _parent, "--key", KeyPath(i), "--state-dir", StateDir(i), .. FastTimings.SeedArgs];

    // Gossip all along (200 messages at 0.5 s: longer than the test), and refreshes every 3 s, so members ask the seeds soon.
    private string[] PeerArgs() => ["--listen", "127.0.0.1:0", "--seeds", _seedsFile, "--quiet", "--parent-pid", _parent,
        "--membership-refresh", "3", .. FastTimings.PeerArgs.Select(a => a == "20" ? "200" : a)];

    private static string MakeKey(string path)
    {
        using var made = NodeIdentity.Create(path, replace: false);
        return made.PublicKey.ToBase64();
    }

    /// <summary>The node executable's <c>seed-set</c> command, run as the operator runs it: its exit code, stdout and stderr.</summary>
    private static (int Code, string Out, string Err) SeedSet(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = NodeCommandLine.Run(["seed-set", .. args], stdout, stderr);
        TestContext.Out.WriteLine($"seed-set {string.Join(' ', args.Take(1))}: exit {code}\n{stdout}{stderr}");
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static SeedSet? SetAt(string stateDir) => SeedSetFile.Peek(stateDir) is { Steps.Length: > 0 } kept ? kept.Steps[^1].Set : null;

    /// <summary>Keys for five seeds and the operator; three seeds started and their list written (each pinned by its key, under the
    /// operator's); <paramref name="peerCount"/> peers started and registered.</summary>
    private async Task<(List<NodeProcess> Seeds, List<NodeAddress> At, string[] Keys, List<NodeProcess> Peers, List<NodeAddress> PeerAt)>
        StartNetworkAsync(int peerCount)
    {
        TestContext.Out.WriteLine($"node output in {Dir}");
        _parent = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        _seedsFile = Path.Combine(Dir, "seeds.txt");
        var keys = Enumerable.Range(0, 5).Select(i => MakeKey(KeyPath(i))).ToArray();
        string operatorKey = MakeKey(OperatorKeyPath);
        var seeds = Enumerable.Range(0, 3).Select(i => Start("seed", $"seed-{i}", SeedArgs(i))).ToList();
        var at = new List<NodeAddress>();
        foreach (var s in seeds) at.Add(await s.ListeningAsync(Patience));
        File.WriteAllText(_seedsFile + ".tmp", SeedListFile.Format(at.Select((a, i) => (a, keys[i])), operatorKey));
        File.Move(_seedsFile + ".tmp", _seedsFile);
        var peers = new List<NodeProcess>();
        var peerAt = new List<NodeAddress>();
        for (int i = 0; i < peerCount; i++)
        {
            var p = Start("peer", $"peer-{i}", PeerArgs());
            peerAt.Add(await p.ListeningAsync(Patience));
            peers.Add(p);
        }
        await Eventually.HoldsAsync(() => peers.All(p => p.Status("registered") == "True"), $"the {peerCount} peers register", Patience);
        return (seeds, at, keys, peers, peerAt);
    }

    [Test]
    public async Task ASeedIsVotedIn_OneVotedOut_OneReplaced_ByTheOperatorsSignedChanges_WhilePeersGossip_AndNoLivePeerIsRemoved()
    {
        var (seeds, at, keys, peers, _) = await StartNetworkAsync(peerCount: 4);

        // The new seed starts with the network's list, which does not name it.
        var joining = Start("seed", "seed-3", SeedArgs(3), ["--joining"]);
        var newSeed = await joining.ListeningAsync(Patience);
        await Eventually.HoldsAsync(() => LogLines(joining).Any(l => l.Contains("joining: not in the seed list")), "the new seed says it joins",
            Patience);

        // A change signed by anyone but the operator is refused by the seed it is handed to, and nothing is proposed.
        string stranger = Path.Combine(Dir, "stranger.key");
        MakeKey(stranger);
        var forged = SeedSet("add", "--state-dir", StateDir(0), "--operator-key", stranger, "--address", newSeed.ToString(),
            "--key", keys[3], "--wait", "0");
        Assert.That(forged.Code, Is.EqualTo(ExitCodes.Failed));
        Assert.That(forged.Err, Does.Contain("carries no approval of the operator's at version 0"));
        Assert.That(SetAt(StateDir(0)), Is.Null, "no step was taken");

        // The operator's change: decided in two steps, the joint set then the new set.
        var add = SeedSet("add", "--state-dir", StateDir(0), "--operator-key", OperatorKeyPath, "--address", newSeed.ToString(),
            "--key", keys[3], "--wait", "120");
        Assert.That(add.Code, Is.EqualTo(ExitCodes.Ok), add.Err);
        Assert.That(add.Out, Does.Contain("decided: the seed set is version 2"));
        var four = at.Append(newSeed).ToArray();
        await Eventually.HoldsAsync(() => Enumerable.Range(0, 4).All(i => SetAt(StateDir(i)) is { Version: 2, IsJoint: false } s
            && s.Seeds.ToHashSet().SetEquals(four)), "every seed, the new one too, holds version 2 with 4 seeds", Patience);
        await Eventually.HoldsAsync(() => peers.All(p => LogLines(p).Any(l => l.Contains("seed set now version 2"))),
            "every peer learns version 2 from the seeds", Patience);

        // The same approval handed again, now that the set is at version 2: refused (an approval is for one version).
        var replay = SeedSetRequestFile.Format(new SeedSetRequestFile.Request(SeedSetChangeKind.Remove, at[1], null, default, 2,
            ApprovalAt(SeedSetChange.Remove(at[1]), 0)));
        File.WriteAllText(Path.Combine(StateDir(2), SeedSetRequestFile.RequestName), replay);
        await Eventually.HoldsAsync(() => File.Exists(Path.Combine(StateDir(2), SeedSetRequestFile.AnswerName)), "seed 2 answers", Patience);
        Assert.That(File.ReadAllText(Path.Combine(StateDir(2), SeedSetRequestFile.AnswerName)),
            Does.Contain("carries no approval of the operator's at version 2"));

        // Seed 0 is voted out through seed 1, then stopped: the set is seeds 1, 2 and the new one.
        var remove = SeedSet("remove", "--state-dir", StateDir(1), "--operator-key", OperatorKeyPath, "--address", at[0].ToString(),
            "--wait", "120");
        Assert.That(remove.Code, Is.EqualTo(ExitCodes.Ok), remove.Err);
        Assert.That(remove.Out, Does.Contain("decided: the seed set is version 4"));
        await Eventually.HoldsAsync(() => peers.All(p => LogLines(p).Any(l => l.Contains("seed set now version 4"))),
            "every peer learns version 4", Patience);
        seeds[0].Terminate();
        Assert.That(seeds[0].WaitForExit(TimeSpan.FromSeconds(60)), "seed 0 stops");

        // Seed 2 is replaced by a fifth seed, the change handed to the seed voted in first: the set is seeds 1, 3 and 4.
        var fifth = Start("seed", "seed-4", SeedArgs(4), ["--joining"]);
        var fifthAt = await fifth.ListeningAsync(Patience);
        var replace = SeedSet("replace", "--state-dir", StateDir(3), "--operator-key", OperatorKeyPath, "--replaces", at[2].ToString(),
            "--address", fifthAt.ToString(), "--key", keys[4], "--wait", "120");
        Assert.That(replace.Code, Is.EqualTo(ExitCodes.Ok), replace.Err);
        Assert.That(replace.Out, Does.Contain("decided: the seed set is version 6"));
        await Eventually.HoldsAsync(() => peers.All(p => LogLines(p).Any(l => l.Contains("seed set now version 6"))),
            "every peer learns version 6", Patience);
        seeds[2].Terminate();
        Assert.That(seeds[2].WaitForExit(TimeSpan.FromSeconds(60)), "seed 2 stops");

        // A peer that comes now is admitted by the new set's majority: seeds 0 and 2 are gone, the two voted in count.
        var late = Start("peer", "peer-late", PeerArgs());
        await late.ListeningAsync(Patience);
        await Eventually.HoldsAsync(() => late.Status("registered") == "True", "a peer started after the changes registers", Patience);
        Assert.That(LogLines(late).Any(l => l.Contains("seed set now version 6")), "the late peer learned the set in force");
        TestContext.Out.WriteLine($"the late peer: {LogLines(late).FirstOrDefault(l => l.Contains("registered with seeds"))}");

        // Gossip went on all along, and no live peer was removed by any seed.
        var removed = seeds.Append(joining).Append(fifth).SelectMany(TraceOf).Where(e => e.Kind == TraceKind.Committed && e.Detail == "remove")
            .Select(e => e.Peer).ToArray();
        Assert.That(removed, Is.Empty, "no seed committed a removal: every peer stayed up");
        Assert.That(peers.All(p => !p.HasExited), "every peer still runs");
    }

    /// <summary>
    /// Two of three seeds the operator replaced (their hosts taken, say) were a majority of the first set, and hold their keys: they
    /// sign a removal of a live peer at version 0, where their two votes are a majority, and send it to the seeds of the new set
    /// from seed 0's address, proving seed 0's key, as a commit and as an anti-entropy reply. The seeds of the set take nothing
    /// from a seed voted out once its grace has passed (docs/security.md, "Seeds voted out").
    /// </summary>
    [Test]
    public async Task TwoSeedsVotedOut_SignARemovalAtTheFirstVersion_AndTheSeedsOfTheNewSetRefuseIt()
    {
        var (seeds, at, keys, peers, peerAt) = await StartNetworkAsync(peerCount: 2);

        // Seeds 0 and 1 are replaced by seeds 3 and 4, one after the other, and stopped: the set is seeds 2, 3 and 4 (version 4).
        var current = new List<NodeProcess> { seeds[2] };
        for (int k = 0; k < 2; k++)
        {
            var fresh = Start("seed", $"seed-{3 + k}", SeedArgs(3 + k), ["--joining"]);
            var freshAt = await fresh.ListeningAsync(Patience);
            current.Add(fresh);
            var replace = SeedSet("replace", "--state-dir", StateDir(2), "--operator-key", OperatorKeyPath, "--replaces", at[k].ToString(),
                "--address", freshAt.ToString(), "--key", keys[3 + k], "--wait", "120");
            Assert.That(replace.Code, Is.EqualTo(ExitCodes.Ok), replace.Err);
            seeds[k].Terminate();
            Assert.That(seeds[k].WaitForExit(TimeSpan.FromSeconds(60)), $"seed {k} stops");
        }
        await Eventually.HoldsAsync(() => new[] { 2, 3, 4 }.All(i => SetAt(StateDir(i)) is { Version: 4, IsJoint: false }),
            "seeds 2, 3 and 4 hold version 4", Patience);
        var victim = new PeerId(peerAt[0], long.Parse(peers[0].Status("incarnation")!, CultureInfo.InvariantCulture));

        // Past the grace (twice the proposal timeout, 10 s here), the forgery: votes that verify under seed 0's and seed 1's pinned keys.
        await Task.Delay(TimeSpan.FromSeconds(12));
        var op = new MembershipOp(MembershipChange.Remove, victim);
        using var key0 = NodeIdentity.LoadOrCreate(KeyPath(0), out _, out _);
        using var key1 = NodeIdentity.LoadOrCreate(KeyPath(1), out _, out _);
        var votes = new[] { new SignedVote(at[0], new SeedIdentity(key0, new KeyBook()).Sign(op, null, 0)),
                            new SignedVote(at[1], new SeedIdentity(key1, new KeyBook()).Sign(op, null, 0)) };
        var forged = new CommittedOp(at[0], 1, 1_000_000, op, new CommitProof(null, votes, 0));
        foreach (var target in current)
        {
            using var client = await RawClient.ConnectAsync(await target.ListeningAsync(Patience));
            client.Identity = key0;
            Assert.That(await client.HandshakeAndSendAsync(null, at[0], new Commit(forged, 2, 3),
                new SyncReply([forged with { Sequence = 1_000_001 }], false)), Is.True, "seed 0's key opens the connection");
        }
        bool Refused(NodeProcess s) => LogLines(s).Count(l => l.Contains($"from {at[0]}") && l.Contains("ignored unexpected")) >= 2;
        bool Removed(NodeProcess s) => TraceOf(s).Any(e => e.Kind == TraceKind.MemberRemoved && e.Peer == victim.Address);
        await Eventually.HoldsAsync(() => current.All(s => Refused(s) || Removed(s)),
            "each seed of the set refused the commit and the sync reply, or took them", Patience);
        Assert.That(current.Where(Removed).Select(s => Path.GetFileName(s.OutDir)), Is.Empty, "no seed of the set removed the live peer");
        Assert.That(current.All(Refused), "each refused both, from a seed voted out");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.That(peers[0].Status("registered"), Is.EqualTo("True"), "the peer is still a member");
    }

    private byte[] ApprovalAt(SeedSetChange change, long version)
    {
        using var key = NodeIdentity.LoadOrCreate(OperatorKeyPath, out _, out _);
        return OperatorApproval.Sign(key, change, version);
    }
}
