using System.Diagnostics;
using GossipSim.Engine.Core;
using GossipSim.Engine.Messages;
using GossipSim.RealNet.Security;

namespace GossipSim.RealNet.Tests.Security;

/// <summary>
/// A real seed's vote checks, with the bytes a vote signs built once per operation and one
/// verifier per pinned key: the same verdicts as a fresh check per vote.
/// </summary>
public class SeedIdentityTests
{
    private static readonly NodeAddress Seed1 = NodeAddress.Parse("127.0.0.1:5001");
    private static readonly NodeAddress Seed2 = NodeAddress.Parse("127.0.0.1:5002");
    private static readonly MembershipOp Add = new(MembershipChange.Add, new PeerId(NodeAddress.Parse("127.0.0.1:6001"), 65536));
    private static readonly NodeKey PeerKey = new([4, 1, 2, 3]);

    private static (SeedIdentity Checker, NodeIdentity[] Seeds) Pinned(int seeds)
    {
        var keys = Enumerable.Range(0, seeds).Select(_ => NodeIdentity.Ephemeral()).ToArray();
        var book = new KeyBook();
        for (int i = 0; i < seeds; i++) book.Pin(SeedAt(i), keys[i].PublicKey);
        return (new SeedIdentity(NodeIdentity.Ephemeral(), book), keys);
    }

    private static NodeAddress SeedAt(int i) => new(0x7F000001, (ushort)(5001 + i));

    private static byte[] VoteOf(NodeIdentity seed, in MembershipOp op, NodeKey? peerKey) => new SeedIdentity(seed, new KeyBook()).Sign(op, peerKey);

    public enum Tamper { None, OtherOperation, OtherPeerKey, OtherSigner, FlippedByte, Truncated }

    [TestCase(Tamper.None, true)]
    [TestCase(Tamper.OtherOperation, false)]
    [TestCase(Tamper.OtherPeerKey, false)]
    [TestCase(Tamper.OtherSigner, false)]
    [TestCase(Tamper.FlippedByte, false)]
    [TestCase(Tamper.Truncated, false)]
    public void Verify_TakesOnlyThePinnedSeedsVote_OnExactlyThatOperation(Tamper tamper, bool expected)
    {
        var (checker, seeds) = Pinned(2);
        byte[] vote = VoteOf(seeds[0], Add, PeerKey);
        Assert.That(checker.Verify(Seed1, Add, PeerKey, vote), Is.True, "warm the caches with a good vote first");
        var op = tamper == Tamper.OtherOperation ? Add with { Change = MembershipChange.Remove } : Add;
        var key = tamper == Tamper.OtherPeerKey ? new NodeKey([4, 9]) : PeerKey;
        var voter = tamper == Tamper.OtherSigner ? Seed2 : Seed1;
        if (tamper == Tamper.FlippedByte) vote[10] ^= 1;
        if (tamper == Tamper.Truncated) vote = vote[..^1];
        Assert.That(checker.Verify(voter, op, key, vote), Is.EqualTo(expected));
    }

    [Test]
    public void Verify_OfAnUnpinnedSeed_CountsOnItsConnection()
    {
        var (checker, _) = Pinned(1);
        Assert.That(checker.Verify(Seed2, Add, null, []), Is.True);
    }

    [Test]
    public void Verify_StaysRight_PastTheVerifierBound()
    {
        int n = SeedIdentity.MaxVerifiers + 5;
        var (checker, seeds) = Pinned(n);
        var votes = seeds.Select(s => VoteOf(s, Add, null)).ToArray();
        for (int round = 0; round < 2; round++)
            for (int i = 0; i < n; i++)
            {
                Assert.That(checker.Verify(SeedAt(i), Add, null, votes[i]), Is.True);
                Assert.That(checker.Verify(SeedAt(i), Add, null, votes[(i + 1) % n]), Is.False);
            }
    }

    /// <summary>
    /// Not a timed assertion: the verdicts must agree; the times go to the test output, for
    /// docs/performance.md (run with --logger "console;verbosity=detailed"). The two ways take
    /// turns, a block of commits each, so a busy machine slows both alike; the median block counts.
    /// </summary>
    [Test]
    public void CheckingCommits_GivesTheVerdictsOfAFreshCheckPerVote_AndTimesBoth()
    {
        const int blocks = 9, commits = 50;
        var (checker, seeds) = Pinned(3);
        var ops = Enumerable.Range(0, commits).Select(i => Add with { Peer = new PeerId(new NodeAddress(0x0A000000 + (uint)i, 7000), 65536) }).ToArray();
        var votes = ops.Select(op => seeds.Select(s => VoteOf(s, op, PeerKey)).ToArray()).ToArray();
        var freshTimes = new List<double>();
        var cachedTimes = new List<double>();
        for (int b = 0; b < blocks; b++)
        {
            var clock = Stopwatch.StartNew();
            int yes = 0;
            for (int c = 0; c < commits; c++)
                for (int v = 0; v < 2; v++) // a commit carries a majority: 2 of 3
                    if (NodeIdentity.Verify(seeds[v].PublicKey, SeedIdentity.VoteBytes(ops[c], PeerKey), votes[c][v])) yes++;
            freshTimes.Add(clock.Elapsed.TotalMicroseconds / (2 * commits));
            Assert.That(yes, Is.EqualTo(2 * commits));
            clock.Restart();
            yes = 0;
            for (int c = 0; c < commits; c++)
                for (int v = 0; v < 2; v++)
                    if (checker.Verify(SeedAt(v), ops[c], PeerKey, votes[c][v])) yes++;
            cachedTimes.Add(clock.Elapsed.TotalMicroseconds / (2 * commits));
            Assert.That(yes, Is.EqualTo(2 * commits));
        }
        double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        TestContext.Out.WriteLine($"vote check, median of {blocks} blocks of {2 * commits}: a fresh verifier and vote bytes per vote {Median(freshTimes):0.0} us; " +
                                  $"cached {Median(cachedTimes):0.0} us");
    }
}
